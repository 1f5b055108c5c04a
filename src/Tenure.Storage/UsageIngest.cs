using Tenure.Metrics.Inputs;
using Tenure.Storage.PostgreSql;
using Tenure.Storage.Sqlite;

namespace Tenure.Storage;

/// <summary>Usage events arriving over the API: added to the per account, user and day rollup.</summary>
public static class UsageIngest
{
    /// <summary>
    /// Adds each increment's <see cref="UsageDay.Events"/> to the stored count of its account, user
    /// and day (creating it), in one transaction; marks usage as present for the tenant.
    /// </summary>
    /// <remarks>
    /// Increments of the same account, user and day are summed first. <see cref="UsageDay.Day"/> is
    /// truncated to its UTC day. Events must not be negative. Account ids are not checked here (the
    /// caller validates them). An empty list writes nothing and leaves the data version as it was.
    /// </remarks>
    public static async Task AddAsync(TenureDatabase database, string tenant, IReadOnlyList<UsageDay> increments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(increments);
        Tenants.EnsureValidName(tenant);
        var batch = Combine(increments);
        if (batch.Count == 0)
        {
            return;
        }
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await SqliteUsageIngest.AddAsync(database, tenant, batch, cancellationToken);
        }
        else
        {
            await PostgreSqlUsageIngest.AddAsync(database, tenant, batch, cancellationToken);
        }
        TenureTelemetry.RecordIngest(tenant, batch.Sum(day => (long)day.Events));
    }

    /// <summary>One increment per (account, user, day), in key order (so concurrent batches lock rows in the same order).</summary>
    static List<UsageDay> Combine(IReadOnlyList<UsageDay> increments)
    {
        var sums = new Dictionary<(string Account, string User, long Day), long>(increments.Count);
        foreach (var increment in increments)
        {
            ArgumentException.ThrowIfNullOrEmpty(increment.AccountId, nameof(increments));
            ArgumentOutOfRangeException.ThrowIfNegative(increment.Events, nameof(increments));
            var key = (increment.AccountId, increment.UserId ?? "", increment.Day.Ticks / TimeSpan.TicksPerDay);
            sums[key] = sums.GetValueOrDefault(key) + increment.Events;
        }
        var batch = new List<UsageDay>(sums.Count);
        foreach (var ((account, user, day), events) in sums)
        {
            batch.Add(new UsageDay(account, user, new DateTime(day * TimeSpan.TicksPerDay, DateTimeKind.Utc), checked((int)events)));
        }
        batch.Sort(static (a, b) =>
        {
            int c = string.CompareOrdinal(a.AccountId, b.AccountId);
            if (c == 0) c = string.CompareOrdinal(a.UserId, b.UserId);
            return c != 0 ? c : a.Day.CompareTo(b.Day);
        });
        return batch;
    }
}
