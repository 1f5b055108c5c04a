using Microsoft.EntityFrameworkCore;

using Tenure.Storage.Model;

namespace Tenure.Storage.Users;

/// <summary>
/// Per-tenant settings changed from the dashboards' settings page (table tenant_settings: one row
/// per tenant and setting name), through EF Core. A setting never set reads as null.
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

    /// <summary>
    /// The workspace's account health model: health.json text (docs/health.md), validated by HealthModelJson before it
    /// is stored; used by the dashboards, GET /api/v1/health and `tenure health --db` without --config. Absent: METRICS.md's model.
    /// </summary>
    public const string HealthModel = "health_model";

    /// <summary>The setting's value, or null when it was never set (or was cleared).</summary>
    public static async Task<string?> GetAsync(TenureDatabase database, string tenant, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        ArgumentException.ThrowIfNullOrEmpty(name);
        await using var context = database.CreateContext();
        return await context.TenantSettings.AsNoTracking()
            .Where(s => s.TenantId == tenant && s.Name == name)
            .Select(s => s.Value)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Sets the value (creating the tenant when new); a null or empty value removes the setting.</summary>
    public static async Task SetAsync(TenureDatabase database, string tenant, string name, string? value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var now = database.Clock.GetUtcNow().UtcDateTime;
        var stored = string.IsNullOrEmpty(value) ? null : value;
        using var turn = await database.EnterWriteAsync(cancellationToken);
        // Two writers may add the same new setting at once (PostgreSQL): the one that loses updates the winner's row.
        for (var attempt = 1; ; attempt++)
        {
            await using var context = database.CreateContext();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            await TenantRows.EnsureAsync(context, database.Provider, tenant, now, cancellationToken);
            var row = await context.TenantSettings.FirstOrDefaultAsync(s => s.TenantId == tenant && s.Name == name, cancellationToken);
            if (stored is null && row is not null)
                context.TenantSettings.Remove(row);
            else if (stored is not null && row is null)
                context.TenantSettings.Add(new TenantSettingRow { TenantId = tenant, Name = name, Value = stored, UpdatedAt = now });
            else if (stored is not null && row is not null)
                (row.Value, row.UpdatedAt) = (stored, now);
            try
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (attempt == 1 && TenantRows.IsDuplicate(e))
            {
                continue;
            }
            await transaction.CommitAsync(CancellationToken.None);
            return;
        }
    }
}
