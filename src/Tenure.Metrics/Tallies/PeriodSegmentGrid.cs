using System.Numerics;

namespace Tenure.Metrics.Tallies;

/// <summary>
/// A mergeable tally per period and segment. Segments hold the tallies; the "all" figure is the
/// merge (+) of the segment tallies, never an average of segment figures (METRICS.md). A grid is a
/// partial state (<see cref="IPartialState{TSelf}"/>): grids of account partitions merge cell by cell.
/// </summary>
public sealed class PeriodSegmentGrid<T> : IPartialState<PeriodSegmentGrid<T>> where T : struct, IAdditionOperators<T, T, T>
{
    private readonly T[] cells;

    public PeriodSegmentGrid(int periods, int segments)
    {
        Periods = periods;
        Segments = segments;
        cells = new T[periods * segments];
    }

    public int Periods { get; }

    public int Segments { get; }

    public ref T this[int period, int segment] => ref cells[period * Segments + segment];

    /// <summary>The merge of every segment's tally for <paramref name="period"/>.</summary>
    public T All(int period)
    {
        var total = default(T);
        for (var s = 0; s < Segments; s++)
            total += cells[period * Segments + s];
        return total;
    }

    /// <summary>Adds every cell of <paramref name="other"/> into this grid (chunk and shard merges).</summary>
    public void Add(PeriodSegmentGrid<T> other)
    {
        if (other.Periods != Periods || other.Segments != Segments)
            throw new ArgumentException("Grids of different shapes cannot be merged.");
        for (var i = 0; i < cells.Length; i++)
            cells[i] += other.cells[i];
    }

    /// <summary>A new grid with every cell of this one plus the same cell of <paramref name="other"/>.</summary>
    public PeriodSegmentGrid<T> Plus(PeriodSegmentGrid<T> other)
    {
        var sum = new PeriodSegmentGrid<T>(Periods, Segments);
        sum.Add(this);
        sum.Add(other);
        return sum;
    }

    /// <summary>A new grid of <paramref name="segments"/> segments with column s of this one in column <paramref name="segmentMap"/>[s].</summary>
    public PeriodSegmentGrid<T> Realigned(int[] segmentMap, int segments)
    {
        ArgumentNullException.ThrowIfNull(segmentMap);
        if (segmentMap.Length != Segments)
            throw new ArgumentException("The map needs one target per segment.", nameof(segmentMap));
        var moved = new PeriodSegmentGrid<T>(Periods, segments);
        for (var p = 0; p < Periods; p++)
        {
            for (var s = 0; s < Segments; s++)
                moved[p, segmentMap[s]] += cells[p * Segments + s];
        }
        return moved;
    }
}
