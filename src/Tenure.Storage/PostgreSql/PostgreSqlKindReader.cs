using Npgsql;

using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;

namespace Tenure.Storage.PostgreSql;

/// <summary>Loads a tenant's rows from PostgreSQL, inside the caller's (repeatable read) transaction.</summary>
internal sealed class PostgreSqlKindReader(NpgsqlConnection connection, string tenant) : IKindReader
{
    // One pool for every kind of the session: an account id read from usage is the string read from accounts.
    readonly TextPool texts = new();

    public async Task<IReadOnlyList<T>> ReadAsync<T>(KindTable<T> table, CancellationToken cancellationToken)
    {
        await using var command = Command(KindQueries.SelectAll(table, "@tenant"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new RowChunks<T>();
        var row = new PostgreSqlRowReader(reader, texts);
        while (row.Read())
        {
            rows.Add(table.Read(row));
        }
        return rows.ToArray();
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<IRowReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = Command(sql.Replace("{tenant}", "@tenant", StringComparison.Ordinal));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        var row = new PostgreSqlRowReader(reader, texts);
        while (row.Read())
        {
            rows.Add(read(row));
        }
        return rows;
    }

    public async Task<(InputKind Present, long DataVersion)> TenantAsync(CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT present_kinds, data_version FROM tenants WHERE tenant_id = @tenant");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ((InputKind)reader.GetInt32(0), reader.GetInt64(1)) : (InputKind.None, 0);
    }

    public async Task<IReadOnlyList<string>> AccountIdsAsync(CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT account_id FROM accounts WHERE tenant_id = @tenant ORDER BY account_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    public async Task<IReadOnlyList<SurveySend>> SurveySendsAsync(CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT s.id, d.type, s.account_id, s.sent_at, s.response_id FROM survey_sends s JOIN survey_definitions d ON d.tenant_id = s.tenant_id AND d.id = s.survey_id WHERE s.tenant_id = @tenant ORDER BY s.id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sends = new List<SurveySend>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sends.Add(new SurveySend(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }
        return sends;
    }

    NpgsqlCommand Command(string sql)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("tenant", tenant);
        return command;
    }
}
