using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Engine;

/// <summary>
/// The indexes of a set of ids (a directory's accounts, users.csv's users) of one numbered shape (<see cref="IdShape"/>:
/// "A000001", that of the first id) in an array by number: an id of the shape whose number is within the array is
/// known, or not, without hashing it. Holds every id of the shape with a number below its length, so a number within
/// it and unset is an unknown id.
/// </summary>
internal sealed class NumberedIndexes(IdShape shape, int[] byNumber)
{
    /// <summary>The ids of <paramref name="index"/> (id to index) that have <paramref name="first"/>'s shape, by number (at most 8 slots an id).</summary>
    public static NumberedIndexes Of(Dictionary<string, int> index, string? first)
    {
        var shape = first is null ? IdShape.None : IdShape.Of(first);
        var limit = IdShape.KeptNumbersFor(index.Count);
        var length = 0;
        foreach (var id in index.Keys)
        {
            if (shape.NumberOf(id) is var n && n >= length && n < limit)
                length = n + 1;
        }
        var byNumber = new int[length];
        foreach (var (id, i) in index)
        {
            if ((uint)shape.NumberOf(id) is var n && n < (uint)length)
                byNumber[n] = i + 1;
        }
        return new NumberedIndexes(shape, byNumber);
    }

    /// <summary>True when the shortcut answers for <paramref name="id"/>: <paramref name="index"/> is its index, or -1 when it is not in the set.</summary>
    public bool TryIndexOf(string id, out int index)
    {
        var n = shape.NumberOf(id);
        if ((uint)n >= (uint)byNumber.Length)
        {
            index = -1;
            return false;
        }
        index = byNumber[n] - 1;
        return true;
    }
}
