using System.Runtime.CompilerServices;

using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Engine;

/// <summary>
/// Ids to their dense indexes, built by adding: the ids of one numbered shape (<see cref="IdShape"/>, that of the first id)
/// with a number below a bound (8 array slots an id added or expected, <see cref="IdShape.KeptNumbersFor"/>) are kept in an
/// array by number, the others in a dictionary. Hundreds of thousands of "U0000001"-like ids then cost an int each instead
/// of a dictionary entry, and are found without hashing (ADR 0365). Reads from several threads are safe while nothing is added.
/// </summary>
internal sealed class IdIndex
{
    private readonly int expected;
    private readonly bool learnsShape;
    private readonly Dictionary<string, int> others = new(StringComparer.Ordinal);
    private IdShape shape;
    private int[] byNumber; // index + 1; 0 = none

    /// <param name="first">The first id that will be added (its shape is the one kept by number); null to take the first id added.</param>
    /// <param name="expected">How many ids are expected (more may be added): numbers below 8 times it are kept by number from the start.</param>
    public IdIndex(string? first, int expected)
    {
        this.expected = Math.Max(0, expected);
        learnsShape = first is null;
        shape = first is null ? IdShape.None : IdShape.Of(first);
        byNumber = new int[Math.Min(IdShape.KeptNumbersFor(this.expected), this.expected + 1)];
    }

    /// <summary>How many ids were added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="id"/> with index <paramref name="index"/>; false (and nothing added) when it is already in.</summary>
    public bool TryAdd(string id, int index)
    {
        if (learnsShape && Count == 0)
            shape = IdShape.Of(id);
        var n = shape.NumberOf(id);
        // An id goes by number when its number is within the bound, and is not in the dictionary already (put there while
        // the bound, which grows with the ids added, was lower).
        var bound = IdShape.KeptNumbersFor(Math.Max(Count, expected));
        if ((uint)n < (uint)bound && (others.Count == 0 || !others.ContainsKey(id)))
        {
            if (n >= byNumber.Length)
                Array.Resize(ref byNumber, Math.Min(bound, Math.Max(n + 1, byNumber.Length * 2)));
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int IndexOf(string id)
    {
        var n = shape.NumberOf(id);
        if ((uint)n < (uint)byNumber.Length && byNumber[n] != 0)
            return byNumber[n] - 1;
        return others.Count > 0 && others.TryGetValue(id, out var index) ? index : -1;
    }
}
