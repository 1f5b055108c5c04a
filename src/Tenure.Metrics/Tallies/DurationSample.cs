using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tenure.Metrics.Tallies;

/// <summary>
/// The observations of a duration metric. Medians and percentiles do not merge from sums, so the
/// sample keeps its values (as a persistent list: + concatenates without copying either side).
/// </summary>
public readonly struct DurationSample : IAdditionOperators<DurationSample, DurationSample, DurationSample>
{
    private readonly Node? last;

    private DurationSample(Node? last, int count, decimal sum)
    {
        this.last = last;
        Count = count;
        Sum = sum;
    }

    public int Count { get; }

    public decimal Sum { get; }

    /// <summary>The sample with one more observation.</summary>
    public DurationSample With(decimal value) =>
        new(new Node(value, last, null), Count + 1, Sum + value);

    /// <summary>
    /// The sample of <paramref name="values"/> (taken over, not copied: not to be changed after), held as one block
    /// instead of a node per observation. The block is put in ascending order, once, before anyone else can see it:
    /// <see cref="Ascending()"/> hands it out as it is, and a merged sample's blocks come out of <see cref="ToArray"/> as
    /// ascending runs that merge. Its sum is then added in that order, the order a summary adds in
    /// (<see cref="ReadAscending"/>: the last of 28 digits can depend on it).
    /// </summary>
    public static DurationSample Of(decimal[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0) return default;
        Statistics.SortAscending(values);
        var sum = 0m;
        foreach (var value in values)
            sum += value;
        return new DurationSample(new Node(0, null, null, values), values.Length, sum);
    }

    public static DurationSample operator +(DurationSample left, DurationSample right)
    {
        if (right.Count == 0) return left;
        if (left.Count == 0) return right;
        return new DurationSample(new Node(0, left.last, right.last), left.Count + right.Count, left.Sum + right.Sum);
    }

    /// <summary>
    /// The observations in ascending order: a sample made by <see cref="Of"/> gives its own block (sorted
    /// when made; no copy), any other a sorted copy (<see cref="ToArray"/>). Safe from any thread, as nothing writes to a
    /// block after it was made.
    /// </summary>
    public ReadOnlySpan<decimal> Ascending()
    {
        if (OwnBlock is { } block)
            return block;
        var values = ToArray();
        Statistics.SortAscending(values);
        return values;
    }

    /// <summary>
    /// <paramref name="read"/> of the observations in ascending order (as <see cref="Ascending()"/> gives them) and their sum
    /// added in that order (a block's own sum, added in that order when it was made), without a new array: a sample made by
    /// <see cref="Of"/> hands over its block, any other is put together in a rented array, sorted there when its blocks are
    /// a few ascending runs (as a period's or a split's merged cells are) and given back once <paramref name="read"/>
    /// returns, so the span must not outlive the call. A summary per cell of a segment's first support view made two new
    /// arrays per merged sample, a quarter of the view's allocations (docs/adr/0400).
    /// </summary>
    public TResult ReadAscending<TResult>(AscendingReader<TResult> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (OwnBlock is { } block)
            return read(block, Sum);
        var rented = ScratchArrays.Decimals.Rent(Count);
        try
        {
            var values = rented.AsSpan(0, Count);
            CopyTo(values);
            if (!Statistics.SortedByRuns(values))
            {
                // Many runs, or a few values: sorted as an array of their own, as Ascending() sorts them.
                var sorted = values.ToArray();
                Statistics.SortAscending(sorted);
                sorted.CopyTo(values);
            }
            var sum = 0m;
            foreach (var value in values)
                sum += value;
            return read(values, sum);
        }
        finally
        {
            ScratchArrays.Decimals.Return(rented);
        }
    }

    /// <summary>What <see cref="ReadAscending"/> hands the observations to: the span is valid during the call only.</summary>
    public delegate TResult AscendingReader<out TResult>(ReadOnlySpan<decimal> ascending, decimal sum);

    /// <summary>The block of a sample made by <see cref="Of"/> alone (sorted, its sum added in that order); null for any other.</summary>
    private decimal[]? OwnBlock => last is { Block: { } block, Previous: null, Branch: null } ? block : null;

    /// <summary>The observations, in no particular order.</summary>
    public decimal[] ToArray()
    {
        var values = new decimal[Count];
        CopyTo(values);
        return values;
    }

    /// <summary>Writes the observations into the first <see cref="Count"/> of <paramref name="values"/>, in the order <see cref="ToArray"/> gives them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CopyTo(Span<decimal> values)
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

    private sealed class Node(decimal value, Node? previous, Node? branch, decimal[]? block = null)
    {
        public decimal Value { get; } = value;
        public Node? Previous { get; } = previous;
        public Node? Branch { get; } = branch;

        /// <summary>A leaf holding many observations at once (<see cref="Of"/>).</summary>
        public decimal[]? Block { get; } = block;
    }
}

/// <summary>
/// Observations of a duration per period and segment gathered into a grid of <see cref="DurationSample"/>s: one block per
/// cell instead of a node per observation, the same samples.
/// </summary>
public static class DurationCollector
{
    /// <summary>
    /// The samples of the items of <paramref name="order"/>, item i's observation <paramref name="values"/>[i] in cell
    /// <paramref name="cellOf"/>[i] (period * segments + segment; negative: in none), each cell's observations in the order of
    /// <paramref name="order"/>: the grid of adding them one by one in that order, made as one exact array per cell (counted
    /// first) instead of a growing list, and without looking up an item's period and segment in the order's random walk.
    /// </summary>
    public static PeriodSegmentGrid<DurationSample> Gather(int periods, int segments, int[] cellOf, int[] order, decimal[] values)
    {
        ArgumentNullException.ThrowIfNull(cellOf);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(values);
        var counts = new int[periods * segments];
        foreach (var i in order)
        {
            if (cellOf[i] is var cell and >= 0)
                counts[cell]++;
        }
        var cells = new decimal[]?[counts.Length];
        for (var c = 0; c < counts.Length; c++)
        {
            if (counts[c] > 0)
                cells[c] = new decimal[counts[c]];
        }
        Array.Clear(counts);
        foreach (var i in order)
        {
            if (cellOf[i] is var cell and >= 0)
                cells[cell]![counts[cell]++] = values[i];
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
