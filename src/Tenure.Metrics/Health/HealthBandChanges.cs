namespace Tenure.Metrics.Health;

/// <summary>A day an account's health band changed: on <see cref="Day"/> it was <see cref="To"/>, on its previous scored day <see cref="From"/>.</summary>
/// <param name="Day">The first day in the new band (00:00 UTC).</param>
/// <param name="From">The band of the previous day that had one.</param>
/// <param name="To">The band on <paramref name="Day"/>.</param>
public readonly record struct HealthBandChange(DateTime Day, HealthBand From, HealthBand To);

/// <summary>An account's health on one day of its history: the score and band of METRICS.md "Account health score" at that day's 00:00 UTC.</summary>
/// <param name="Day">The day (00:00 UTC).</param>
/// <param name="Score">0-100, one decimal; null when no weighted factor had data that day.</param>
/// <param name="Band">The band of <paramref name="Score"/>; null with it.</param>
public readonly record struct HealthOnDay(DateTime Day, decimal? Score, HealthBand? Band);

/// <summary>Turns an account's daily health series into the days its band changed ("green to red on 3 May 2026").</summary>
public static class HealthBandChanges
{
    /// <summary>
    /// The band changes of <paramref name="days"/>, oldest first. The days are read in date order (they need not
    /// come sorted; a day given twice keeps its last entry). A change is a day whose band differs from the band of
    /// the latest earlier day that had one: days without a band (no score that day) and missing days (not a
    /// customer, not recorded) are skipped, so green, (no score), red is one change, green to red, on the red day.
    /// The first banded day is no change. Empty or band-less input gives no changes.
    /// </summary>
    public static IReadOnlyList<HealthBandChange> Of(IEnumerable<HealthOnDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var byDay = new SortedDictionary<DateTime, HealthBand?>();
        foreach (var day in days)
            byDay[day.Day] = day.Band;
        var changes = new List<HealthBandChange>();
        HealthBand? previous = null;
        foreach (var (day, band) in byDay)
        {
            if (band is not { } now) continue;
            if (previous is { } before && before != now)
                changes.Add(new HealthBandChange(day, before, now));
            previous = now;
        }
        return changes;
    }
}
