using Microsoft.Data.Sqlite;

namespace Tenure.Storage.Sqlite;

/// <summary>api_keys on SQLite.</summary>
internal static class SqliteApiKeyStore
{
    const int UniqueViolation = 2067; // SQLITE_CONSTRAINT_UNIQUE

    /// <summary>Inserts the key (id = highest id + 1) and its tenant when new; null when the prefix is taken.</summary>
    public static async Task<long?> InsertAsync(TenureDatabase database, StoredApiKey key, CancellationToken cancellationToken)
    {
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenSqliteAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await SqliteTenantUpdate.ApplyAsync(connection, transaction, key.Tenant, Metrics.Inputs.InputKind.None, bumpVersion: false, key.CreatedAt, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO api_keys (tenant_id, id, prefix, hash, role, name, created_at)
            SELECT $tenant, coalesce(max(id), 0) + 1, $prefix, $hash, $role, $name, $created FROM api_keys
            RETURNING id
            """;
        command.Parameters.AddWithValue("$tenant", key.Tenant);
        command.Parameters.AddWithValue("$prefix", key.Prefix);
        command.Parameters.AddWithValue("$hash", key.Hash);
        command.Parameters.AddWithValue("$role", key.Role);
        command.Parameters.AddWithValue("$name", (object?)key.Name ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", SqliteValues.ToUnixMicroseconds(key.CreatedAt));
        try
        {
            var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            await transaction.CommitAsync(CancellationToken.None);
            return id;
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == UniqueViolation)
        {
            return null;
        }
    }

    public static async Task<bool> RevokeAsync(TenureDatabase database, string prefix, DateTime now, CancellationToken cancellationToken)
    {
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenSqliteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE api_keys SET revoked_at = $now WHERE prefix = $prefix AND revoked_at IS NULL";
        command.Parameters.AddWithValue("$prefix", prefix);
        command.Parameters.AddWithValue("$now", SqliteValues.ToUnixMicroseconds(now));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public static async Task<StoredApiKey?> FindAsync(TenureDatabase database, string prefix, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenSqliteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, tenant_id, hash, role, name, created_at, revoked_at FROM api_keys WHERE prefix = $prefix";
        command.Parameters.AddWithValue("$prefix", prefix);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new StoredApiKey(
            reader.GetInt64(0), reader.GetString(1), prefix, (byte[])reader.GetValue(2), reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            SqliteValues.FromUnixMicroseconds(reader.GetInt64(5)),
            reader.IsDBNull(6) ? null : SqliteValues.FromUnixMicroseconds(reader.GetInt64(6)));
    }
}
