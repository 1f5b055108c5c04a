using Tenure.Metrics.Benchmarks;
using Tenure.Storage;
using Tenure.Storage.Users;

namespace Tenure.Web.Settings;

/// <summary>
/// The tenant's benchmark industry (tenant_settings.benchmark_industry), set on /settings by a
/// manager or admin: the industry the executive dashboard compares with when the URL names none.
/// </summary>
public sealed class TenantBenchmarkSetting(TenureDatabase database, BenchmarkCatalogue benchmarks)
{
    /// <summary>The tenant's industry, or null (any industry) when none is set or the stored key is no longer in the catalogue.</summary>
    public async Task<BenchmarkIndustry?> GetAsync(string tenant, CancellationToken cancellationToken = default) =>
        benchmarks.Industry(await TenantSettings.GetAsync(database, tenant, TenantSettings.BenchmarkIndustry, cancellationToken));

    /// <summary>Stores the industry with this catalogue key (null or empty: any industry); false when the key is not in the catalogue (nothing stored).</summary>
    public async Task<bool> SetAsync(string tenant, string? industryKey, CancellationToken cancellationToken = default)
    {
        BenchmarkIndustry? industry = null;
        if (!string.IsNullOrEmpty(industryKey) && (industry = benchmarks.Industry(industryKey)) is null)
            return false;
        await TenantSettings.SetAsync(database, tenant, TenantSettings.BenchmarkIndustry, industry?.Key, cancellationToken);
        return true;
    }

    public IReadOnlyList<BenchmarkIndustry> Industries => benchmarks.Industries;
}

/// <summary>Registration of the tenant settings services.</summary>
public static class TenantSettingsExtensions
{
    public static IHostApplicationBuilder AddTenantSettings(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<TenantBenchmarkSetting>();
        builder.Services.AddScoped<CsmOwnBookSetting>();
        builder.Services.AddScoped<TenantChurnGraceSetting>();
        builder.Services.AddScoped<TenantBusinessCalendarSetting>();
        builder.Services.AddScoped<WorkspaceMetricOptions>();
        builder.Services.AddScoped<TenantHealthModelSetting>();
        builder.Services.AddScoped<Dashboards.WorkspaceHealth>();
        return builder;
    }
}
