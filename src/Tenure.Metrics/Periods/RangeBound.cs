using System.Globalization;

namespace Tenure.Metrics.Periods;

/// <summary>
/// The text of a range bound (`--from` / `--to`, `from=` / `to=`), read the same way on every surface:
/// a date yyyy-MM-dd (that day's 00:00 UTC) or an ISO-8601 date-time, UTC unless it carries an offset.
/// Nothing else: "01/02/2024" is refused rather than guessed as January or February.
/// </summary>
public static class RangeBound
{
    private static readonly string[] DateTimes =
    [
        "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mmK", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
    ];

    /// <summary>The instant (UTC, Kind = Utc) <paramref name="text"/> names, or false when it is not one of the accepted forms.</summary>
    public static bool TryParse(string? text, out DateTime instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        text = text.Trim();
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
        {
            instant = DateTime.SpecifyKind(date, DateTimeKind.Utc);
            return true;
        }
        if (DateTimeOffset.TryParseExact(text, DateTimes, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
        {
            instant = moment.UtcDateTime;
            return true;
        }
        return false;
    }
}
