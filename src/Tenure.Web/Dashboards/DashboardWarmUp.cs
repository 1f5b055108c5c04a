using System.Diagnostics;

using Microsoft.Extensions.Options;

using Tenure.Metrics.Engine;
using Tenure.Metrics.Periods;
using Tenure.Storage;
using Tenure.Web.Data;
using Tenure.Web.Settings;

namespace Tenure.Web.Dashboards;

/// <summary>The "Tenure:Dashboards" configuration section: the warm-up of the dashboards' first views.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Tenure:Dashboards";

    /// <summary>Whether <see cref="DashboardWarmUp"/> runs (default true).</summary>
    public bool WarmUp { get; set; } = true;

    /// <summary>
    /// The tenants warmed from the start (default: <c>default</c>); every tenant someone has opened a
    /// dashboard of is warmed too. Storage offers no list of tenants, so this is how others are named.
    /// </summary>
    public IList<string> WarmUpTenants { get; } = [];

    /// <summary>How often each tenant's data version is checked, in seconds (default 5).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 3600)]
    public int WarmUpIntervalSeconds { get; set; } = 5;
}

/// <summary>
/// Loads each tenant's data into <see cref="Data.TenantDataCache"/> and computes the default view of every
/// dashboard (the last complete month, no filters; the executive one against the tenant's benchmark industry)
/// and of the accounts list into <see cref="DashboardCache"/>: at start, and again whenever the tenant's data
/// version, the default month or the benchmark setting changes (checked every
/// <see cref="DashboardOptions.WarmUpIntervalSeconds"/>, one small query per tenant). So the first person to
/// open a dashboard after a start or an import gets the cached page, not a 25 s load.
/// </summary>
public sealed partial class DashboardWarmUp(
    IServiceScopeFactory scopes,
    TenureDatabase database,
    TenantDataCache data,
    DashboardCache cache,
    MetricGrids grids,
    IOptions<DashboardOptions> options,
    TimeProvider clock,
    ILogger<DashboardWarmUp> logger) : BackgroundService
{
    private static readonly Func<string, string?> NoQuery = _ => null;

    /// <summary>
    /// How often the default views are warmed again while only usage changes in memory: each change makes them
    /// stale within a second, so warming at every check would keep a core busy for views no one may open.
    /// </summary>
    public static readonly TimeSpan UsageRewarmInterval = TimeSpan.FromMinutes(1);

    /// <summary>Per tenant, what its last warm-up computed (version loaded, default period, industry, settings), at which version and when.</summary>
    private readonly Dictionary<string, (string Stamp, long Version, long At)> warmed = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmUp)
            return;
        // Off the start-up path: the server takes requests while this works.
        await Task.Yield();
        var interval = TimeSpan.FromSeconds(options.Value.WarmUpIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var tenant in Tenants())
            {
                try
                {
                    await WarmAsync(tenant, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    // A failed warm-up only costs the first viewer time; it is retried at the next check.
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

    private IEnumerable<string> Tenants()
    {
        var configured = options.Value.WarmUpTenants.Count > 0 ? options.Value.WarmUpTenants : [Storage.Tenants.Default];
        return configured.Where(Storage.Tenants.IsValidName).Concat(cache.KnownTenants).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Warms the tenant's default views when its data, the default period, its benchmark industry or its metric settings (churn grace, business calendar) changed since the last time.</summary>
    private async Task WarmAsync(string tenant, CancellationToken cancellationToken)
    {
        if (await StoredData.DataVersionAsync(database, tenant, cancellationToken) == 0)
            return; // no data: the pages are empty states, quick without help
        // The stored data, not a snapshot a refresh behind: the views warmed are the ones the next reads ask for.
        var snapshot = await data.GetCurrentAsync(tenant, cancellationToken);
        var version = snapshot.Version;
        await using var scope = scopes.CreateAsyncScope();
        var industry = await scope.ServiceProvider.GetRequiredService<TenantBenchmarkSetting>().GetAsync(tenant, cancellationToken);
        var metricOptions = await scope.ServiceProvider.GetRequiredService<WorkspaceMetricOptions>().GetAsync(tenant, cancellationToken);
        // The stamp holds the version of the last change to rows other than usage, not the version: usage applied in
        // memory since then (a stream of small posts) re-warms at most every UsageRewarmInterval instead of at every check.
        var stamp = $"{snapshot.RowsVersion}\n{DashboardQuery.Default(clock.GetUtcNow().UtcDateTime).QueryString}\n{industry?.Key}\n{WorkspaceMetricOptions.Key(metricOptions)}";
        if (warmed.TryGetValue(tenant, out var last) && last.Stamp == stamp
            && (last.Version == version || Stopwatch.GetElapsedTime(last.At) < UsageRewarmInterval))
            return;

        var started = Stopwatch.GetTimestamp();
        var pages = ActivatorUtilities.CreateInstance<DashboardPages>(scope.ServiceProvider, new WarmUpUser(tenant));
        var choices = await pages.ChoicesAsync(cancellationToken);
        var loaded = Stopwatch.GetElapsedTime(started);
        await pages.KpiAsync(NoQuery, cancellationToken);
        await pages.SaasAsync(NoQuery, cancellationToken);
        await pages.ExecutiveAsync(NoQuery, cancellationToken);
        await pages.CsManagerAsync(NoQuery, cancellationToken);
        await pages.SupportAsync(NoQuery, cancellationToken);
        await pages.AccountsAsync(NoQuery, cancellationToken);
        // The Feedback page's comments, analysed once per data version (the first use also trains the sentiment model).
        Data.TenantFeedback.Of(await scope.ServiceProvider.GetRequiredService<Data.TenantDataCache>().GetAsync(tenant, cancellationToken));
        // Every metric per month, quarter and year, unsplit, for the unfiltered views and the API's queries (built in the
        // background, one at a time, ADR 0275 and 0285); then split by each attribute the filters offer, for the views
        // under one filter and the API's splits, and the agents' split by csm (the support pages' per-agent tables): a
        // first view under one filter reads its figures from them instead of computing them (ADR 0495).
        foreach (var granularity in MetricGrid.Granularities)
            grids.Prepare(snapshot, granularity, SegmentBy.None, metricOptions);
        foreach (var by in FilterSplits(choices))
        {
            foreach (var granularity in MetricGrid.Granularities)
                grids.Prepare(snapshot, granularity, by, metricOptions);
        }
        foreach (var granularity in MetricGrid.Granularities)
            grids.Prepare(snapshot, granularity, AgentDataSet.By, metricOptions, GridData.Agents);
        // The SaaS page's trailing twelve months of CLV ending with each month (its current and previous periods' overlap,
        // so no grid holds them), unsplit and split by each filter attribute; and the CS manager page's per-CSM table under
        // one filter: its columns split by csm within each other filter attribute.
        var splits = FilterSplits(choices).ToList();
        grids.Prepare(snapshot, Granularity.Range, SegmentBy.None, metricOptions);
        foreach (var by in splits)
            grids.Prepare(snapshot, Granularity.Range, by, metricOptions);
        // And the per-agent tables' columns split by agent within each filter attribute but csm (a csm's tickets go by
        // their accounts, but an agent "account" holds only one csm: its agent).
        foreach (var within in splits.Where(by => by != SegmentBy.Csm))
        {
            foreach (var granularity in MetricGrid.Granularities)
            {
                if (splits.Contains(SegmentBy.Csm))
                    grids.Prepare(snapshot, granularity, SegmentBy.Csm, metricOptions, GridData.Tenant, within);
                grids.Prepare(snapshot, granularity, AgentDataSet.By, metricOptions, GridData.Agents, within);
            }
        }
        warmed[tenant] = (stamp, version, Stopwatch.GetTimestamp());
        LogWarmed(tenant, version, (long)loaded.TotalMilliseconds, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>The splits of the attributes the dashboards' filters offer a value of (<see cref="AccountsList.Choices"/>), in the filters' order.</summary>
    internal static IEnumerable<SegmentBy> FilterSplits(IReadOnlyDictionary<string, IReadOnlyList<string>> choices)
    {
        foreach (var (key, values) in choices)
        {
            if (values.Count > 0 && Segmentation.TryParseKey(key, out var by) && by is not (SegmentBy.None or SegmentBy.Cohort))
                yield return by;
        }
    }

    /// <summary>The tenant as an admin sees it (every account): the default views everyone but a CSM's accounts list opens on.</summary>
    private sealed class WarmUpUser(string tenant) : ICurrentUser
    {
        public string Tenant => tenant;

        public string? Csm => null;

        public bool CanChange => false;

        public string DisplayName => "warm-up";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warmed the dashboards of tenant {Tenant} at data version {Version}: data loaded in {LoadMilliseconds} ms, default views ready in {Milliseconds} ms")]
    private partial void LogWarmed(string tenant, long version, long loadMilliseconds, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warming the dashboards of tenant {Tenant} failed; retrying at the next check")]
    private partial void LogFailed(Exception exception, string tenant);
}
