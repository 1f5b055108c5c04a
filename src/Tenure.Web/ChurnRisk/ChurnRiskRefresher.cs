using Microsoft.Extensions.Options;

using Tenure.Storage;
using Tenure.Web.Dashboards;

namespace Tenure.Web.ChurnRisk;

/// <summary>The "Tenure:ChurnRisk" configuration section.</summary>
public sealed class ChurnRiskOptions
{
    public const string Section = "Tenure:ChurnRisk";

    /// <summary>Whether <see cref="ChurnRiskRefresher"/> trains and scores in the background (default true); off, the API computes on first ask.</summary>
    public bool Background { get; set; } = true;

    /// <summary>How often each tenant's data version and the day are checked, in seconds (default 30).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 86400)]
    public int CheckIntervalSeconds { get; set; } = 30;
}

/// <summary>
/// Keeps <see cref="ChurnRiskService"/> fresh: every <see cref="ChurnRiskOptions.CheckIntervalSeconds"/> it asks each
/// tenant's result for the current data version and day, which retrains and rescores only when an import or ingest
/// moved the data version or the UTC day changed. Imports landing while a run works are coalesced into the next
/// check's one run. Tenants: the dashboards' warm-up tenants (default <c>default</c>) and every tenant someone opened.
/// </summary>
public sealed partial class ChurnRiskRefresher(
    ChurnRiskService service,
    TenureDatabase database,
    DashboardCache dashboards,
    IOptions<ChurnRiskOptions> options,
    IOptions<DashboardOptions> dashboardOptions,
    TimeProvider clock,
    ILogger<ChurnRiskRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Background)
            return;
        await Task.Yield();
        var interval = TimeSpan.FromSeconds(options.Value.CheckIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var tenant in Tenants())
            {
                try
                {
                    if (await StoredData.DataVersionAsync(database, tenant, stoppingToken) != 0)
                        await service.GetAsync(tenant, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    LogFailed(e, tenant);
                }
            }
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private List<string> Tenants()
    {
        var configured = dashboardOptions.Value.WarmUpTenants.Count > 0 ? dashboardOptions.Value.WarmUpTenants : [Storage.Tenants.Default];
        return [.. configured.Where(Storage.Tenants.IsValidName).Concat(dashboards.KnownTenants).Concat(service.KnownTenants).Distinct(StringComparer.Ordinal)];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the churn risk of tenant {Tenant} failed; retrying at the next check")]
    private partial void LogFailed(Exception exception, string tenant);
}
