namespace Tenure.Metrics.Tallies;

/// <summary>
/// What a metric is finished from, computed over one partition of the accounts (a shard, a chunk) and
/// merged exactly with the same state of any other partition: counts and sums add, value lists
/// concatenate. A state is indexed by period (or day, or month) and segment; partitions number their
/// segments independently, so a merge first realigns both sides on the union of their segment labels.
/// </summary>
/// <typeparam name="TSelf">The state type itself.</typeparam>
public interface IPartialState<TSelf> where TSelf : IPartialState<TSelf>
{
    /// <summary>A new state holding this one and <paramref name="other"/> (same periods, same segment numbering); neither side changes.</summary>
    TSelf Plus(TSelf other);

    /// <summary>
    /// A new state with segment s of this one moved to segment <paramref name="segmentMap"/>[s] of
    /// <paramref name="segments"/> segments (a one-to-one map); states that are not split by segment return themselves.
    /// </summary>
    TSelf Realigned(int[] segmentMap, int segments);
}
