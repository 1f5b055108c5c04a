using Npgsql;

namespace Tenure.Storage.PostgreSql;

/// <summary>A transaction-scoped advisory lock per tenant: bulk writes of one tenant take turns, other tenants are not held up.</summary>
internal static class PostgreSqlTenantLock
{
    public static async Task TakeAsync(NpgsqlConnection connection, string tenant, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@tenant, 0))", connection);
        command.Parameters.AddWithValue("tenant", "tenure:" + tenant);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
