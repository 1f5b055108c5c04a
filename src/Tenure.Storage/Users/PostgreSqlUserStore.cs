using System.Data;

using Npgsql;

using Tenure.Storage.PostgreSql;

namespace Tenure.Storage.Users;

/// <summary>users and tenant_settings on PostgreSQL.</summary>
internal static class PostgreSqlUserStore
{
    /// <summary>Inserts the user and its tenant when new; false when the tenant already has the address.</summary>
    public static async Task<bool> InsertAsync(TenureDatabase database, StoredUser user, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenPostgreSqlAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await PostgreSqlTenantUpdate.ApplyAsync(connection, user.Tenant, Metrics.Inputs.InputKind.None, bumpVersion: false, user.CreatedAt, cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO users (tenant_id, email, password_hash, role, csm, created_at)
            VALUES (@tenant, @email, @hash, @role, @csm, @created)
            ON CONFLICT (tenant_id, email) DO NOTHING
            """, connection);
        command.Parameters.AddWithValue("tenant", user.Tenant);
        command.Parameters.AddWithValue("email", user.Email);
        command.Parameters.AddWithValue("hash", user.PasswordHash);
        command.Parameters.AddWithValue("role", user.Role);
        command.Parameters.AddWithValue("csm", (object?)user.Csm ?? DBNull.Value);
        command.Parameters.AddWithValue("created", PostgreSqlTypes.Utc(user.CreatedAt));
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }
        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }

    /// <summary>Replaces the user's password hash; false when the tenant has no user with this (lower-cased) address.</summary>
    public static async Task<bool> SetPasswordHashAsync(TenureDatabase database, string tenant, string email, string passwordHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenPostgreSqlAsync(cancellationToken);
        await using var command = new NpgsqlCommand("UPDATE users SET password_hash = @hash WHERE tenant_id = @tenant AND email = @email", connection);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("email", email);
        command.Parameters.AddWithValue("hash", passwordHash);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The users with this (lower-cased) address: in <paramref name="tenant"/>, or in every tenant when it is null.</summary>
    public static async Task<IReadOnlyList<StoredUser>> FindAsync(TenureDatabase database, string? tenant, string email, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenPostgreSqlAsync(cancellationToken);
        await using var command = new NpgsqlCommand(tenant is null
            ? $"{Select} WHERE email = @email ORDER BY tenant_id LIMIT 2"
            : $"{Select} WHERE tenant_id = @tenant AND email = @email", connection);
        command.Parameters.AddWithValue("email", email);
        if (tenant is not null)
        {
            command.Parameters.AddWithValue("tenant", tenant);
        }
        return await ReadAsync(command, cancellationToken);
    }

    public static async Task<IReadOnlyList<StoredUser>> ListAsync(TenureDatabase database, string tenant, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenPostgreSqlAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"{Select} WHERE tenant_id = @tenant ORDER BY email", connection);
        command.Parameters.AddWithValue("tenant", tenant);
        return await ReadAsync(command, cancellationToken);
    }

    public static async Task<string?> GetSettingAsync(TenureDatabase database, string tenant, string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenPostgreSqlAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT value FROM tenant_settings WHERE tenant_id = @tenant AND name = @name", connection);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Upserts the setting (null: deletes it), creating the tenant when new.</summary>
    public static async Task SetSettingAsync(TenureDatabase database, string tenant, string name, string? value, DateTime now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenPostgreSqlAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await PostgreSqlTenantUpdate.ApplyAsync(connection, tenant, Metrics.Inputs.InputKind.None, bumpVersion: false, now, cancellationToken);
        await using var command = new NpgsqlCommand(value is null
            ? "DELETE FROM tenant_settings WHERE tenant_id = @tenant AND name = @name"
            : """
              INSERT INTO tenant_settings (tenant_id, name, value, updated_at) VALUES (@tenant, @name, @value, @now)
              ON CONFLICT (tenant_id, name) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at
              """, connection);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("value", (object?)value ?? DBNull.Value);
        command.Parameters.AddWithValue("now", PostgreSqlTypes.Utc(now));
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
    }

    const string Select = "SELECT tenant_id, email, password_hash, role, csm, created_at, disabled_at FROM users";

    static async Task<IReadOnlyList<StoredUser>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var users = new List<StoredUser>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(new StoredUser(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetFieldValue<DateTime>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTime>(6)));
        }
        return users;
    }
}
