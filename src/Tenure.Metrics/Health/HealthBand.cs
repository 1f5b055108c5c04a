namespace Tenure.Metrics.Health;

/// <summary>The band of a health score: green (healthy), yellow (slipping), red (at risk).</summary>
public enum HealthBand { Green, Yellow, Red }

/// <summary>Band ids as the command, the API and health.json write them.</summary>
public static class HealthBands
{
    public static string Id(this HealthBand band) => band switch
    {
        HealthBand.Green => "green",
        HealthBand.Yellow => "yellow",
        HealthBand.Red => "red",
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "Unknown band."),
    };

    /// <summary>green, yellow or red (case-insensitive, trimmed), or false.</summary>
    public static bool TryParse(string? text, out HealthBand band)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "green": band = HealthBand.Green; return true;
            case "yellow": band = HealthBand.Yellow; return true;
            case "red": band = HealthBand.Red; return true;
            default: band = default; return false;
        }
    }
}
