using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;
using Tenure.Storage.Tables;

namespace Tenure.Storage.Sqlite;

/// <summary>A whole data set into SQLite in one IMMEDIATE transaction, in this process's write turn.</summary>
internal static class SqliteDataSetImport
{
    /// <summary>Imports <paramref name="data"/>; returns what it did, the data version written, and the rows written as a load reads them back (<see cref="AsStoredRows"/>).</summary>
    public static async Task<(IReadOnlyList<KindImportSummary> Kinds, long Version, Task<TenureDataSet?> AsStored)> RunAsync(TenureDatabase database, string tenant, TenureDataSet data, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenSqliteAsync(cancellationToken);
        // A bulk upsert walks the whole key space of the big tables: give it a large page cache
        // for the duration (returned on the way out, since the connection goes back to the pool).
        await using var cache = await SqliteImportCache.EnlargeAsync(connection);
        // Not deferred: take the write lock now rather than fail upgrading a read lock later.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var writer = new SqliteKindWriter(connection, transaction, tenant, progress);
        var summaries = new List<KindImportSummary>();
        foreach (var table in StoredTables.All)
        {
            if (data.Has(table.Kind))
            {
                summaries.Add(await table.ImportAsync(writer, data, cancellationToken));
            }
        }
        var version = await SqliteTenantUpdate.ApplyAsync(connection, transaction, tenant, data.Present, bumpVersion: true, database.Clock.GetUtcNow().UtcDateTime, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        await transaction.CommitAsync(CancellationToken.None);
        return (summaries, version, writer.AsStored.AllAsync(data.Present));
    }
}
