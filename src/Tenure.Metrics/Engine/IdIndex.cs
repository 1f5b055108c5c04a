using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Engine;

/// <summary>
/// Ids to their dense indexes, built by adding: the ids of one numbered shape (<see cref="IdShape"/>, that of the first id
/// given) with a number below a bound set by the expected count are kept in an array by number, the others in a
/// dictionary. Hundreds of thousands of "U0000001"-like ids then cost an int each instead of a dictionary entry, and are
/// found without hashing (ADR 0365).
/// </summary>
internal sealed class IdIndex
{
    private readonly IdShape shape;
    private readonly int limit;
    private readonly Dictionary<string, int> others = new(StringComparer.Ordinal);
    private int[] byNumber; // index + 1; 0 = none

    /// <param name="first">The first id that will be added (its shape is the one kept by number); null for none.</param>
    /// <param name="expected">How many ids are expected: numbers below 8 times it (<see cref="IdShape.KeptNumbersFor"/>) go to the array.</param>
    public IdIndex(string? first, int expected)
    {
        shape = first is null ? IdShape.None : IdShape.Of(first);
        limit = IdShape.KeptNumbersFor(expected);
        byNumber = new int[Math.Min(limit, expected + 1)];
    }

    /// <summary>How many ids were added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="id"/> with index <paramref name="index"/>; false (and nothing added) when it is already in.</summary>
    public bool TryAdd(string id, int index)
    {
        var n = shape.NumberOf(id);
        if ((uint)n < (uint)limit)
        {
            if (n >= byNumber.Length)
                Array.Resize(ref byNumber, Math.Min(limit, Math.Max(n + 1, byNumber.Length * 2)));
            if (byNumber[n] != 0)
                return false;
            byNumber[n] = index + 1;
        }
        else if (!others.TryAdd(id, index))
        {
            return false;
        }
        Count++;
        return true;
    }

    /// <summary>The index of <paramref name="id"/>, or -1 when it was not added.</summary>
    public int IndexOf(string id)
    {
        var n = shape.NumberOf(id);
        if ((uint)n < (uint)limit)
            return n < byNumber.Length ? byNumber[n] - 1 : -1;
        return others.TryGetValue(id, out var index) ? index : -1;
    }
}
