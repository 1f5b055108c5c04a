using System.Diagnostics;

using Tenure.Metrics.Accounts;
using Tenure.Metrics.Benchmarks;
using Tenure.Web.Data;
using Tenure.Web.Settings;

namespace Tenure.Web.Dashboards;

/// <summary>A page model with how it was served (for the page footer and for measuring).</summary>
public sealed record PageResult<T>(T Model, long DataVersion, TimeSpan Elapsed, bool FromCache, string? QueryError);

/// <summary>
/// Builds the page models of the dashboards from the current user's tenant data (<see cref="TenantDataCache"/>),
/// cached per (tenant, data version, page, query) in <see cref="DashboardCache"/>.
/// </summary>
public sealed class DashboardPages(
    TenantDataCache data,
    DashboardCache cache,
    ICurrentUser user,
    TimeProvider clock,
    BenchmarkCatalogue benchmarks,
    TenantBenchmarkSetting tenantBenchmark,
    WorkspaceMetricOptions workspaceOptions)
{
    public ICurrentUser User => user;

    public BenchmarkCatalogue Benchmarks => benchmarks;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<PageResult<KpiDashboardModel>> KpiAsync(Func<string, string?> query, CancellationToken cancellationToken = default) =>
        DashboardAsync("kpi", query, KpiDashboard.Build, cancellationToken);

    public Task<PageResult<SaasDashboardModel>> SaasAsync(Func<string, string?> query, CancellationToken cancellationToken = default) =>
        DashboardAsync("saas", query, SaasDashboard.Build, cancellationToken);

    /// <summary>
    /// The executive dashboard, compared with the industry named by <c>?bench=</c> (this view only; a key not in
    /// the catalogue, such as <c>any</c>, compares with any industry) or, without it, the tenant's setting.
    /// </summary>
    public async Task<PageResult<ExecutiveDashboardModel>> ExecutiveAsync(Func<string, string?> query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var industry = query("bench") is { Length: > 0 } key
            ? benchmarks.Industry(key)
            : await tenantBenchmark.GetAsync(user.Tenant, cancellationToken);
        // The industry is in the page name of the cache key: changing the setting never serves the old comparison.
        return await DashboardAsync("executive\n" + (industry?.Key ?? ""), query, c => ExecutiveDashboard.Build(c, benchmarks, industry), cancellationToken);
    }

    public Task<PageResult<CsManagerDashboardModel>> CsManagerAsync(Func<string, string?> query, CancellationToken cancellationToken = default) =>
        DashboardAsync("cs-manager", query, CsManagerDashboard.Build, cancellationToken);

    public Task<PageResult<SupportDashboardModel>> SupportAsync(Func<string, string?> query, CancellationToken cancellationToken = default) =>
        DashboardAsync("support", query, SupportDashboard.Build, cancellationToken);

    /// <summary>The filter choices of the tenant's data (for the segment drop-downs).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await data.GetAsync(user.Tenant, cancellationToken);
        return cache.GetOrCompute(snapshot.Tenant, snapshot.Version, "choices", "", () => AccountsList.Choices(snapshot.Data));
    }

    public async Task<PageResult<AccountsListModel>> AccountsAsync(Func<string, string?> query, CancellationToken cancellationToken = default)
    {
        var clockStart = Stopwatch.GetTimestamp();
        var snapshot = await data.GetAsync(user.Tenant, cancellationToken);
        var accountsQuery = AccountsQuery.Parse(query, user.Csm);
        var options = await workspaceOptions.GetAsync(user.Tenant, cancellationToken);
        var asOf = Today;
        var fromCache = true;
        // The workspace's metric settings are in the cache key: changing them never serves a drill-down computed without them.
        var model = cache.GetOrCompute(snapshot.Tenant, snapshot.Version, "accounts", $"{asOf:O}\n{accountsQuery.CacheKey}\n{WorkspaceMetricOptions.Key(options)}", () =>
        {
            fromCache = false;
            var summaries = cache.GetOrCompute(snapshot.Tenant, snapshot.Version, "account-summaries", $"{asOf:O}", () => AccountsList.Summaries(snapshot.Accounts, asOf));
            var choices = cache.GetOrCompute(snapshot.Tenant, snapshot.Version, "choices", "", () => AccountsList.Choices(snapshot.Data));
            return AccountsList.Build(snapshot.Data, summaries, accountsQuery, asOf, choices, options);
        });
        return new PageResult<AccountsListModel>(model, snapshot.Version, Stopwatch.GetElapsedTime(clockStart), fromCache, model.Error);
    }

    public async Task<PageResult<AccountDetailModel?>> AccountAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var clockStart = Stopwatch.GetTimestamp();
        var snapshot = await data.GetAsync(user.Tenant, cancellationToken);
        var model = AccountDetail.Build(snapshot.Data, snapshot.Accounts, accountId, Today);
        return new PageResult<AccountDetailModel?>(model, snapshot.Version, Stopwatch.GetElapsedTime(clockStart), false, null);
    }

    /// <summary>Figures as of today's 00:00 UTC, so the accounts list is cached for the day.</summary>
    private DateTime Today => DateTime.SpecifyKind(Now.Date, DateTimeKind.Utc);

    private async Task<PageResult<T>> DashboardAsync<T>(string page, Func<string, string?> query, Func<DashboardContext, T> build, CancellationToken cancellationToken)
        where T : class
    {
        var clockStart = Stopwatch.GetTimestamp();
        var snapshot = await data.GetAsync(user.Tenant, cancellationToken);
        var parsed = DashboardQuery.Parse(query, Now, out var error);
        var options = await workspaceOptions.GetAsync(user.Tenant, cancellationToken);
        var fromCache = true;
        // The workspace's metric settings (churn grace, business calendar) are in the page name of the cache key, as the
        // benchmark industry is: changing them never serves old figures.
        var model = cache.GetOrCompute(snapshot.Tenant, snapshot.Version, $"{page}\n{WorkspaceMetricOptions.Key(options)}", parsed.QueryString, () =>
        {
            fromCache = false;
            var context = new DashboardContext(snapshot.Data, parsed, () => cache.Filtered(snapshot.Tenant, snapshot.Version, snapshot.Data, parsed.Filter), options);
            return build(context);
        });
        return new PageResult<T>(model, snapshot.Version, Stopwatch.GetElapsedTime(clockStart), fromCache, error);
    }
}
