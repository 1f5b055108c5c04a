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
            values[i++] = node.Value;
            if (node.Previous is not null) stack.Push(node.Previous);
        }
        return values;
    }

    private sealed class Node(decimal value, Node? previous, Node? branch)
    {
        public decimal Value { get; } = value;
        public Node? Previous { get; } = previous;
        public Node? Branch { get; } = branch;
    }
}
