using Tenure.Metrics.Catalogue;

namespace Tenure.Metrics.Tallies;

/// <summary>The reported figure of a duration metric (METRICS.md conventions).</summary>
public static class DurationSummary
{
    /// <summary>
    /// The mean of <paramref name="sample"/> (sum / count, also given as numerator and denominator)
    /// with its median and p90; no value for an empty sample.
    /// </summary>
    public static MetricValue Of(DurationSample sample)
    {
        if (sample.Count == 0) return new MetricValue(null, 0m, 0m);
        var values = sample.ToArray();
        return new MetricValue(
            sample.Sum / sample.Count,
            sample.Sum,
            sample.Count,
            Statistics.Median(values),
            Statistics.Percentile(values, 0.9m));
    }

    /// <summary>A duration in hours, exact to the tick.</summary>
    public static decimal Hours(TimeSpan duration) => (decimal)duration.Ticks / TimeSpan.TicksPerHour;

    /// <summary>A duration in days, exact to the tick.</summary>
    public static decimal Days(TimeSpan duration) => (decimal)duration.Ticks / TimeSpan.TicksPerDay;
}
