using System.Data;

using Npgsql;

namespace Tenure.Storage.PostgreSql;

/// <summary>api_keys on PostgreSQL.</summary>
internal static class PostgreSqlApiKeyStore
{
    /// <summary>Inserts the key (id = highest id + 1) and its tenant when new; null when the prefix is taken.</summary>
    public static async Task<long?> InsertAsync(TenureDatabase database, StoredApiKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenPostgreSqlAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        // Key creation is rare: one at a time, so max(id) + 1 cannot be taken twice.
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE api_keys IN SHARE ROW EXCLUSIVE MODE", connection))
        {
            await lockTable.ExecuteNonQueryAsync(cancellationToken);
        }
        await PostgreSqlTenantUpdate.ApplyAsync(connection, key.Tenant, Metrics.Inputs.InputKind.None, bumpVersion: false, key.CreatedAt, cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO api_keys (tenant_id, id, prefix, hash, role, name, created_at)
            SELECT @tenant, coalesce(max(id), 0) + 1, @prefix, @hash, @role, @name, @created FROM api_keys
            ON CONFLICT (prefix) DO NOTHING
            RETURNING id
            """, connection);
        command.Parameters.AddWithValue("tenant", key.Tenant);
        command.Parameters.AddWithValue("prefix", key.Prefix);
        command.Parameters.AddWithValue("hash", key.Hash);
        command.Parameters.AddWithValue("role", key.Role);
        command.Parameters.AddWithValue("name", (object?)key.Name ?? DBNull.Value);
        command.Parameters.AddWithValue("created", PostgreSqlTypes.Utc(key.CreatedAt));
        var id = await command.ExecuteScalarAsync(cancellationToken);
        if (id is not long keyId)
        {
            return null;
        }
        await transaction.CommitAsync(CancellationToken.None);
        return keyId;
    }

    public static async Task<bool> RevokeAsync(TenureDatabase database, string prefix, DateTime now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenPostgreSqlAsync(cancellationToken);
        await using var command = new NpgsqlCommand("UPDATE api_keys SET revoked_at = @now WHERE prefix = @prefix AND revoked_at IS NULL", connection);
        command.Parameters.AddWithValue("prefix", prefix);
        command.Parameters.AddWithValue("now", PostgreSqlTypes.Utc(now));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public static async Task<StoredApiKey?> FindAsync(TenureDatabase database, string prefix, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenPostgreSqlAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT id, tenant_id, hash, role, name, created_at, revoked_at FROM api_keys WHERE prefix = @prefix", connection);
        command.Parameters.AddWithValue("prefix", prefix);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new StoredApiKey(
            reader.GetInt64(0), reader.GetString(1), prefix, reader.GetFieldValue<byte[]>(2), reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.GetFieldValue<DateTime>(5),
            reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTime>(6));
    }
}
