using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Engine;

/// <summary>
/// Splits a data set into partitions by account, as a scale-out distributes its tables (docs/scaling.md): every row
/// goes to the partition of the account it names, so each account's rows are all in one partition; rows that name no
/// account (costs, tasks and notes without one) go to partition 0, the coordinator's share. Each partition keeps the
/// data set's <see cref="TenureDataSet.Present"/> kinds, so its partials (<see cref="MetricEngine.ComputePartials"/>)
/// merge with the others' into the whole's figures.
/// </summary>
public static class AccountPartitions
{
    /// <summary>The partition of <paramref name="accountId"/> among <paramref name="count"/>: a stable hash of the id (FNV-1a over its UTF-16 code units), 0 for none.</summary>
    public static int Of(string? accountId, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (accountId is null) return 0;
        var hash = 2166136261u;
        foreach (var c in accountId)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return (int)(hash % (uint)count);
    }

    /// <summary>The <paramref name="count"/> partitions of <paramref name="data"/> (see the type's remarks); rows keep their order.</summary>
    public static IReadOnlyList<TenureDataSet> Split(TenureDataSet data, int count)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var parts = new TenureDataSet[count];
        for (var k = 0; k < count; k++)
        {
            var part = new TenureDataSet { Present = data.Present };
            var membership = new Partition(k, count);
            foreach (var kind in InputKinds.All)
            {
                // A kind that names no account (costs) is emptied by Filter; the coordinator's share keeps it whole.
                var accountless = !kind.NamesAccounts && kind.Kind != InputKind.Accounts;
                part = accountless && k == 0 ? kind.CopyRows(part, data) : kind.Filter(part, data, membership);
            }
            parts[k] = part;
        }
        return parts;
    }

    private sealed class Partition(int index, int count) : SegmentMembership
    {
        public override bool AccountIn(string? accountId) => Of(accountId, count) == index;

        // A task goes with its account, whoever owns it.
        public override bool OwnedIn(string? owner, string? accountId) => AccountIn(accountId);
    }
}
