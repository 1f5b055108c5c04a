namespace Tenure.Metrics.Inputs;

/// <summary>The answer scale of a survey question, as written in surveys.csv ("0-10", "1-5", "1-7", "1-10").</summary>
public enum Scale { ZeroToTen, OneToFive, OneToSeven, OneToTen }

public static class Scales
{
    public static bool TryParse(string? text, out Scale scale)
    {
        switch (text?.Trim())
        {
            case "0-10": scale = Scale.ZeroToTen; return true;
            case "1-5": scale = Scale.OneToFive; return true;
            case "1-7": scale = Scale.OneToSeven; return true;
            case "1-10": scale = Scale.OneToTen; return true;
            default: scale = default; return false;
        }
    }

    public static string Format(this Scale scale) => scale switch
    {
        Scale.ZeroToTen => "0-10",
        Scale.OneToFive => "1-5",
        Scale.OneToSeven => "1-7",
        Scale.OneToTen => "1-10",
        _ => throw new ArgumentOutOfRangeException(nameof(scale)),
    };

    public static int Min(this Scale scale) => scale == Scale.ZeroToTen ? 0 : 1;

    public static int Max(this Scale scale) => scale switch
    {
        Scale.OneToFive => 5,
        Scale.OneToSeven => 7,
        _ => 10,
    };

    /// <summary>
    /// "Positive" / satisfied per METRICS.md: 1-5 -> 4-5; 1-7 -> 5-7; 1-10 and 0-10 -> 6-10 (HubSpot's rule).
    /// </summary>
    public static bool IsPositive(this Scale scale, int score) => scale switch
    {
        Scale.OneToFive => score >= 4,
        Scale.OneToSeven => score >= 5,
        _ => score >= 6,
    };

    /// <summary>Dissatisfied per METRICS.md: 1-5 -> 1-2; 1-7 -> 1-3; 10-point -> 0-4.</summary>
    public static bool IsDissatisfied(this Scale scale, int score) => scale switch
    {
        Scale.OneToFive => score <= 2,
        Scale.OneToSeven => score <= 3,
        _ => score <= 4,
    };
}
