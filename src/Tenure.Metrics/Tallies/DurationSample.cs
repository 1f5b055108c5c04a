using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tenure.Metrics.Tallies;

/// <summary>
/// The observations of a duration metric, each a whole number of ticks (100 ns; <see cref="TimeSpan.Ticks"/>), their
/// total exact (ADR 0415). Medians and percentiles do not merge from sums, so the sample keeps its values (as a
/// persistent list: + concatenates without copying either side); the unit a metric reports in (hours, minutes, days) is
/// applied once, by <see cref="DurationSummary"/>.
/// </summary>
public readonly struct DurationSample : IAdditionOperators<DurationSample, DurationSample, DurationSample>
{
    private readonly Node? last;

    private DurationSample(Node? last, int count, Int128 ticks)
    {
        this.last = last;
        Count = count;
        Ticks = ticks;
    }

    public int Count { get; }

    /// <summary>The observations' total, in ticks: exact, whatever the order they were added or merged in.</summary>
    public Int128 Ticks { get; }

    /// <summary>The sample with one more observation of <paramref name="ticks"/>.</summary>
    public DurationSample With(long ticks) =>
        new(new Node(ticks, last, null), Count + 1, Ticks + ticks);

    /// <summary>
    /// The sample of <paramref name="ticks"/> (taken over, not copied: not to be changed after), held as one block instead
    /// of a node per observation. The block is put in ascending order, once, before anyone else can see it:
    /// <see cref="Ascending()"/> hands it out as it is, and a merged sample's blocks come out of <see cref="ToArray"/> as
    /// ascending runs that merge.
    /// </summary>
    public static DurationSample Of(long[] ticks)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        if (ticks.Length == 0) return default;
        Statistics.SortAscending(ticks);
        Int128 total = 0;
        foreach (var value in ticks)
            total += value;
        return new DurationSample(new Node(0, null, null, ticks), ticks.Length, total);
    }

    public static DurationSample operator +(DurationSample left, DurationSample right)
    {
        if (right.Count == 0) return left;
        if (left.Count == 0) return right;
        return new DurationSample(new Node(0, left.last, right.last), left.Count + right.Count, left.Ticks + right.Ticks);
    }

    /// <summary>
    /// The observations in ascending order: a sample made by <see cref="Of"/> gives its own block (sorted when made; no
    /// copy), any other a sorted copy (<see cref="ToArray"/>). Safe from any thread, as nothing writes to a block after it
    /// was made.
    /// </summary>
    public ReadOnlySpan<long> Ascending()
    {
        if (OwnBlock is { } block)
            return block;
        var values = ToArray();
        Statistics.SortAscending(values);
        return values;
    }

    /// <summary>
    /// <paramref name="read"/> of the observations in ascending order (as <see cref="Ascending()"/> gives them), without a
    /// new array: a sample made by <see cref="Of"/> hands over its block, any other is put together in a rented array,
    /// sorted there (a few ascending runs, as a period's or a split's merged cells are, merged) and given back once
    /// <paramref name="read"/> returns, so the span must not outlive the call. A summary per cell of a segment's first
    /// support view made two new arrays per merged sample, a quarter of the view's allocations (docs/adr/0400).
    /// </summary>
    public TResult ReadAscending<TResult>(AscendingReader<TResult> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (OwnBlock is { } block)
            return read(block);
        var rented = ScratchArrays.Longs.Rent(Count);
        try
        {
            var values = rented.AsSpan(0, Count);
            CopyTo(values);
            Statistics.SortAscending(values);
            return read(values);
        }
        finally
        {
            ScratchArrays.Longs.Return(rented);
        }
    }

    /// <summary>What <see cref="ReadAscending"/> hands the observations to: the span is valid during the call only.</summary>
    public delegate TResult AscendingReader<out TResult>(ReadOnlySpan<long> ascending);

    /// <summary>The block of a sample made by <see cref="Of"/> alone (sorted); null for any other.</summary>
    private long[]? OwnBlock => last is { Block: { } block, Previous: null, Branch: null } ? block : null;

    /// <summary>The observations, in no particular order.</summary>
    public long[] ToArray()
    {
        var values = new long[Count];
        CopyTo(values);
        return values;
    }

    /// <summary>Writes the observations into the first <see cref="Count"/> of <paramref name="values"/>, in the order <see cref="ToArray"/> gives them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CopyTo(Span<long> values)
    {
        var i = 0;
        var stack = new Stack<Node>();
        if (last is not null) stack.Push(last);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.Branch is not null)
            {
                // A merge node: both halves are whole samples of their own.
                stack.Push(node.Branch);
                if (node.Previous is not null) stack.Push(node.Previous);
                continue;
            }
            if (node.Block is { } block)
            {
                block.CopyTo(values[i..]);
                i += block.Length;
                continue;
            }
            values[i++] = node.Value;
            if (node.Previous is not null) stack.Push(node.Previous);
        }
    }

    private sealed class Node(long value, Node? previous, Node? branch, long[]? block = null)
    {
        public long Value { get; } = value;
        public Node? Previous { get; } = previous;
        public Node? Branch { get; } = branch;

        /// <summary>A leaf holding many observations at once (<see cref="Of"/>).</summary>
        public long[]? Block { get; } = block;
    }
}

/// <summary>
/// Observations of a duration per period and segment gathered into a grid of <see cref="DurationSample"/>s: one block per
/// cell instead of a node per observation, the same samples.
/// </summary>
public static class DurationCollector
{
    /// <summary>
    /// The samples of the items of <paramref name="order"/>, item i's observation <paramref name="ticks"/>[i] in cell
    /// <paramref name="cellOf"/>[i] (period * segments + segment; negative: in none), each cell's observations in the order of
    /// <paramref name="order"/>: the grid of adding them one by one in that order, made as one exact array per cell (counted
    /// first) instead of a growing list, and without looking up an item's period and segment in the order's random walk.
    /// </summary>
    public static PeriodSegmentGrid<DurationSample> Gather(int periods, int segments, int[] cellOf, int[] order, long[] ticks)
    {
        ArgumentNullException.ThrowIfNull(cellOf);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(ticks);
        var counts = new int[periods * segments];
        foreach (var i in order)
        {
            if (cellOf[i] is var cell and >= 0)
                counts[cell]++;
        }
        var cells = new long[]?[counts.Length];
        for (var c = 0; c < counts.Length; c++)
        {
            if (counts[c] > 0)
                cells[c] = new long[counts[c]];
        }
        Array.Clear(counts);
        foreach (var i in order)
        {
            if (cellOf[i] is var cell and >= 0)
                cells[cell]![counts[cell]++] = ticks[i];
        }
        var grid = new PeriodSegmentGrid<DurationSample>(periods, segments);
        for (var p = 0; p < periods; p++)
        {
            for (var s = 0; s < segments; s++)
            {
                if (cells[p * segments + s] is { } observed)
                    grid[p, s] = DurationSample.Of(observed);
            }
        }
        return grid;
    }
}
