using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

using Npgsql;

using Tenure.Storage.Sqlite;

namespace Tenure.Storage.Model;

/// <summary>What the EF Core writes of users, API keys and settings share: the tenant row they need, and telling a duplicate key apart.</summary>
internal static class TenantRows
{
    const int SqlitePrimaryKeyViolation = 1555; // SQLITE_CONSTRAINT_PRIMARYKEY
    const int SqliteUniqueViolation = 2067;     // SQLITE_CONSTRAINT_UNIQUE

    /// <summary>
    /// Creates the tenant's row when missing, inside the context's current transaction. One
    /// statement both providers understand (INSERT ... ON CONFLICT DO NOTHING), so two writers
    /// creating the same tenant at once never clash, which a read-then-add through EF could.
    /// </summary>
    public static Task EnsureAsync(TenureDbContext context, DatabaseProvider provider, string tenant, DateTime now, CancellationToken cancellationToken)
    {
        // The parameter bypasses the model's value converters: SQLite stores microseconds, PostgreSQL timestamptz.
        object createdAt = provider == DatabaseProvider.Sqlite
            ? SqliteValues.ToUnixMicroseconds(now)
            : DateTime.SpecifyKind(now, DateTimeKind.Utc);
        return context.Database.ExecuteSqlRawAsync(
            "INSERT INTO tenants (tenant_id, created_at, present_kinds, data_version) VALUES ({0}, {1}, 0, 0) ON CONFLICT (tenant_id) DO NOTHING",
            [tenant, createdAt], cancellationToken);
    }

    /// <summary>
    /// Adds 1 to the tenant's data version in the context's current transaction (caches of the tenant's data see the
    /// change); returns the version written, 0 when the tenant has no row yet.
    /// </summary>
    public static async Task<long> BumpDataVersionAsync(TenureDbContext context, string tenant, CancellationToken cancellationToken)
    {
        var written = await context.Database
            .SqlQuery<long>($"UPDATE tenants SET data_version = data_version + 1 WHERE tenant_id = {tenant} RETURNING data_version AS \"Value\"")
            .ToListAsync(cancellationToken);
        return written.Count == 0 ? 0 : written[0];
    }

    /// <summary>True when the save broke a primary key or unique index (the row, or its prefix, is already there).</summary>
    public static bool IsDuplicate(DbUpdateException e) => e.InnerException switch
    {
        SqliteException s => s.SqliteExtendedErrorCode is SqlitePrimaryKeyViolation or SqliteUniqueViolation,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
