using Microsoft.Data.Sqlite;

using Tenure.Storage.Schema;

namespace Tenure.Storage.Sqlite;

/// <summary>
/// SQLite's bulk path: one prepared upsert re-executed per row inside the import's transaction.
/// Inserted = rows after - rows before; updated = changes() - inserted; the rest were unchanged.
/// </summary>
internal sealed class SqliteKindWriter(SqliteConnection connection, SqliteTransaction transaction, string tenant, IProgress<ImportProgress>? progress) : IKindWriter
{
    public async Task<KindImportSummary> WriteAsync<T>(KindTable<T> table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        long before = await CountAsync(table, cancellationToken);
        rows = table.InWriteOrder(rows);
        long changes = 0;
        using (var upsert = new SqliteUpsertCommand<T>(connection, table, tenant, UpsertMode.Replace))
        {
            for (int i = 0; i < rows.Count; i++)
            {
                changes += upsert.Execute(rows[i]);
                if ((i + 1) % ImportProgressInterval.Rows == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(new ImportProgress(table.Kind, i + 1, rows.Count));
                }
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new ImportProgress(table.Kind, rows.Count, rows.Count));
        long inserted = await CountAsync(table, cancellationToken) - before;
        long updated = changes - inserted;
        return new KindImportSummary(table.Kind, rows.Count, inserted, updated, rows.Count - inserted - updated);
    }

    async Task<long> CountAsync(KindTable table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT count(*) FROM {table.Name} WHERE tenant_id = $tenant";
        command.Parameters.AddWithValue("$tenant", tenant);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
