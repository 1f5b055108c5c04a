using System.Globalization;

namespace Tenure.Metrics.Periods;

/// <summary>
/// The text of a range bound (`--from` / `--to`, `from=` / `to=`), read the same way on every surface:
/// a date yyyy-MM-dd (that day's 00:00 UTC) or an ISO-8601 date-time, UTC unless it carries an offset.
/// Nothing else: "01/02/2024" is refused rather than guessed as January or February. Every surface also
/// holds an instant to the supported calendar [<see cref="Earliest"/>, <see cref="Latest"/>] (<see cref="IsSupported"/>):
/// customer data lives there, and the calendar arithmetic around a period (the previous one, the next one)
/// stays far from the ends of <see cref="DateTime"/>.
/// </summary>
public static class RangeBound
{
    /// <summary>The earliest instant a request may name: 1900-01-01 00:00 UTC.</summary>
    public static readonly DateTime Earliest = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The latest instant a request may name: 2201-01-01 00:00 UTC (so a range may end with the year 2200).</summary>
    public static readonly DateTime Latest = new(2201, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>"1900-01-01 to 2201-01-01", for messages.</summary>
    public const string SupportedText = "1900-01-01 to 2201-01-01";

    /// <summary>True when <paramref name="instant"/> is within [<see cref="Earliest"/>, <see cref="Latest"/>] (both ends included).</summary>
    public static bool IsSupported(DateTime instant) => instant >= Earliest && instant <= Latest;

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
        if (TryParseDay(text, out instant))
            return true;
        if (DateTimeOffset.TryParseExact(text, DateTimes, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
        {
            instant = moment.UtcDateTime;
            return true;
        }
        return false;
    }

    /// <summary>
    /// The day <paramref name="text"/> names as yyyy-MM-dd (surrounding white space ignored), as that day's 00:00 UTC
    /// (Kind = Utc); false for any other form, a date-time included. The supported calendar is not checked here.
    /// </summary>
    public static bool TryParseDay(string? text, out DateTime day)
    {
        day = default;
        if (!DateTime.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
            return false;
        day = DateTime.SpecifyKind(date, DateTimeKind.Utc);
        return true;
    }
}
