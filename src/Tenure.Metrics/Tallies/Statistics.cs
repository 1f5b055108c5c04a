using System.Buffers;
using System.Runtime.CompilerServices;

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
        return PercentileOfSorted(values, p);
    }

    /// <summary>
    /// Sorts <paramref name="ticks"/> in ascending order: left as they are when ascending already, merged when a few
    /// ascending runs one after the other (the sorted samples of several cells), sorted otherwise.
    /// </summary>
    public static void SortAscending(Span<long> ticks)
    {
        if (!SortedByRuns(ticks))
            ticks.Sort();
    }

    /// <summary>
    /// <paramref name="indexes"/> (into <paramref name="keys"/>) ordered by their keys, ascending; equal keys keep their order
    /// in <paramref name="indexes"/>. For values that are a key over a positive constant (a duration's hours are its ticks
    /// over the ticks of an hour): the same order as theirs, without comparing decimals. A least-significant-digit radix sort
    /// (11 bits a pass, passes where every key has the same digit skipped), so time is linear in the count and no generic
    /// sort is compiled for the pair of types. <paramref name="indexes"/> is sorted in place and returned.
    /// </summary>
    public static int[] OrderOf(long[] keys, int[] indexes)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(indexes);
        return OrderBy(new GivenKeys(keys), indexes);
    }

    /// <summary>
    /// <paramref name="indexes"/> ordered by the durations <paramref name="ends"/>[i] - <paramref name="starts"/>[i], ascending,
    /// as <see cref="OrderOf(long[], int[])"/> by their ticks, without an array of the ticks.
    /// </summary>
    public static int[] OrderOfDurations(DateTime[] starts, DateTime[] ends, int[] indexes)
    {
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(ends);
        ArgumentNullException.ThrowIfNull(indexes);
        return OrderBy(new DurationKeys(starts, ends), indexes);
    }

    private interface IKeys
    {
        long KeyOf(int index);
    }

    private readonly struct GivenKeys(long[] keys) : IKeys
    {
        public long KeyOf(int index) => keys[index];
    }

    private readonly struct DurationKeys(DateTime[] starts, DateTime[] ends) : IKeys
    {
        public long KeyOf(int index) => ends[index].Ticks - starts[index].Ticks;
    }

    private static int[] OrderBy<TKeys>(TKeys keys, int[] indexes) where TKeys : struct, IKeys
    {
        var n = indexes.Length;
        if (n < 2)
            return indexes;
        // The sort's three scratch arrays are rented (ADR 0365): sorts one after another reuse them instead of leaving
        // 20 bytes an item each behind (a no-collection region keeps every byte allocated).
        var sorted = ArrayPool<ulong>.Shared.Rent(n);
        var keysBuffer = ArrayPool<ulong>.Shared.Rent(n);
        var itemsBuffer = ArrayPool<int>.Shared.Rent(n);
        try
        {
            // Keys with the sign bit flipped order as unsigned numbers as the signed keys do.
            for (var i = 0; i < n; i++)
                sorted[i] = (ulong)keys.KeyOf(indexes[i]) ^ SignBit;
            RadixSort(sorted.AsSpan(0, n), keysBuffer.AsSpan(0, n), indexes, itemsBuffer.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(sorted);
            ArrayPool<ulong>.Shared.Return(keysBuffer);
            ArrayPool<int>.Shared.Return(itemsBuffer);
        }
        return indexes;
    }

    private const ulong SignBit = 1UL << 63;

    /// <summary>Sorts <paramref name="keys"/> ascending and <paramref name="items"/> with them, stably, using the two buffers of their lengths.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RadixSort(Span<ulong> keys, Span<ulong> keysBuffer, Span<int> items, Span<int> itemsBuffer)
    {
        var n = keys.Length;
        var given = items;
        Span<int> counts = stackalloc int[1 << DigitBits];
        for (var shift = 0; shift < 64; shift += DigitBits)
        {
            counts.Clear();
            foreach (var key in keys)
                counts[(int)((key >> shift) & DigitMask)]++;
            if (counts[(int)((keys[0] >> shift) & DigitMask)] == n)
                continue; // every key has this digit: the order stands
            var total = 0;
            for (var d = 0; d < counts.Length; d++)
            {
                var count = counts[d];
                counts[d] = total;
                total += count;
            }
            for (var i = 0; i < n; i++)
            {
                var at = counts[(int)((keys[i] >> shift) & DigitMask)]++;
                keysBuffer[at] = keys[i];
                itemsBuffer[at] = items[i];
            }
            var swappedKeys = keys;
            keys = keysBuffer;
            keysBuffer = swappedKeys;
            var swappedItems = items;
            items = itemsBuffer;
            itemsBuffer = swappedItems;
        }
        // After an odd number of passes the sorted items are in the buffer: copied into the items given.
        if (!items.Overlaps(given))
            items.CopyTo(given);
    }

    private const int DigitBits = 11;

    private const ulong DigitMask = (1UL << DigitBits) - 1;

    /// <summary>
    /// Sorts <paramref name="values"/> as <see cref="SortAscending"/> does when they are empty, ascending already or a few
    /// ascending runs one after the other (the sorted samples of several cells: merged, not sorted again); false, and left
    /// as they are, otherwise.
    /// </summary>
    internal static bool SortedByRuns(Span<long> values)
    {
        var runs = AscendingRuns(values);
        if (runs is null || runs.Count == 1) return true; // none (empty) or one: sorted already
        if (runs.Count > MergedRunsUpTo || values.Length < MergedFrom) return false;
        MergeRuns(values, runs);
        return true;
    }

    /// <summary>The start of each ascending run of <paramref name="values"/>, up to <see cref="MergedRunsUpTo"/> + 1 of them; null when empty.</summary>
    private static List<int>? AscendingRuns(ReadOnlySpan<long> values)
    {
        if (values.Length == 0) return null;
        var starts = new List<int> { 0 };
        for (var i = 1; i < values.Length && starts.Count <= MergedRunsUpTo; i++)
        {
            if (values[i] < values[i - 1]) starts.Add(i);
        }
        return starts;
    }

    /// <summary>
    /// Merges the ascending runs of <paramref name="values"/> (starting at <paramref name="starts"/>) pairwise until one is
    /// left. The passes go back and forth between the values and a rented array of the same length, given back after: a
    /// new one per sort was an eighth of a segment's first support view's allocations, memory touched for the first time on
    /// a server that had just grown its heap (docs/adr/0400).
    /// </summary>
    private static void MergeRuns(Span<long> values, List<int> starts)
    {
        var scratch = ScratchArrays.Longs.Rent(values.Length);
        try
        {
            MergeRuns(values, starts, scratch.AsSpan(0, values.Length));
        }
        finally
        {
            ScratchArrays.Longs.Return(scratch);
        }
    }

    private static void MergeRuns(Span<long> values, List<int> starts, Span<long> scratch)
    {
        var source = values;
        var target = scratch;
        var inValues = true;
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
                    source[bounds[r]..bounds[r + 1]].CopyTo(target[bounds[r]..]);
            }
            merged.Add(values.Length);
            bounds = merged;
            var written = target;
            target = source;
            source = written;
            inValues = !inValues;
        }
        if (!inValues)
            source.CopyTo(values);
    }

    /// <summary>Merges source[from..middle) and source[middle..to), each ascending, into target[from..to).</summary>
    private static void Merge(ReadOnlySpan<long> source, int from, int middle, int to, Span<long> target)
    {
        int i = from, j = middle, k = from;
        while (i < middle && j < to)
            target[k++] = source[j] < source[i] ? source[j++] : source[i++];
        while (i < middle) target[k++] = source[i++];
        while (j < to) target[k++] = source[j++];
    }

    /// <summary>The most ascending runs <see cref="SortAscending"/> merges instead of sorting (a segment split's cells, say).</summary>
    private const int MergedRunsUpTo = 64;

    /// <summary>The count from which <see cref="SortAscending"/> merges runs (below it, sorting is as fast).</summary>
    private const int MergedFrom = 256;

    /// <summary><see cref="Percentile"/> of values already in ascending order (not checked), which it leaves as they are.</summary>
    public static decimal? PercentileOfSorted(ReadOnlySpan<decimal> sorted, decimal p)
    {
        if (sorted.Length == 0) return null;
        var (lower, upper, fraction) = Ranks(sorted.Length, p);
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower]);
    }

    /// <summary>
    /// <see cref="PercentileOfSorted(ReadOnlySpan{decimal}, decimal)"/> of durations in ticks, ascending, in units of
    /// <paramref name="unitTicks"/>: the two observations it falls between each divided by the unit, then interpolated.
    /// </summary>
    public static decimal? PercentileOfSorted(ReadOnlySpan<long> sortedTicks, decimal p, long unitTicks)
    {
        if (sortedTicks.Length == 0) return null;
        var (lower, upper, fraction) = Ranks(sortedTicks.Length, p);
        var below = (decimal)sortedTicks[lower] / unitTicks;
        var above = (decimal)sortedTicks[upper] / unitTicks;
        return below + fraction * (above - below);
    }

    /// <summary>The closest ranks of the p-th percentile of <paramref name="count"/> values (R-7: h = (n - 1) p) and h's fraction between them.</summary>
    private static (int Lower, int Upper, decimal Fraction) Ranks(int count, decimal p)
    {
        if (p < 0m || p > 1m) throw new ArgumentOutOfRangeException(nameof(p), "A percentile is between 0 and 1.");
        var h = (count - 1) * p;
        var lower = (int)decimal.Floor(h);
        return (lower, Math.Min(lower + 1, count - 1), h - lower);
    }
}
