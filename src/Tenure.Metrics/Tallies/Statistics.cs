namespace Tenure.Metrics.Tallies;

/// <summary>The order statistics METRICS.md uses for durations.</summary>
public static class Statistics
{
    /// <summary>The middle value, or the mean of the two middle values; null for no values. Sorts <paramref name="values"/> in place.</summary>
    public static decimal? Median(decimal[] values) => Percentile(values, 0.5m);

    /// <summary>
    /// The p-th percentile (0..1) by linear interpolation between closest ranks: the R-7 / Excel
    /// PERCENTILE.INC definition, h = (n - 1) p. Null for no values. Sorts <paramref name="values"/> in place.
    /// </summary>
    public static decimal? Percentile(decimal[] values, decimal p)
    {
        if (values.Length == 0) return null;
        if (p < 0m || p > 1m) throw new ArgumentOutOfRangeException(nameof(p), "A percentile is between 0 and 1.");
        Array.Sort(values);
        var h = (values.Length - 1) * p;
        var lower = (int)decimal.Floor(h);
        var upper = Math.Min(lower + 1, values.Length - 1);
        return values[lower] + (h - lower) * (values[upper] - values[lower]);
    }
}
