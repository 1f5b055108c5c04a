using Microsoft.Data.Sqlite;

using Tenure.Storage.Sqlite;

namespace Tenure.Storage.Users;

/// <summary>users and tenant_settings on SQLite.</summary>
internal static class SqliteUserStore
{
    const int PrimaryKeyViolation = 1555; // SQLITE_CONSTRAINT_PRIMARYKEY

    /// <summary>Inserts the user and its tenant when new; false when the tenant already has the address.</summary>
    public static async Task<bool> InsertAsync(TenureDatabase database, StoredUser user, CancellationToken cancellationToken)
    {
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenSqliteAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await SqliteTenantUpdate.ApplyAsync(connection, transaction, user.Tenant, Metrics.Inputs.InputKind.None, bumpVersion: false, user.CreatedAt, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO users (tenant_id, email, password_hash, role, csm, created_at)
            VALUES ($tenant, $email, $hash, $role, $csm, $created)
            """;
        command.Parameters.AddWithValue("$tenant", user.Tenant);
        command.Parameters.AddWithValue("$email", user.Email);
        command.Parameters.AddWithValue("$hash", user.PasswordHash);
        command.Parameters.AddWithValue("$role", user.Role);
        command.Parameters.AddWithValue("$csm", (object?)user.Csm ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", SqliteValues.ToUnixMicroseconds(user.CreatedAt));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == PrimaryKeyViolation)
        {
            return false;
        }
        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }

    /// <summary>Replaces the user's password hash; false when the tenant has no user with this (lower-cased) address.</summary>
    public static async Task<bool> SetPasswordHashAsync(TenureDatabase database, string tenant, string email, string passwordHash, CancellationToken cancellationToken)
    {
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenSqliteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE users SET password_hash = $hash WHERE tenant_id = $tenant AND email = $email";
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$email", email);
        command.Parameters.AddWithValue("$hash", passwordHash);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The users with this (lower-cased) address: in <paramref name="tenant"/>, or in every tenant when it is null.</summary>
    public static async Task<IReadOnlyList<StoredUser>> FindAsync(TenureDatabase database, string? tenant, string email, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenSqliteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = tenant is null
            ? $"{Select} WHERE email = $email ORDER BY tenant_id LIMIT 2"
            : $"{Select} WHERE tenant_id = $tenant AND email = $email";
        command.Parameters.AddWithValue("$email", email);
        command.Parameters.AddWithValue("$tenant", (object?)tenant ?? DBNull.Value);
        return await ReadAsync(command, cancellationToken);
    }

    public static async Task<IReadOnlyList<StoredUser>> ListAsync(TenureDatabase database, string tenant, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenSqliteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"{Select} WHERE tenant_id = $tenant ORDER BY email";
        command.Parameters.AddWithValue("$tenant", tenant);
        return await ReadAsync(command, cancellationToken);
    }

    public static async Task<string?> GetSettingAsync(TenureDatabase database, string tenant, string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenSqliteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM tenant_settings WHERE tenant_id = $tenant AND name = $name";
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$name", name);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Upserts the setting (null: deletes it), creating the tenant when new.</summary>
    public static async Task SetSettingAsync(TenureDatabase database, string tenant, string name, string? value, DateTime now, CancellationToken cancellationToken)
    {
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenSqliteAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await SqliteTenantUpdate.ApplyAsync(connection, transaction, tenant, Metrics.Inputs.InputKind.None, bumpVersion: false, now, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = value is null
            ? "DELETE FROM tenant_settings WHERE tenant_id = $tenant AND name = $name"
            : """
              INSERT INTO tenant_settings (tenant_id, name, value, updated_at) VALUES ($tenant, $name, $value, $now)
              ON CONFLICT (tenant_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
              """;
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$value", (object?)value ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", SqliteValues.ToUnixMicroseconds(now));
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
    }

    const string Select = "SELECT tenant_id, email, password_hash, role, csm, created_at, disabled_at FROM users";

    static async Task<IReadOnlyList<StoredUser>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var users = new List<StoredUser>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(new StoredUser(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                SqliteValues.FromUnixMicroseconds(reader.GetInt64(5)),
                reader.IsDBNull(6) ? null : SqliteValues.FromUnixMicroseconds(reader.GetInt64(6))));
        }
        return users;
    }
}
