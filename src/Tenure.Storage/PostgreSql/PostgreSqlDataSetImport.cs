using System.Data;

using Tenure.Metrics.Inputs;
using Tenure.Storage.Tables;

namespace Tenure.Storage.PostgreSql;

/// <summary>A whole data set into PostgreSQL in one transaction.</summary>
internal static class PostgreSqlDataSetImport
{
    /// <summary>
    /// An import of at most this many rows (an ingest batch) keeps them in key order (<see cref="ImportSummary.AsStored"/>),
    /// so the server's copy of the tenant takes them in memory; a larger one is left to the server's sort.
    /// </summary>
    public const int MaxRowsKept = 100_000;

    public static async Task<(IReadOnlyList<KindImportSummary> Kinds, long Version, TenureDataSet? Written)> RunAsync(TenureDatabase database, string tenant, TenureDataSet data, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenPostgreSqlAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        // Two imports of one tenant at once would each see the other's rows half-written: one waits.
        await PostgreSqlTenantLock.TakeAsync(connection, tenant, cancellationToken);
        var writer = new PostgreSqlKindWriter(connection, tenant, progress);
        var summaries = new List<KindImportSummary>();
        var tables = StoredTables.All.Where(t => data.Has(t.Kind)).ToList();
        TenureDataSet? written = tables.Sum(t => (long)t.RowCount(data)) <= MaxRowsKept ? new TenureDataSet { Present = data.Present } : null;
        foreach (var table in tables)
        {
            summaries.Add(await table.ImportAsync(writer, data, cancellationToken));
            if (written is not null)
                written = table.AddInWriteOrder(written, data);
        }
        var version = await PostgreSqlTenantUpdate.ApplyAsync(connection, tenant, data.Present, bumpVersion: true, database.Clock.GetUtcNow().UtcDateTime, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        await transaction.CommitAsync(CancellationToken.None);
        return (summaries, version, written);
    }
}
