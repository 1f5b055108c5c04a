using Microsoft.EntityFrameworkCore;

using Tenure.Storage.Model;

namespace Tenure.Storage.Work;

/// <summary>What the writes of tasks and notes share: the account they name and the table lock (their data version: <see cref="TenantRows.BumpDataVersionAsync"/>).</summary>
internal static class WorkWrites
{
    /// <summary>
    /// The account's CSM when the tenant has the account; throws <see cref="WorkInputException"/> (account_id) when it
    /// does not: an unknown id and another tenant's account read the same, so nothing leaks across tenants.
    /// </summary>
    public static async Task<string?> AccountCsmAsync(TenureDbContext context, string tenant, string accountId, CancellationToken cancellationToken)
    {
        var accounts = await context.Set<Dictionary<string, object>>("accounts")
            .Where(r => EF.Property<string>(r, "tenant_id") == tenant && EF.Property<string>(r, "account_id") == accountId)
            .Select(r => new { Csm = EF.Property<string?>(r, "csm") })
            .Take(1).ToListAsync(cancellationToken);
        if (accounts.Count == 0)
            throw new WorkInputException("account_id", $"workspace {tenant} has no account '{(accountId.Length > 60 ? accountId[..60] + "..." : accountId)}' (ids are case-sensitive; import it with accounts.csv first).");
        return string.IsNullOrWhiteSpace(accounts[0].Csm) ? null : accounts[0].Csm;
    }

    /// <summary>PostgreSQL: one writer of the table at a time, so two writes never take the same next id.</summary>
    public static Task LockAsync(TenureDbContext context, TenureDatabase database, string table, CancellationToken cancellationToken) =>
        database.Provider == DatabaseProvider.PostgreSql
#pragma warning disable EF1002 // the table name is one of this assembly's constants, never input
            ? context.Database.ExecuteSqlRawAsync($"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE", cancellationToken)
#pragma warning restore EF1002
            : Task.CompletedTask;
}
