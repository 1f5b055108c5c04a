using System.Diagnostics;
using System.Globalization;

using Tenure.Metrics.Accounts;
using Tenure.Metrics.Benchmarks;
using Tenure.Web.Data;
using Tenure.Web.Hosting;
using Tenure.Web.Settings;

namespace Tenure.Web.Dashboards;

/// <summary>
/// A page model with how it was served (for the page footer and for measuring), and <paramref name="DataNotice"/>:
/// plain words when the period shown runs past the tenant's last data ("Data ends 2026-11-01: ...").
/// </summary>
public sealed record PageResult<T>(T Model, long DataVersion, TimeSpan Elapsed, bool FromCache, string? QueryError, string? DataNotice = null);

/// <summary>The account page's lookup: the account, or none (no such id), or <paramref name="Forbidden"/> (another CSM's book).</summary>
public sealed record AccountLookup(AccountDetailModel? Detail, bool Forbidden);

/// <summary>
/// Builds the page models of the dashboards from the current user's tenant data (<see cref="TenantDataCache"/>),
/// cached per (tenant, data version, page, query) in <see cref="DashboardCache"/>. Every page is held to the
/// user's <see cref="AccountScope"/>: with "CSMs see only their own book" on, a CSM's dashboards, lists and
/// drill-downs are filtered to their book whatever the query string says.
/// </summary>
public sealed partial class DashboardPages(
    TenantDataCache data,
    DashboardCache cache,
    ICurrentUser user,
    TimeProvider clock,
    BenchmarkCatalogue benchmarks,
    TenantBenchmarkSetting tenantBenchmark,
    WorkspaceMetricOptions workspaceOptions,
    CsmOwnBookSetting ownBook,
    WorkspaceHealth workspaceHealth,
    MetricGrids grids,
    ComputeTurns turns)
{
    private AccountScope? scope;

    public ICurrentUser User => user;

    /// <summary>The accounts this user may see (read once per request).</summary>
    public async Task<AccountScope> ScopeAsync(CancellationToken cancellationToken = default) =>
        scope ??= user.Csm is null ? AccountScope.Everything : AccountScope.For(user, await ownBook.GetAsync(user.Tenant, cancellationToken));

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
        var choices = cache.GetOrCompute(snapshot.Tenant, snapshot.Version, "choices", "", () => AccountsList.Choices(snapshot.Data));
        return await ScopeAsync(cancellationToken) is { Book: { } book }
            ? new Dictionary<string, IReadOnlyList<string>>(choices, StringComparer.Ordinal) { ["csm"] = [book] }
            : choices;
    }

    public async Task<PageResult<AccountsListModel>> AccountsAsync(Func<string, string?> query, CancellationToken cancellationToken = default)
    {
        var clockStart = Stopwatch.GetTimestamp();
        var snapshot = await data.GetAsync(user.Tenant, cancellationToken);
        var accountScope = await ScopeAsync(cancellationToken);
        var accountsQuery = AccountsQuery.Parse(query, user.Csm);
        accountsQuery = accountsQuery with { Filter = accountScope.Narrow(accountsQuery.Filter) };
        var options = await workspaceOptions.GetAsync(user.Tenant, cancellationToken);
        var asOf = Today;
        var health = await workspaceHealth.AtAsync(snapshot, asOf, cancellationToken);
        var fromCache = true;
        // The workspace's metric settings and health model are in the cache key: changing them never serves a list computed without them.
        var listKey = $"{asOf:O}\n{accountScope.Book}\n{accountsQuery.CacheKey}\n{WorkspaceMetricOptions.Key(options)}\n{health.Model.Key}";
        // A list over the day's summaries once made is a pass over the accounts' references (20 ms for 100,000, ADR 0485):
        // it takes no turn behind the dashboards' engine passes. A drill-down (an engine pass over the segment) or the
        // day's first summaries do.
        using var turn = accountsQuery.Drill is null && cache.TryGet<IReadOnlyList<Metrics.Accounts.AccountSummary>>(snapshot.Tenant, snapshot.Version, SummariesPage, SummariesKey(asOf), out _)
            ? default
            : await TurnUnlessCachedAsync<AccountsListModel>(snapshot, "accounts", listKey, () => accountsQuery.Drill is null ? "accounts" : "accounts\ndrill", cancellationToken);
        var model = cache.GetOrCompute(snapshot.Tenant, snapshot.Version, "accounts", listKey, () =>
        {
            fromCache = false;
            var summaries = Summaries(snapshot, asOf);
            var choices = cache.GetOrCompute(snapshot.Tenant, snapshot.Version, "choices", "", () => AccountsList.Choices(snapshot.Data));
            return AccountsList.Build(snapshot.Data, summaries, accountsQuery, asOf, choices, options, accountScope, health);
        });
        string? notice = null;
        if (model.Drill is { } drill)
            notice = Coverage(snapshot).NoticeFor(drill.Period, $"{DashboardQuery.Date(drill.Period.Start)} – {DashboardQuery.Date(drill.Period.End.AddDays(-1))}");
        return new PageResult<AccountsListModel>(model, snapshot.Version, Stopwatch.GetElapsedTime(clockStart), fromCache, model.Error, notice);
    }

    /// <summary>
    /// The "At risk" view: the red and yellow accounts of the user's scope by MRR at risk. <c>csm</c> narrows it to one
    /// CSM (a CSM's own book by default, <c>csm=*</c> for everyone they may see); <c>band</c> to red or yellow.
    /// </summary>
    public async Task<PageResult<AtRiskModel>> AtRiskAsync(Func<string, string?> query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var clockStart = Stopwatch.GetTimestamp();
        var snapshot = await data.GetAsync(user.Tenant, cancellationToken);
        var accountScope = await ScopeAsync(cancellationToken);
        var csm = accountScope.Book ?? AtRiskList.CsmOf(query("csm"), user.Csm);
        var band = AtRiskList.BandOf(query("band"));
        var asOf = Today;
        var health = await workspaceHealth.AtAsync(snapshot, asOf, cancellationToken);
        var choices = await ChoicesAsync(cancellationToken);
        // One pass over the cached summaries and health: not cached itself.
        var model = AtRiskList.Build(Summaries(snapshot, asOf), health, accountScope, csm, band, AtRiskList.CsmsOf(choices));
        return new PageResult<AtRiskModel>(model, snapshot.Version, Stopwatch.GetElapsedTime(clockStart), false, null);
    }

    /// <summary>The account page; <see cref="AccountLookup.Forbidden"/> when the account is outside the user's book.</summary>
    public async Task<PageResult<AccountLookup>> AccountAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var clockStart = Stopwatch.GetTimestamp();
        var snapshot = await data.GetAsync(user.Tenant, cancellationToken);
        var accountScope = await ScopeAsync(cancellationToken);
        var records = snapshot.Accounts.Find(accountId);
        var lookup = records is not null && !accountScope.Sees(records.Account)
            ? new AccountLookup(null, Forbidden: true)
            : new AccountLookup(AccountDetail.Build(snapshot.Data, snapshot.Accounts, accountId, Today,
                await workspaceHealth.AtAsync(snapshot, Today, cancellationToken),
                cache.GetOrCompute(snapshot.Tenant, snapshot.Version, "clv", $"{Today:O}", () => ClvBoard.Fit(snapshot.Data, Today))), false);
        return new PageResult<AccountLookup>(lookup, snapshot.Version, Stopwatch.GetElapsedTime(clockStart), false, null);
    }

    /// <summary>A turn at computing work of <paramref name="kind"/> (<see cref="ComputeTurns"/>, named only then) unless the page's model is cached already.</summary>
    private async ValueTask<ComputeTurns.Turn> TurnUnlessCachedAsync<T>(TenantSnapshot snapshot, string page, string query, Func<string> kind, CancellationToken cancellationToken)
        where T : class =>
        cache.TryGet<T>(snapshot.Tenant, snapshot.Version, page, query, out _) ? default : await turns.WaitAsync(kind(), cancellationToken);

    /// <summary>Every account's figures at <paramref name="asOf"/>, cached per data version and day.</summary>
    private IReadOnlyList<Metrics.Accounts.AccountSummary> Summaries(TenantSnapshot snapshot, DateTime asOf) =>
        cache.GetOrCompute(snapshot.Tenant, snapshot.Version, SummariesPage, SummariesKey(asOf), () => AccountsList.Summaries(snapshot.Accounts, asOf));

    private const string SummariesPage = "account-summaries";

    private static string SummariesKey(DateTime asOf) => asOf.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Figures as of today's 00:00 UTC, so the accounts list is cached for the day.</summary>
    private DateTime Today => DateTime.SpecifyKind(Now.Date, DateTimeKind.Utc);

    private async Task<PageResult<T>> DashboardAsync<T>(string page, Func<string, string?> query, Func<DashboardContext, T> build, CancellationToken cancellationToken)
        where T : class
    {
        var clockStart = Stopwatch.GetTimestamp();
        var snapshot = await data.GetAsync(user.Tenant, cancellationToken);
        var coverage = Coverage(snapshot);
        // Without a period asked for, the default month is the last complete one that has data (said so below).
        var parsed = DashboardQuery.Parse(query, coverage.DefaultNow(Now), out var error);
        var accountScope = await ScopeAsync(cancellationToken);
        if (accountScope.IsBook)
            parsed = parsed with { Filter = accountScope.Narrow(parsed.Filter) };
        string? notice = coverage.NoticeFor(parsed.Current, parsed.CurrentLabel);
        if (notice is null && coverage.LastDay is { } lastDay && IsDefaultPeriod(query) && parsed.Current.End < DashboardQuery.Default(Now).Current.End)
            notice = DataCoverage.DefaultMovedNotice(lastDay, parsed.CurrentLabel);
        var options = await workspaceOptions.GetAsync(user.Tenant, cancellationToken);
        var fromCache = true;
        // The workspace's metric settings (churn grace, business calendar) are in the page name of the cache key, as the
        // benchmark industry is: changing them never serves old figures.
        var pageKey = $"{page}\n{WorkspaceMetricOptions.Key(options)}";
        // The kind of work, for the turns' order (the page, its period's kind, how many filters and whether their data is
        // narrowed already): a view that reads the grids does not wait behind one that computes a custom range.
        string Kind() => string.Create(CultureInfo.InvariantCulture,
            $"{page.Split('\n')[0]}\n{parsed.Kind}\n{parsed.Filter.Parts.Count}\n{cache.HasFiltered(snapshot.Tenant, snapshot.Version, parsed.Filter)}");
        using var turn = await TurnUnlessCachedAsync<T>(snapshot, pageKey, parsed.QueryString, Kind, cancellationToken);
        var model = cache.GetOrCompute(snapshot.Tenant, snapshot.Version, pageKey, parsed.QueryString, () =>
        {
            fromCache = false;
            // Whole months, quarters and years unfiltered or under one filter are read from the tenant's grids once built.
            var context = new DashboardContext(snapshot.Data, parsed, () => cache.Filtered(snapshot.Tenant, snapshot.Version, snapshot.Data, parsed.Filter), options,
                () => cache.HasFiltered(snapshot.Tenant, snapshot.Version, parsed.Filter), (request, over) => grids.TryAnswer(snapshot, over, request, options));
            return build(context);
        });
        return new PageResult<T>(model, snapshot.Version, Stopwatch.GetElapsedTime(clockStart), fromCache, error, notice);
    }

    private DataCoverage Coverage(TenantSnapshot snapshot) => DataCoverage.Of(cache, snapshot);

    private static bool IsDefaultPeriod(Func<string, string?> query) =>
        string.IsNullOrWhiteSpace(query("period")) && string.IsNullOrWhiteSpace(query("date"))
        && string.IsNullOrWhiteSpace(query("from")) && string.IsNullOrWhiteSpace(query("to"));
}
