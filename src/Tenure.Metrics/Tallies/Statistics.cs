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
    /// values: values already ascending are left as they are, a few ascending runs one after the other (the sorted
    /// samples of several cells) are merged, and anything else is sorted by the values' nearest doubles first (comparing
    /// two doubles is cheap, two decimals is not), then each run of equal doubles by the decimals themselves. Checked
    /// after: should a conversion ever put two values out of order, the decimals are sorted again as they are.
    /// </summary>
    public static void SortAscending(decimal[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var runs = AscendingRuns(values);
        if (runs is null || runs.Count == 1) return; // none (empty) or one: sorted already
        if (runs.Count <= MergedRunsUpTo && values.Length >= SortByDoubleFrom)
        {
            // A few ascending runs, as the sorted samples of several cells one after the other: merged, not sorted again.
            MergeRuns(values, runs);
            return;
        }
        if (values.Length < SortByDoubleFrom)
        {
            Array.Sort(values);
            return;
        }
        var keys = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
            keys[i] = (double)values[i];
        SortByDoubles(keys, values, Comparer<decimal>.Default);
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
        SortByDoubles(keys, indexes, byValue);
        return indexes;
    }

    /// <summary>
    /// <paramref name="indexes"/> (into <paramref name="keys"/>) ordered by their keys, ascending; equal keys keep no particular
    /// order. For values that are a key over a positive constant (a duration's hours are its ticks over the ticks of an
    /// hour): the same order as theirs, without comparing decimals. <paramref name="indexes"/> is sorted in place and returned.
    /// </summary>
    public static int[] OrderOf(long[] keys, int[] indexes)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(indexes);
        var sorted = new long[indexes.Length];
        for (var i = 0; i < indexes.Length; i++)
            sorted[i] = keys[indexes[i]];
        Array.Sort(sorted, indexes);
        return indexes;
    }

    /// <summary>
    /// Sorts <paramref name="items"/> by <paramref name="keys"/> (their values' nearest doubles), then each run of equal
    /// keys by <paramref name="exact"/>; should the doubles ever have put two items out of order, sorts them again by
    /// <paramref name="exact"/> alone.
    /// </summary>
    private static void SortByDoubles<T>(double[] keys, T[] items, IComparer<T> exact)
    {
        Array.Sort(keys, items);
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start]) end++;
            // A run of equal doubles is most often of equal values (integer minutes, say): sorted only when it is not in order.
            if (end - start > 1 && !InOrder(items, start, end, exact)) Array.Sort(items, start, end - start, exact);
            start = end;
        }
        for (var i = 1; i < items.Length; i++)
        {
            if (exact.Compare(items[i - 1], items[i]) > 0)
            {
                Array.Sort(items, exact);
                return;
            }
        }
    }

    /// <summary>Whether <paramref name="items"/>[<paramref name="start"/>..<paramref name="end"/>) are in ascending order under <paramref name="exact"/>.</summary>
    private static bool InOrder<T>(T[] items, int start, int end, IComparer<T> exact)
    {
        for (var i = start + 1; i < end; i++)
        {
            if (exact.Compare(items[i - 1], items[i]) > 0)
                return false;
        }
        return true;
    }

    /// <summary>The start of each ascending run of <paramref name="values"/>, up to <see cref="MergedRunsUpTo"/> + 1 of them; null when empty.</summary>
    private static List<int>? AscendingRuns(decimal[] values)
    {
        if (values.Length == 0) return null;
        var starts = new List<int> { 0 };
        for (var i = 1; i < values.Length && starts.Count <= MergedRunsUpTo; i++)
        {
            if (values[i - 1] > values[i]) starts.Add(i);
        }
        return starts;
    }

    /// <summary>Merges the ascending runs of <paramref name="values"/> (starting at <paramref name="starts"/>) pairwise until one is left.</summary>
    private static void MergeRuns(decimal[] values, List<int> starts)
    {
        var source = values;
        var target = new decimal[values.Length];
        var bounds = new List<int>(starts) { values.Length };
        while (bounds.Count > 2)
        {
            var merged = new List<int>(bounds.Count / 2 + 2);
            for (var r = 0; r + 1 < bounds.Count; r += 2)
            {
                merged.Add(bounds[r]);
                if (r + 2 < bounds.Count)
                    Merge(source, bounds[r], bounds[r + 1], bounds[r + 2], target);
                else
                    Array.Copy(source, bounds[r], target, bounds[r], bounds[r + 1] - bounds[r]);
            }
            merged.Add(values.Length);
            bounds = merged;
            (source, target) = (target, source);
        }
        if (!ReferenceEquals(source, values))
            Array.Copy(source, values, values.Length);
    }

    /// <summary>Merges source[from..middle) and source[middle..to), each ascending, into target[from..to).</summary>
    private static void Merge(decimal[] source, int from, int middle, int to, decimal[] target)
    {
        int i = from, j = middle, k = from;
        while (i < middle && j < to)
            target[k++] = source[j] < source[i] ? source[j++] : source[i++];
        while (i < middle) target[k++] = source[i++];
        while (j < to) target[k++] = source[j++];
    }

    /// <summary>The most ascending runs <see cref="SortAscending"/> merges instead of sorting (a segment split's cells, say).</summary>
    private const int MergedRunsUpTo = 64;

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
