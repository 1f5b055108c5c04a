using Tenure.Metrics.Catalogue;

namespace Tenure.Metrics.Tallies;

/// <summary>The reported figure of a duration metric (METRICS.md conventions), from its observations in ticks.</summary>
public static class DurationSummary
{
    /// <summary>A duration metric reported in hours (<see cref="Of"/>).</summary>
    public static MetricValue InHours(DurationSample sample) => Of(sample, TimeSpan.TicksPerHour);

    /// <summary>A duration metric reported in minutes (<see cref="Of"/>).</summary>
    public static MetricValue InMinutes(DurationSample sample) => Of(sample, TimeSpan.TicksPerMinute);

    /// <summary>A duration metric reported in days (<see cref="Of"/>).</summary>
    public static MetricValue InDays(DurationSample sample) => Of(sample, TimeSpan.TicksPerDay);

    /// <summary>
    /// The mean of <paramref name="sample"/> in units of <paramref name="unitTicks"/> ticks (sum / count, also given as
    /// numerator and denominator) with its median and p90; no value for an empty sample. The sum is the exact total
    /// of the observations' ticks, divided by the unit once (ADR 0415): the same to the last of 28 digits whatever the
    /// order the observations were collected or merged in, so merged account partitions finish to the whole's figure. The
    /// median and p90 are worked out from the observations they fall between, each divided by the unit.
    /// </summary>
    public static MetricValue Of(DurationSample sample, long unitTicks)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(unitTicks);
        if (sample.Count == 0) return new MetricValue(null, 0m, 0m);
        var sum = (decimal)sample.Ticks / unitTicks;
        return sample.ReadAscending(values => new MetricValue(
            sum / values.Length,
            sum,
            values.Length,
            Statistics.PercentileOfSorted(values, 0.5m, unitTicks),
            Statistics.PercentileOfSorted(values, 0.9m, unitTicks)));
    }

    /// <summary>
    /// <paramref name="minutes"/> (handle_minutes as given) in ticks, to the nearest tick: exact for up to eight decimal
    /// places (a tick is 1/600,000,000 of a minute).
    /// </summary>
    public static long TicksOfMinutes(decimal minutes) => decimal.ToInt64(decimal.Round(minutes * TimeSpan.TicksPerMinute));
}
