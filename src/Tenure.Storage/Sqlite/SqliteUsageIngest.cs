using Tenure.Metrics.Inputs;
using Tenure.Storage.Tables;

namespace Tenure.Storage.Sqlite;

/// <summary>Usage increments into SQLite: the prepared upsert in add mode, one transaction in this process's write turn.</summary>
internal static class SqliteUsageIngest
{
    /// <summary>Adds the batch (one entry per key; user "" for none); returns the data version written.</summary>
    public static async Task<long> AddAsync(TenureDatabase database, string tenant, IReadOnlyList<UsageDay> batch, CancellationToken cancellationToken)
    {
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenSqliteAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        using (var upsert = new SqliteUpsertCommand<UsageDay>(connection, StoredTables.Usage, tenant, UpsertMode.AddEvents))
        {
            foreach (var increment in batch)
            {
                upsert.Execute(increment);
            }
        }
        var version = await SqliteTenantUpdate.ApplyAsync(connection, transaction, tenant, InputKind.Usage, bumpVersion: true, database.Clock.GetUtcNow().UtcDateTime, cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return version;
    }
}
