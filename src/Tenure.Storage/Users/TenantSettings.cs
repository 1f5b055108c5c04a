using Tenure.Storage.PostgreSql;
using Tenure.Storage.Sqlite;

namespace Tenure.Storage.Users;

/// <summary>
/// Per-tenant settings changed from the dashboards' settings page (table tenant_settings: one row
/// per tenant and setting name). A setting never set reads as null.
/// </summary>
public static class TenantSettings
{
    /// <summary>The industry key of the benchmarks the executive dashboard compares with (BenchmarkCatalogue keys); absent: any industry.</summary>
    public const string BenchmarkIndustry = "benchmark_industry";

    /// <summary>"CSMs see only their own book": "on" or "off"; absent means on (the default).</summary>
    public const string CsmOwnBook = "csm_own_book";

    /// <summary>
    /// Churn grace in whole days, 0 to 365 (METRICS.md "Churn grace"): applied to every dashboard and API
    /// metric of the workspace, and to `tenure metrics --db` without --churn-grace-days; absent: 0.
    /// </summary>
    public const string ChurnGraceDays = "churn_grace_days";

    /// <summary>The workspace's business hours for the business-hours support metrics, as compact JSON (BusinessCalendarJson); absent: METRICS.md's default.</summary>
    public const string BusinessCalendar = "business_calendar";

    /// <summary>The setting's value, or null when it was never set (or was cleared).</summary>
    public static async Task<string?> GetAsync(TenureDatabase database, string tenant, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return database.Provider == DatabaseProvider.Sqlite
            ? await SqliteUserStore.GetSettingAsync(database, tenant, name, cancellationToken)
            : await PostgreSqlUserStore.GetSettingAsync(database, tenant, name, cancellationToken);
    }

    /// <summary>Sets the value (creating the tenant when new); a null or empty value removes the setting.</summary>
    public static async Task SetAsync(TenureDatabase database, string tenant, string name, string? value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var now = database.Clock.GetUtcNow().UtcDateTime;
        var stored = string.IsNullOrEmpty(value) ? null : value;
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await SqliteUserStore.SetSettingAsync(database, tenant, name, stored, now, cancellationToken);
        }
        else
        {
            await PostgreSqlUserStore.SetSettingAsync(database, tenant, name, stored, now, cancellationToken);
        }
    }
}
