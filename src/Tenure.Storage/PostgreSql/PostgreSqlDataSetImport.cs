using System.Data;

using Tenure.Metrics.Inputs;
using Tenure.Storage.Tables;

namespace Tenure.Storage.PostgreSql;

/// <summary>A whole data set into PostgreSQL in one transaction.</summary>
internal static class PostgreSqlDataSetImport
{
    public static async Task<(IReadOnlyList<KindImportSummary> Kinds, long Version)> RunAsync(TenureDatabase database, string tenant, TenureDataSet data, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenPostgreSqlAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        // Two imports of one tenant at once would each see the other's rows half-written: one waits.
        await PostgreSqlTenantLock.TakeAsync(connection, tenant, cancellationToken);
        var writer = new PostgreSqlKindWriter(connection, tenant, progress);
        var summaries = new List<KindImportSummary>();
        foreach (var table in StoredTables.All)
        {
            if (data.Has(table.Kind))
            {
                summaries.Add(await table.ImportAsync(writer, data, cancellationToken));
            }
        }
        var version = await PostgreSqlTenantUpdate.ApplyAsync(connection, tenant, data.Present, bumpVersion: true, database.Clock.GetUtcNow().UtcDateTime, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        await transaction.CommitAsync(CancellationToken.None);
        return (summaries, version);
    }
}
