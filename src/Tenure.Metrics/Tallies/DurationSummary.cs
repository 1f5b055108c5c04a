using Tenure.Metrics.Catalogue;

namespace Tenure.Metrics.Tallies;

/// <summary>The reported figure of a duration metric (METRICS.md conventions).</summary>
public static class DurationSummary
{
    /// <summary>
    /// The mean of <paramref name="sample"/> (sum / count, also given as numerator and denominator)
    /// with its median and p90; no value for an empty sample. The sum is taken over the values in
    /// ascending order: durations in hours carry 28 digits, whose last one would otherwise depend on the order
    /// the observations were collected in, and merged account partitions must finish to the whole's figure exactly.
    /// </summary>
    public static MetricValue Of(DurationSample sample)
    {
        if (sample.Count == 0) return new MetricValue(null, 0m, 0m);
        return sample.ReadAscending(static (values, sum) => new MetricValue(
            sum / values.Length,
            sum,
            values.Length,
            Statistics.PercentileOfSorted(values, 0.5m),
            Statistics.PercentileOfSorted(values, 0.9m)));
    }

    /// <summary>A duration in hours, exact to the tick.</summary>
    public static decimal Hours(TimeSpan duration) => (decimal)duration.Ticks / TimeSpan.TicksPerHour;

    /// <summary>A duration in days, exact to the tick.</summary>
    public static decimal Days(TimeSpan duration) => (decimal)duration.Ticks / TimeSpan.TicksPerDay;
}
