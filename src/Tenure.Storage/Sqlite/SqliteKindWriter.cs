using Microsoft.Data.Sqlite;

using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;

namespace Tenure.Storage.Sqlite;

/// <summary>
/// SQLite's bulk path: one prepared upsert of <see cref="RowsPerStatement"/> rows re-executed per batch inside the import's
/// transaction, each kind's rows converted to their stored form meanwhile on the thread pool (<see cref="AsStored"/>).
/// Inserted = rows after - rows before; updated = changes() - inserted; the rest were unchanged. A kind whose rows
/// <paramref name="ordered"/> holds takes them from there, put in write order ahead of the writer (ADR 0480).
/// </summary>
internal sealed class SqliteKindWriter(SqliteConnection connection, SqliteTransaction transaction, string tenant, IProgress<ImportProgress>? progress, bool textsAhead,
    IReadOnlyDictionary<KindTable, Task<object>>? ordered = null) : IKindWriter
{
    /// <summary>The rows written, each kind's in write order, as a load reads them back: converted while the database takes its rows and the next kinds'.</summary>
    public AsStoredRows AsStored { get; } = new(DatabaseProvider.Sqlite, textsAhead);

    public async Task<KindImportSummary> WriteAsync<T>(KindTable<T> table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        long before = await CountAsync(table, cancellationToken);
        rows = ordered is not null && ordered.TryGetValue(table, out var ahead) ? (IReadOnlyList<T>)await ahead : table.InWriteOrder(rows);
        AsStored.Start(table, table.WithRows(new TenureDataSet(), rows));
        var deferred = await DeferIndexesAsync(table, rows.Count, cancellationToken);
        long changes = 0;
        using (var upsert = new SqliteUpsertCommand<T>(connection, table, tenant, UpsertMode.Replace, RowsPerStatement))
        {
            for (int i = 0; i < rows.Count; i++)
            {
                changes += upsert.Add(rows[i]);
                if ((i + 1) % ImportProgressInterval.Rows == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(new ImportProgress(table.Kind, i + 1, rows.Count));
                }
            }
            changes += upsert.Flush();
        }
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var index in deferred)
            await ExecuteAsync(index, cancellationToken);
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

    /// <summary>
    /// When <paramref name="rowCount"/> rows (at least <see cref="DeferIndexesFromRows"/>) are as many as the table
    /// holds for all tenants, its secondary indexes (the account look-ups) are dropped, to be created again from their
    /// own SQL after the rows are in (returned): one sorted build instead of an insert per row scattered over each index
    /// (rows come in key order, not account order). Inside the import's transaction, so a failure or a cancellation
    /// rolls the drop back with the rows, and readers of the file never see the table without them.
    /// </summary>
    async Task<IReadOnlyList<string>> DeferIndexesAsync(KindTable table, int rowCount, CancellationToken cancellationToken)
    {
        if (rowCount < DeferIndexesFromRows)
            return [];
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT count(*) FROM {table.Name}";
        if ((long)(await command.ExecuteScalarAsync(cancellationToken))! > rowCount)
            return [];
        var indexes = new List<(string Name, string Sql)>();
        command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $table AND sql IS NOT NULL";
        command.Parameters.AddWithValue("$table", table.Name);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in indexes)
            await ExecuteAsync($"DROP INDEX \"{name}\"", cancellationToken);
        return [.. indexes.Select(i => i.Sql)];
    }

    async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Rows to one execution of the upsert (<see cref="SqliteUpsertCommand{T}"/>); at most 32,766 parameters a statement.</summary>
    internal const int RowsPerStatement = 64;

    /// <summary>Fewer rows than this are inserted with the indexes in place (dropping and building them costs more).</summary>
    internal const int DeferIndexesFromRows = 10_000;
}
