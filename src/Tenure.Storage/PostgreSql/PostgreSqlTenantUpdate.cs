using Npgsql;

using Tenure.Metrics.Inputs;

namespace Tenure.Storage.PostgreSql;

/// <summary>The tenants row of a write transaction on PostgreSQL: created when missing, version bumped, kinds marked present.</summary>
internal static class PostgreSqlTenantUpdate
{
    /// <summary>
    /// Ensures the tenant's row exists and, when <paramref name="bumpVersion"/>, adds 1 to data_version and ORs
    /// <paramref name="kinds"/> into present_kinds. Returns the data version this transaction wrote (0 without a bump):
    /// the row stays locked until the commit, so versions are handed out in commit order.
    /// </summary>
    public static async Task<long> ApplyAsync(NpgsqlConnection connection, string tenant, InputKind kinds, bool bumpVersion, DateTime now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(bumpVersion
            ? """
              INSERT INTO tenants (tenant_id, created_at, present_kinds, data_version) VALUES (@tenant, @now, @kinds, 1)
              ON CONFLICT (tenant_id) DO UPDATE SET present_kinds = tenants.present_kinds | EXCLUDED.present_kinds,
                                                    data_version = tenants.data_version + 1
              RETURNING data_version
              """
            : "INSERT INTO tenants (tenant_id, created_at, present_kinds, data_version) VALUES (@tenant, @now, 0, 0) ON CONFLICT (tenant_id) DO NOTHING",
            connection);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("now", PostgreSqlTypes.Utc(now));
        command.Parameters.AddWithValue("kinds", (int)kinds);
        if (!bumpVersion)
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return 0;
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
