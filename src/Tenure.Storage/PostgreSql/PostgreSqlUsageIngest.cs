using System.Data;

using Npgsql;

using NpgsqlTypes;

using Tenure.Metrics.Inputs;

namespace Tenure.Storage.PostgreSql;

/// <summary>
/// Usage increments into PostgreSQL: one multi-row <c>INSERT ... SELECT FROM unnest(arrays) ON
/// CONFLICT DO UPDATE SET events = usage_days.events + EXCLUDED.events</c> (a single round trip,
/// no staging table), then the tenants row, in one transaction.
/// </summary>
internal static class PostgreSqlUsageIngest
{
    const string Sql = """
        INSERT INTO usage_days (tenant_id, account_id, user_id, day, events)
        SELECT @tenant, a, u, d, e FROM unnest(@accounts, @users, @days, @events) AS t(a, u, d, e)
        ON CONFLICT (tenant_id, account_id, user_id, day) DO UPDATE SET events = usage_days.events + EXCLUDED.events
        """;

    /// <summary>Adds the batch (one entry per key, in key order; user "" for none); returns the data version written.</summary>
    public static async Task<long> AddAsync(TenureDatabase database, string tenant, IReadOnlyList<UsageDay> batch, CancellationToken cancellationToken)
    {
        var accounts = new string[batch.Count];
        var users = new string[batch.Count];
        var days = new DateTime[batch.Count];
        var events = new int[batch.Count];
        for (int i = 0; i < batch.Count; i++)
        {
            accounts[i] = batch[i].AccountId;
            users[i] = batch[i].UserId ?? "";
            days[i] = batch[i].Day;
            events[i] = batch[i].Events;
        }

        await using var connection = await database.OpenPostgreSqlAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await using (var command = new NpgsqlCommand(Sql, connection))
        {
            command.Parameters.AddWithValue("tenant", tenant);
            command.Parameters.AddWithValue("accounts", NpgsqlDbType.Array | NpgsqlDbType.Text, accounts);
            command.Parameters.AddWithValue("users", NpgsqlDbType.Array | NpgsqlDbType.Text, users);
            command.Parameters.AddWithValue("days", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, days);
            command.Parameters.AddWithValue("events", NpgsqlDbType.Array | NpgsqlDbType.Integer, events);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        var version = await PostgreSqlTenantUpdate.ApplyAsync(connection, tenant, InputKind.Usage, bumpVersion: true, database.Clock.GetUtcNow().UtcDateTime, cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return version;
    }
}
