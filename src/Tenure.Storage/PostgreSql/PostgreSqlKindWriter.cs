using Npgsql;

using Tenure.Storage.Schema;

using static Tenure.Storage.PostgreSql.PostgreSqlTypes;

namespace Tenure.Storage.PostgreSql;

/// <summary>
/// PostgreSQL's bulk path. When the tenant has no rows in the table yet, a binary COPY straight
/// into it (every row is an insert). Otherwise a binary COPY into a temporary staging table, then
/// one <c>INSERT ... SELECT ... ON CONFLICT DO UPDATE ... WHERE (stored) IS DISTINCT FROM (given)</c>
/// whose <c>RETURNING (xmax = 0)</c> tells inserts from updates; rows it did not touch were unchanged.
/// </summary>
internal sealed class PostgreSqlKindWriter(NpgsqlConnection connection, string tenant, IProgress<ImportProgress>? progress) : IKindWriter
{
    public async Task<KindImportSummary> WriteAsync<T>(KindTable<T> table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return new KindImportSummary(table.Kind, 0, 0, 0, 0);
        }
        var columns = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
        if (!await TenantHasRowsAsync(table, cancellationToken))
        {
            await CopyAsync(table, rows, $"COPY {table.Name} (tenant_id, {columns}) FROM STDIN (FORMAT BINARY)", tenant, cancellationToken);
            return new KindImportSummary(table.Kind, rows.Count, rows.Count, 0, 0);
        }

        var stage = "stage_" + table.Name;
        var definition = string.Join(", ", table.Columns.Select(c => $"{Quote(c.Name)} {Sql(c.Type)}"));
        await ExecuteAsync($"DROP TABLE IF EXISTS {stage}; CREATE TEMP TABLE {stage} ({definition}) ON COMMIT DROP", cancellationToken);
        await CopyAsync(table, rows, $"COPY {stage} ({columns}) FROM STDIN (FORMAT BINARY)", null, cancellationToken);

        await using var merge = new NpgsqlCommand(MergeSql(table, stage, columns), connection);
        merge.Parameters.AddWithValue("tenant", tenant);
        merge.CommandTimeout = 0;
        await using var reader = await merge.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        long inserted = reader.GetInt64(0), touched = reader.GetInt64(1);
        return new KindImportSummary(table.Kind, rows.Count, inserted, touched - inserted, rows.Count - touched);
    }

    static string MergeSql(KindTable table, string stage, string columns)
    {
        var key = string.Join(", ", table.KeyColumns.Select(c => Quote(c.Name)));
        var values = table.ValueColumns.Select(c => Quote(c.Name)).ToList();
        var onConflict = values.Count == 0
            ? "DO NOTHING"
            : $"DO UPDATE SET {string.Join(", ", values.Select(v => $"{v} = EXCLUDED.{v}"))} " +
              $"WHERE ROW({string.Join(", ", values.Select(v => $"{table.Name}.{v}"))}) IS DISTINCT FROM ROW({string.Join(", ", values.Select(v => "EXCLUDED." + v))})";
        // In key order, so the primary-key index is walked rather than jumped around in.
        return $"""
            WITH written AS (
                INSERT INTO {table.Name} (tenant_id, {columns})
                SELECT @tenant, {columns} FROM {stage} ORDER BY {key}
                ON CONFLICT (tenant_id, {key}) {onConflict}
                RETURNING (xmax = 0) AS inserted)
            SELECT count(*) FILTER (WHERE inserted), count(*) FROM written
            """;
    }

    async Task CopyAsync<T>(KindTable<T> table, IReadOnlyList<T> rows, string copy, string? tenantColumn, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        importer.Timeout = TimeSpan.Zero;
        var writer = new PostgreSqlCopyWriter<T>(importer, table, tenantColumn);
        for (int i = 0; i < rows.Count; i++)
        {
            writer.Write(rows[i]);
            if ((i + 1) % ImportProgressInterval.Rows == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new ImportProgress(table.Kind, i + 1, rows.Count));
            }
        }
        await importer.CompleteAsync(cancellationToken);
        progress?.Report(new ImportProgress(table.Kind, rows.Count, rows.Count));
    }

    async Task<bool> TenantHasRowsAsync(KindTable table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {table.Name} WHERE tenant_id = @tenant)", connection);
        command.Parameters.AddWithValue("tenant", tenant);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
