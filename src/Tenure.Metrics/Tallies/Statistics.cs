using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
        if (SortedByRuns(values))
            return;
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
    /// particular order. Values of at most nine decimal places below a billion (minutes as given) are ordered by their
    /// values scaled to integers (<see cref="OrderOf(long[], int[])"/>); others like <see cref="SortAscending"/>: by the
    /// values' doubles, runs of equal doubles by the decimals, checked after. <paramref name="indexes"/> is sorted in place
    /// and returned.
    /// </summary>
    public static int[] OrderOf(decimal[] values, int[] indexes)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(indexes);
        // Values of few decimal places (minutes as given, 12.5) are integers once scaled: ordered by those, exactly.
        if (ScaledKeys(values, indexes) is { } scaled)
            return OrderOf(scaled, indexes);
        var byValue = Comparer<int>.Create((x, y) => values[x].CompareTo(values[y]));
        var keys = new double[indexes.Length];
        for (var i = 0; i < indexes.Length; i++)
            keys[i] = (double)values[indexes[i]];
        SortByDoubles(keys, indexes, byValue);
        return indexes;
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
    /// The values at <paramref name="indexes"/> as integers scaled by 10^s, s their most decimal places, when every scaled
    /// value fits a long with room (|v| x 10^s below 10^18) and s is at most <see cref="ScaledUpTo"/>; null otherwise. Two
    /// values compare as their scaled integers do, equal ones included (1.50 and 1.5 are both 150).
    /// </summary>
    private static long[]? ScaledKeys(decimal[] values, int[] indexes)
    {
        var places = 0;
        foreach (var i in indexes)
        {
            places = Math.Max(places, values[i].Scale);
            if (places > ScaledUpTo || Math.Abs(values[i]) >= 1_000_000_000m)
                return null;
        }
        var factor = Pow10[places];
        var scaled = new long[values.Length];
        foreach (var i in indexes)
            scaled[i] = (long)(values[i] * factor);
        return scaled;
    }

    /// <summary>The most decimal places <see cref="ScaledKeys"/> takes (below 10^9 x 10^9 = 10^18 &lt; 2^63).</summary>
    private const int ScaledUpTo = 9;

    private static readonly decimal[] Pow10 = [1m, 10m, 100m, 1_000m, 10_000m, 100_000m, 1_000_000m, 10_000_000m, 100_000_000m, 1_000_000_000m];

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

    /// <summary>
    /// Sorts <paramref name="values"/> as <see cref="SortAscending"/> does when they are empty, ascending already or a few
    /// ascending runs one after the other (the sorted samples of several cells: merged, not sorted again); false, and left
    /// as they are, otherwise.
    /// </summary>
    internal static bool SortedByRuns(Span<decimal> values)
    {
        var runs = AscendingRuns(values);
        if (runs is null || runs.Count == 1) return true; // none (empty) or one: sorted already
        if (runs.Count > MergedRunsUpTo || values.Length < SortByDoubleFrom) return false;
        MergeRuns(values, runs);
        return true;
    }

    /// <summary>The start of each ascending run of <paramref name="values"/>, up to <see cref="MergedRunsUpTo"/> + 1 of them; null when empty.</summary>
    private static List<int>? AscendingRuns(ReadOnlySpan<decimal> values)
    {
        if (values.Length == 0) return null;
        var starts = new List<int> { 0 };
        for (var i = 1; i < values.Length && starts.Count <= MergedRunsUpTo; i++)
        {
            if (Less(values[i], values[i - 1])) starts.Add(i);
        }
        return starts;
    }

    /// <summary>
    /// Merges the ascending runs of <paramref name="values"/> (starting at <paramref name="starts"/>) pairwise until one is
    /// left. The passes go back and forth between the values and a rented array of the same length, given back after: a
    /// new one per sort was an eighth of a segment's first support view's allocations, memory touched for the first time on
    /// a server that had just grown its heap (docs/adr/0400).
    /// </summary>
    private static void MergeRuns(Span<decimal> values, List<int> starts)
    {
        var scratch = ScratchArrays.Decimals.Rent(values.Length);
        try
        {
            MergeRuns(values, starts, scratch.AsSpan(0, values.Length));
        }
        finally
        {
            ScratchArrays.Decimals.Return(scratch);
        }
    }

    private static void MergeRuns(Span<decimal> values, List<int> starts, Span<decimal> scratch)
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
    private static void Merge(ReadOnlySpan<decimal> source, int from, int middle, int to, Span<decimal> target)
    {
        int i = from, j = middle, k = from;
        while (i < middle && j < to)
            target[k++] = Less(source[j], source[i]) ? source[j++] : source[i++];
        while (i < middle) target[k++] = source[i++];
        while (j < to) target[k++] = source[j++];
    }

    /// <summary>
    /// Whether <paramref name="a"/> &lt; <paramref name="b"/>. Two decimals of one sign and one scale compare as their 96-bit
    /// integers; durations of one unit mostly have one scale (hours carry 28 digits: the same scale for the same count of
    /// whole digits), and comparing them as decimals (scaling one to the other's scale first) is most of a merge's time.
    /// Any other two compare as decimals.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(in decimal a, in decimal b)
    {
        if (DecimalParts.Readable)
        {
            ref readonly var x = ref DecimalParts.Of(in a);
            ref readonly var y = ref DecimalParts.Of(in b);
            if (x.Flags == y.Flags && x.Flags >= 0)
                return x.High < y.High || (x.High == y.High && x.Low < y.Low);
        }
        return a < b;
    }

    /// <summary>
    /// A decimal's fields as the runtime lays them out (System.Decimal: flags with sign and scale, the high 32 bits, the low
    /// 64 bits of its integer), read in place. <see cref="Readable"/> checks the layout once against the public
    /// <see cref="decimal.GetBits(decimal)"/>; a runtime laid out otherwise compares every decimal as a decimal.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct DecimalParts
    {
        public readonly int Flags;
        public readonly uint High;
        public readonly ulong Low;

        public static readonly bool Readable = LaidOutAsExpected();

        public static ref readonly DecimalParts Of(in decimal value) => ref Unsafe.As<decimal, DecimalParts>(ref Unsafe.AsRef(in value));

        private static bool LaidOutAsExpected()
        {
            if (Unsafe.SizeOf<DecimalParts>() != sizeof(decimal))
                return false;
            var probe = new decimal(0x01234567, unchecked((int)0x89ABCDEF), 0x0FEDCBA9, isNegative: true, scale: 17);
            var bits = decimal.GetBits(probe);
            ref readonly var parts = ref Of(in probe);
            return parts.Flags == bits[3] && parts.High == (uint)bits[2] && parts.Low == ((ulong)(uint)bits[1] << 32 | (uint)bits[0]);
        }
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
