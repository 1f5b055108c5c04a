using Tenure.Metrics.Periods;

namespace Tenure.Metrics.Health;

/// <summary>The day a health score is for, as the command's --at and the API's at= give it.</summary>
public static class HealthDay
{
    /// <summary>What a valid day looks like, for error messages.</summary>
    public const string Expected = "a date yyyy-MM-dd from " + RangeBound.SupportedText + ", e.g. 2024-06-01";

    /// <summary>
    /// A day written yyyy-MM-dd, as its 00:00 UTC, within <see cref="RangeBound.Earliest"/>..<see cref="RangeBound.Latest"/>
    /// (the range every Tenure date parameter accepts; the windows reach up to 10 years back from it). False otherwise.
    /// </summary>
    public static bool TryParse(string? text, out DateTime day)
    {
        if (RangeBound.TryParseDay(text, out day) && RangeBound.IsSupported(day))
            return true;
        day = default;
        return false;
    }
}
