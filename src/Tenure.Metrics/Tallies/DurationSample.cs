using System.Numerics;

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
    /// instead of a node per observation; its sum is added in the values' order, as <see cref="With"/> one by one would.
    /// </summary>
    public static DurationSample Of(decimal[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0) return default;
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

    /// <summary>The observations, in no particular order.</summary>
    public decimal[] ToArray()
    {
        var values = new decimal[Count];
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
                block.CopyTo(values, i);
                i += block.Length;
                continue;
            }
            values[i++] = node.Value;
            if (node.Previous is not null) stack.Push(node.Previous);
        }
        return values;
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
/// Observations of a duration per period and segment, collected in growable lists while a ledger reads its rows and
/// turned into a grid of <see cref="DurationSample"/>s at the end (<see cref="ToGrid"/>): one block per cell instead
/// of a node per observation, the same samples. Not thread-safe: one collector per loop.
/// </summary>
public sealed class DurationCollector(int periods, int segments)
{
    private readonly List<decimal>?[] cells = new List<decimal>?[periods * segments];

    /// <summary>Adds one observation to the cell of <paramref name="period"/> and <paramref name="segment"/>.</summary>
    public void Add(int period, int segment, decimal value) =>
        (cells[period * segments + segment] ??= []).Add(value);

    /// <summary>The collected samples as a grid, each cell's observations in the order they were added.</summary>
    public PeriodSegmentGrid<DurationSample> ToGrid()
    {
        var grid = new PeriodSegmentGrid<DurationSample>(periods, segments);
        for (var p = 0; p < periods; p++)
        {
            for (var s = 0; s < segments; s++)
            {
                if (cells[p * segments + s] is { } values)
                    grid[p, s] = DurationSample.Of([.. values]);
            }
        }
        return grid;
    }
}
