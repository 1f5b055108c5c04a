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
        SortAscending(values);
        return PercentileOfSorted(values, p);
    }

    /// <summary>
    /// Sorts <paramref name="values"/> in ascending order, as <see cref="Array.Sort(Array)"/> does but faster for many
    /// values: sorted by their nearest doubles first (comparing two doubles is cheap, two decimals is not), then each run of
    /// equal doubles by the decimals themselves. Checked after: should a conversion ever put two values out of order, the
    /// decimals are sorted again as they are.
    /// </summary>
    public static void SortAscending(decimal[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (IsAscending(values)) return;
        if (values.Length < SortByDoubleFrom)
        {
            Array.Sort(values);
            return;
        }
        var keys = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
            keys[i] = (double)values[i];
        Array.Sort(keys, values);
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start]) end++;
            if (end - start > 1) Array.Sort(values, start, end - start);
            start = end;
        }
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i - 1] > values[i])
            {
                Array.Sort(values);
                return;
            }
        }
    }

    /// <summary>
    /// <paramref name="indexes"/> (into <paramref name="values"/>) ordered by their values, ascending; equal values keep no
    /// particular order. Sorted like <see cref="SortAscending"/>: by the values' doubles, runs of equal doubles by the
    /// decimals, checked after. <paramref name="indexes"/> is sorted in place and returned.
    /// </summary>
    public static int[] OrderOf(decimal[] values, int[] indexes)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(indexes);
        var byValue = Comparer<int>.Create((x, y) => values[x].CompareTo(values[y]));
        var keys = new double[indexes.Length];
        for (var i = 0; i < indexes.Length; i++)
            keys[i] = (double)values[indexes[i]];
        Array.Sort(keys, indexes);
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start]) end++;
            if (end - start > 1) Array.Sort(indexes, start, end - start, byValue);
            start = end;
        }
        for (var i = 1; i < indexes.Length; i++)
        {
            if (values[indexes[i - 1]] > values[indexes[i]])
            {
                Array.Sort(indexes, byValue);
                break;
            }
        }
        return indexes;
    }

    private static bool IsAscending(decimal[] values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i - 1] > values[i]) return false;
        }
        return true;
    }

    /// <summary>The count from which <see cref="SortAscending"/> sorts by doubles first (below it the decimals' own sort is as fast).</summary>
    private const int SortByDoubleFrom = 256;

    /// <summary><see cref="Percentile"/> of values already in ascending order (not checked), which it leaves as they are.</summary>
    public static decimal? PercentileOfSorted(ReadOnlySpan<decimal> sorted, decimal p)
    {
        if (sorted.Length == 0) return null;
        if (p < 0m || p > 1m) throw new ArgumentOutOfRangeException(nameof(p), "A percentile is between 0 and 1.");
        var h = (sorted.Length - 1) * p;
        var lower = (int)decimal.Floor(h);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
    }
}
