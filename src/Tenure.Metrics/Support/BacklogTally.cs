using System.Numerics;

namespace Tenure.Metrics.Support;

/// <summary>Open tickets at one instant, split by their blocked flag. Mergeable.</summary>
public readonly record struct BacklogTally(int Blocked, int Unblocked)
    : IAdditionOperators<BacklogTally, BacklogTally, BacklogTally>
{
    public int Open => Blocked + Unblocked;

    public static BacklogTally operator +(BacklogTally x, BacklogTally y) =>
        new(checked(x.Blocked + y.Blocked), checked(x.Unblocked + y.Unblocked));

    public static BacklogTally operator -(BacklogTally x, BacklogTally y) =>
        new(checked(x.Blocked - y.Blocked), checked(x.Unblocked - y.Unblocked));
}
