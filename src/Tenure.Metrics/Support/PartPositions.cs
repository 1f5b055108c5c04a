using System.Numerics;

using Tenure.Metrics.Tallies;

namespace Tenure.Metrics.Support;

/// <summary>
/// Where each of a whole's items is among a part's that keeps some of them (-1: not kept): the inverse of the part's
/// positions in the whole. When the part keeps them in the whole's order (a segment's tickets are the whole's of its
/// accounts, in order), an item's position is the number of kept items before it, read from one bit per item and a
/// count per 64 of them (about 94 KB for 500,000 tickets, which stays in a core's cache) instead of an int per item
/// (2 MB, read at random places by <see cref="NarrowOrder"/>: the top function of a large segment's first support view in
/// a profile, ADR 0420). Otherwise it is the int per item.
/// </summary>
public sealed class PartPositions
{
    private readonly int[]? partOf;
    private readonly ulong[]? kept;
    private readonly int[]? keptBefore;

    private PartPositions(int[] partOf) => this.partOf = partOf;

    private PartPositions(ulong[] kept, int[] keptBefore)
    {
        this.kept = kept;
        this.keptBefore = keptBefore;
    }

    /// <summary>
    /// The positions of a part whose item k is the whole's item <paramref name="wholePosition"/>[k] (each at most once), of
    /// a whole of <paramref name="wholeCount"/> items.
    /// </summary>
    public static PartPositions Of(int[] wholePosition, int wholeCount)
    {
        ArgumentNullException.ThrowIfNull(wholePosition);
        if (IsAscending(wholePosition))
        {
            var kept = new ulong[(wholeCount + 63) >> 6];
            foreach (var p in wholePosition)
                kept[p >> 6] |= 1UL << (p & 63);
            var keptBefore = new int[kept.Length];
            var before = 0;
            for (var w = 0; w < kept.Length; w++)
            {
                keptBefore[w] = before;
                before += BitOperations.PopCount(kept[w]);
            }
            return new PartPositions(kept, keptBefore);
        }
        var partOf = new int[wholeCount];
        Array.Fill(partOf, -1);
        for (var k = 0; k < wholePosition.Length; k++)
            partOf[wholePosition[k]] = k;
        return new PartPositions(partOf);
    }

    /// <summary>Whether the part keeps its items in the whole's order (counted from bits, not held per item).</summary>
    public bool InWholeOrder => kept is not null;

    /// <summary>The part's position of the whole's item <paramref name="i"/>; -1 when the part does not keep it.</summary>
    public int this[int i] => partOf?[i] ?? RankOf(kept!, keptBefore!, i);

    /// <summary>
    /// The whole's <paramref name="order"/> of its items, kept to the part's and given their positions in it (the part has
    /// <paramref name="count"/> items, so no more are kept). One pass over the order into a rented array, then copied to
    /// its size: each step reads the positions at a random place (the order is by a duration), which cost twice as much
    /// when the kept ones were counted first.
    /// </summary>
    public int[] NarrowOrder(int[] order, int count)
    {
        ArgumentNullException.ThrowIfNull(order);
        var rented = ScratchArrays.Ints.Rent(Math.Min(count, order.Length));
        try
        {
            var next = 0;
            if (partOf is not null)
            {
                foreach (var i in order)
                {
                    if (partOf[i] is var at and >= 0)
                        rented[next++] = at;
                }
            }
            else
            {
                var bits = kept!;
                var before = keptBefore!;
                foreach (var i in order)
                {
                    if (RankOf(bits, before, i) is var at and >= 0)
                        rented[next++] = at;
                }
            }
            return rented.AsSpan(0, next).ToArray();
        }
        finally
        {
            ScratchArrays.Ints.Return(rented);
        }
    }

    /// <summary>The number of kept items before item <paramref name="i"/> when it is kept; -1 when not.</summary>
    private static int RankOf(ulong[] kept, int[] keptBefore, int i)
    {
        var word = kept[i >> 6];
        var bit = 1UL << (i & 63);
        return (word & bit) == 0 ? -1 : keptBefore[i >> 6] + BitOperations.PopCount(word & (bit - 1));
    }

    /// <summary>Whether each of <paramref name="positions"/> comes after the one before it.</summary>
    public static bool IsAscending(int[] positions)
    {
        for (var k = 1; k < positions.Length; k++)
        {
            if (positions[k] <= positions[k - 1])
                return false;
        }
        return true;
    }
}
