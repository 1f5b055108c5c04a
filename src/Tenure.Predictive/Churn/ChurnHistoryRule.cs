namespace Tenure.Predictive.Churn;

/// <summary>
/// How a tenant's own history becomes training data, and when it is too short to train on. Training
/// snapshots are taken every <see cref="SnapshotEveryDays"/> days going back from as-of minus the horizon
/// (the latest instant whose label window is over), at most <see cref="MaximumSnapshots"/> of them; a snapshot
/// counts when some account was a customer at it. The history is too short when it gives fewer than
/// <see cref="MinimumSnapshots"/> snapshots, fewer than <see cref="MinimumChurnedAccounts"/> distinct accounts
/// that churned within a snapshot's horizon, or fewer than <see cref="MinimumRetainedAccounts"/> that stayed.
/// </summary>
/// <remarks>
/// 20 churned accounts is a judgement, not a measured threshold (ADR 0095): below it a logistic model over
/// the feature builder's two dozen features has under one churner per feature and its drivers are mostly
/// noise; the usual events-per-variable rule of thumb would ask for more, so treat small books with care.
/// </remarks>
public sealed record ChurnHistoryRule
{
    public int HorizonDays { get; init; } = 90;

    public int SnapshotEveryDays { get; init; } = 30;

    public int MaximumSnapshots { get; init; } = 24;

    public int MinimumSnapshots { get; init; } = 3;

    public int MinimumChurnedAccounts { get; init; } = 20;

    public int MinimumRetainedAccounts { get; init; } = 20;
}
