using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;
using Tenure.Web.Data;
using Tenure.Web.Hosting;
using Tenure.Web.Settings;

namespace Tenure.Web.Dashboards;

/// <summary>The data set a metric grid is computed over: the tenant's, or its agents' (<see cref="AgentDataSet"/>, the support pages' per-agent tables).</summary>
public enum GridData
{
    Tenant,
    Agents,
}

/// <summary>
/// Per tenant, data version, split and period length (month, quarter, year), every metric over the periods its data
/// covers (<see cref="MetricGrid"/>, docs/adr/0275 and 0285), kept in <see cref="DashboardCache"/>: a metrics query or a
/// dashboard's series of whole months, quarters or years, without options of their own, is answered from it in a
/// millisecond instead of a pass over the whole data. A query that finds no grid is computed as before and asks for the
/// grid to be built in the background, one grid at a time server-wide (a grid is the whole catalogue: seconds of work on
/// 100,000 accounts, once per data version, split and length); the warm-up asks for the unsplit ones. After a build,
/// the same grid of a newer data version waits <see cref="RestFactor"/> times that build's time, and after such a
/// rebuild every other rebuild waits as long, so a stream of usage posts does not keep a core rebuilding grids (rebuilds
/// take at most a tenth of a core, whatever the number of grids). A grid over <see cref="Limits"/> (a split into very
/// many segments) or whose data overflows is not built, and its queries are computed as before. A build runs on the
/// <see cref="BackgroundScheduler"/>'s lower-priority threads, beside the first views that asked for it, unless requests
/// are waiting for a turn to compute (ADR 0405).
/// <para>
/// Two kinds of grid answer what the dashboards ask and no plain grid holds (ADR 0500): the tenant's windows
/// (<see cref="MetricWindows"/>: <see cref="WindowMetrics"/> over the <see cref="WindowMonths"/> months ending on each
/// month's bound, the SaaS page's trailing CLV, whose two ranges overlap), asked for as <see cref="Granularity.Range"/>;
/// and the per-CSM columns (<see cref="WithinMetrics"/>) split by csm within another attribute
/// (<see cref="MetricRequest.Within"/>), and the per-agent columns (<see cref="AgentsWithinMetrics"/>) of the agents within
/// it (<see cref="AgentDataSet.Within"/>): the tables of a view under one filter without the filter's data.
/// </para>
/// </summary>
public sealed partial class MetricGrids(
    DashboardCache cache, TenantDataCache data, TimeProvider clock, IHostApplicationLifetime lifetime, BackgroundWork background, ComputeTurns turns,
    ILogger<MetricGrids> logger)
{
    /// <summary>The most months a grid holds (ten years back from the later of now and the data's end).</summary>
    public const int MaxMonths = 120;

    /// <summary>The most results a grid holds (about 50 MB): a split into more segments than that allows is not held.</summary>
    public static MetricRequestLimits Limits { get; } = new(MaxMonths, 500_000);

    private const string Page = "metric-grid";

    /// <summary>After building a grid, the same grid of a newer data version waits this many times the build's time.</summary>
    public const int RestFactor = 10;

    /// <summary>The length of the ranges the tenant's windows hold (<see cref="MetricWindows"/>): the SaaS page's trailing CLV.</summary>
    public const int WindowMonths = SaasDashboard.ClvMonths;

    /// <summary>The metrics the windows hold: the SaaS page's trailing CLV card, whose two ranges overlap and so are no grid's periods.</summary>
    public static IReadOnlyList<string> WindowMetrics { get; } = ["clv"];

    /// <summary>
    /// The metrics of the grids split by csm within another attribute (<see cref="MetricRequest.Within"/>): the CS manager
    /// page's per-CSM table under one filter, which is otherwise computed from the segment's data.
    /// </summary>
    public static IReadOnlyList<string> WithinMetrics => CsManagerDashboard.CsmColumns;

    /// <summary>The metrics of the agents' grids split by agent within another attribute: the support and CS manager pages' per-agent tables under one filter.</summary>
    public static IReadOnlyList<string> AgentsWithinMetrics { get; } = [.. SupportDashboard.AgentColumns.Union(CsManagerDashboard.AgentColumns)];

    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private readonly ConcurrentDictionary<string, byte> scheduled = new(StringComparer.Ordinal);

    /// <summary>Per tenant and grid (data, length, split, range, settings), when its last build ended and what it took.</summary>
    private readonly ConcurrentDictionary<string, (long EndedAt, TimeSpan Took)> lastBuilds = new(StringComparer.Ordinal);

    /// <summary>Until when (a <see cref="Stopwatch"/> timestamp) rebuilds wait: the last rebuild's end plus <see cref="RestFactor"/> times its time.</summary>
    private long rebuildsRestUntil;

    /// <summary>
    /// The results of <paramref name="request"/> from the tenant's grid of its split and period length when it holds them;
    /// null when the request is not one a grid answers or the grid is not built yet (then it is asked for, and the caller
    /// computes). Grids hold the workspace's own settings (<paramref name="workspace"/>) only: a query with a churn grace
    /// of its own is computed, so a key cannot ask for a grid per grace day (366 x 6 builds of seconds each).
    /// </summary>
    /// <exception cref="MetricLimitException">The request is over its limits, as the engine would refuse it.</exception>
    public IReadOnlyList<MetricResult>? TryAnswer(TenantSnapshot snapshot, MetricRequest request, MetricOptions workspace) =>
        TryAnswer(snapshot, GridData.Tenant, request, workspace);

    /// <summary>
    /// As <see cref="TryAnswer(TenantSnapshot, MetricRequest, MetricOptions)"/>, for a request over <paramref name="data"/>:
    /// the tenant's data set, or the agents' data set made of it (<see cref="AgentDataSet"/>, whose grids hold the
    /// support pages' per-agent figures). Any other data set (a filtered view's) is held in no grid: null.
    /// </summary>
    public IReadOnlyList<MetricResult>? TryAnswer(TenantSnapshot snapshot, TenureDataSet data, MetricRequest request, MetricOptions workspace)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(data);
        if (ReferenceEquals(data, snapshot.Data))
            return TryAnswer(snapshot, GridData.Tenant, request, workspace);
        return AgentDataSet.IsAgentsOf(data, snapshot.Data) ? TryAnswer(snapshot, GridData.Agents, request, workspace) : null;
    }

    private IReadOnlyList<MetricResult>? TryAnswer(TenantSnapshot snapshot, GridData source, MetricRequest request, MetricOptions workspace)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(workspace);
        var options = request.Options ?? new MetricOptions();
        if (request.Granularity == Granularity.Range)
            return TryAnswerWindow(snapshot, source, request, options, workspace);
        if (!MetricGrid.Holds(request.Granularity) || !Holdable(request.By, options) || !HoldableWithin(source, request.By, request.Within, request.Metrics)
            || WorkspaceMetricOptions.Key(options) != WorkspaceMetricOptions.Key(workspace)
            || RangeOf(snapshot, request.Granularity) is not { } range || request.From < range.From || request.To > range.To)
            return null;
        return HeldOrAskedFor(snapshot, new Grid(source, request.Granularity, request.By, range, options, request.Within)) is MetricGrid grid ? grid.TryAnswer(request) : null;
    }

    /// <summary>
    /// A range of <see cref="WindowMonths"/> months ending on a month's bound, for <see cref="WindowMetrics"/> only, from the
    /// tenant's windows of its split once built (asked for otherwise); null for any other range, which nothing holds.
    /// </summary>
    private IReadOnlyList<MetricResult>? TryAnswerWindow(TenantSnapshot snapshot, GridData source, MetricRequest request, MetricOptions options, MetricOptions workspace)
    {
        if (source != GridData.Tenant || !MetricWindows.IsWindow(request, WindowMonths) || request.Metrics is not { Count: > 0 } asked
            || asked.Any(id => !WindowMetrics.Contains(id)) || !Holdable(request.By, options)
            || WorkspaceMetricOptions.Key(options) != WorkspaceMetricOptions.Key(workspace)
            || RangeOf(snapshot, Granularity.Range) is not { } range || request.To < range.From || request.To > range.To)
            return null;
        return HeldOrAskedFor(snapshot, new Grid(source, Granularity.Range, request.By, range, options)) is MetricWindows windows ? windows.TryAnswer(request) : null;
    }

    /// <summary>
    /// Asks for the tenant's grid of <paramref name="granularity"/> split by <paramref name="by"/> with
    /// <paramref name="options"/> over <paramref name="source"/> (the warm-up's) unless it is built; for
    /// <see cref="Granularity.Range"/>, its windows (<see cref="WindowMonths"/> months of <see cref="WindowMetrics"/>, the
    /// tenant's data only).
    /// </summary>
    /// <remarks>
    /// With <paramref name="within"/>, the grid split by csm within that attribute: of the tenant's data,
    /// <see cref="WithinMetrics"/>; of its agents', <see cref="AgentsWithinMetrics"/> (<see cref="AgentDataSet.Within"/>).
    /// </remarks>
    public void Prepare(TenantSnapshot snapshot, Granularity granularity, SegmentBy by, MetricOptions options, GridData source = GridData.Tenant, SegmentBy within = SegmentBy.None)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        if ((MetricGrid.Holds(granularity) || (granularity == Granularity.Range && source == GridData.Tenant && within == SegmentBy.None)) && Holdable(by, options)
            && HoldableWithin(source, by, within, source == GridData.Tenant ? WithinMetrics : AgentsWithinMetrics)
            && RangeOf(snapshot, granularity) is { } range)
            _ = HeldOrAskedFor(snapshot, new Grid(source, granularity, by, range, options, within));
    }

    /// <summary>
    /// A request split within another attribute is held for a split by csm of the tenant's data within an account attribute
    /// other than csm, for <see cref="WithinMetrics"/> only, and for the agents' split within plan, segment, industry or
    /// region (<see cref="AgentDataSet.Within"/>), for <see cref="AgentsWithinMetrics"/> only; a plain split always.
    /// </summary>
    private static bool HoldableWithin(GridData source, SegmentBy by, SegmentBy within, IReadOnlyList<string>? metrics) =>
        within == SegmentBy.None
        || (by == SegmentBy.Csm && within is not (SegmentBy.Csm or SegmentBy.Cohort) && metrics is { Count: > 0 }
            && metrics.All((source == GridData.Tenant ? WithinMetrics : AgentsWithinMetrics).Contains));

    /// <summary>What the cache holds for the grid (a <see cref="MetricGrid"/>, or why it is not held); null, and the grid asked for, when nothing yet.</summary>
    private object? HeldOrAskedFor(TenantSnapshot snapshot, Grid grid)
    {
        if (cache.TryGet<object>(snapshot.Tenant, snapshot.Version, Page, grid.Key, out var held))
            return held;
        Schedule(snapshot, grid);
        return null;
    }

    /// <summary>
    /// Whether the grid of <paramref name="granularity"/> split by <paramref name="by"/> with <paramref name="options"/> is
    /// built for the snapshot (for tests: it never asks for one).
    /// </summary>
    public bool IsBuilt(TenantSnapshot snapshot, SegmentBy by, MetricOptions options, Granularity granularity = Granularity.Month, GridData source = GridData.Tenant,
        SegmentBy within = SegmentBy.None)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        return RangeOf(snapshot, granularity) is { } range
            && cache.TryGet<object>(snapshot.Tenant, snapshot.Version, Page, new Grid(source, granularity, by, range, options, within).Key, out var held)
            && held is MetricGrid or MetricWindows;
    }

    /// <summary>
    /// The months a tenant's grids hold: from the month of its first record to the month after the later of today and
    /// its last record (a last record dated more than a year ahead counts as a year ahead), at most <see cref="MaxMonths"/>;
    /// null without data, or when all of it is dated more than a year ahead.
    /// </summary>
    public static (DateTime From, DateTime To)? RangeOf(DataCoverage coverage, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        if (coverage.FirstInstant is not { } first || coverage.LastInstant is not { } last)
            return null;
        var horizon = now.AddYears(1);
        var to = MonthOf(last > now ? (last < horizon ? last : horizon) : now).AddMonths(1);
        var from = MonthOf(first);
        if (from < to.AddMonths(-MaxMonths))
            from = to.AddMonths(-MaxMonths);
        return from < to ? (from, to) : null;
    }

    /// <summary>
    /// The periods of <paramref name="granularity"/> a tenant's grids hold: the months of
    /// <see cref="RangeOf(DataCoverage, DateTime)"/> widened to whole quarters or years.
    /// </summary>
    public static (DateTime From, DateTime To)? RangeOf(DataCoverage coverage, DateTime now, Granularity granularity)
    {
        if (!MetricGrid.Holds(granularity))
            throw new ArgumentOutOfRangeException(nameof(granularity), granularity, "Grids hold months, quarters or years.");
        if (RangeOf(coverage, now) is not { } months)
            return null;
        var to = PeriodCalendar.Floor(months.To.AddTicks(-1), granularity);
        return (PeriodCalendar.Floor(months.From, granularity), PeriodCalendar.Next(to, granularity));
    }

    /// <summary>The tenant's grids' periods of <paramref name="granularity"/>; for <see cref="Granularity.Range"/>, its months (the windows' ends).</summary>
    private (DateTime From, DateTime To)? RangeOf(TenantSnapshot snapshot, Granularity granularity) => granularity == Granularity.Range
        ? RangeOf(DataCoverage.Of(cache, snapshot), clock.GetUtcNow().UtcDateTime)
        : RangeOf(DataCoverage.Of(cache, snapshot), clock.GetUtcNow().UtcDateTime, granularity);

    /// <summary>
    /// A grid holds the workspace's figures: any churn grace and business calendar (in its key), but none of the options a
    /// query may add (lifespan, trailing months, satisfaction surveys), and no cohort split (its segments follow the range).
    /// </summary>
    private static bool Holdable(SegmentBy by, MetricOptions options) =>
        by != SegmentBy.Cohort
        && options.LifespanMonths is null
        && options.TrailingMonths is null
        && options.SatisfactionSurveys.Count == 0
        && options.RenewalGraceDays == new MetricOptions().RenewalGraceDays;

    /// <summary>A grid: of which data, its periods' length, split (and what within), range and settings.</summary>
    private sealed record Grid(GridData Source, Granularity Granularity, SegmentBy By, (DateTime From, DateTime To) Range, MetricOptions Options, SegmentBy Within = SegmentBy.None)
    {
        public string Key { get; } = string.Create(CultureInfo.InvariantCulture,
            $"{Source}\n{Granularity}\n{By}\n{Within}\n{Range.From:yyyy-MM-dd}\n{Range.To:yyyy-MM-dd}\n{WorkspaceMetricOptions.Key(Options)}");

        /// <summary>"csm", or "csm within plan" for a split within another attribute: for the log.</summary>
        public string SplitName => Within == SegmentBy.None ? Segmentation.KeyName(By) : $"{Segmentation.KeyName(By)} within {Segmentation.KeyName(Within)}";

        /// <summary>The data the grid is computed over: the tenant's, or its agents' (within an attribute, made for the build and dropped after it).</summary>
        public TenureDataSet DataOf(TenantSnapshot snapshot) => Source != GridData.Agents ? snapshot.Data
            : Within == SegmentBy.None ? AgentDataSet.Of(snapshot.Data) : AgentDataSet.Within(snapshot.Data, Within);
    }

    private static DateTime MonthOf(DateTime instant) => new(instant.Year, instant.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    private void Schedule(TenantSnapshot snapshot, Grid grid)
    {
        var key = grid.Key;
        // A stream of usage posts moves the data version every second: a grid built before rests RestFactor times its
        // last build's time before it is built again, and after a rebuild every rebuild rests as long, so rebuilds take
        // at most a tenth of a core (the queries meanwhile are computed one by one, exactly as before). A grid's first
        // build does not wait.
        var gridId = $"{snapshot.Tenant}\n{key}";
        var rebuild = lastBuilds.TryGetValue(gridId, out var last);
        if (rebuild && (Stopwatch.GetElapsedTime(last.EndedAt) < last.Took * RestFactor || Stopwatch.GetTimestamp() < Interlocked.Read(ref rebuildsRestUntil)))
            return;
        var id = $"{snapshot.Tenant}\n{snapshot.Version}\n{key}";
        if (!scheduled.TryAdd(id, 0))
            return;
        var stopping = lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            try
            {
                await oneAtATime.WaitAsync(stopping);
                try
                {
                    // The data moved on while this waited (the next query asks for the new version's grid instead), or the
                    // tenant was dropped from memory (its figures with it: a grid built now would outlive them).
                    if (data.Loaded(snapshot.Tenant)?.Version != snapshot.Version)
                        return;
                    var started = Stopwatch.GetTimestamp();
                    (object Held, bool Computed) Build()
                    {
                        var held = cache.GetOrCompute<object>(snapshot.Tenant, snapshot.Version, Page, key, () =>
                        {
                            try
                            {
                                return grid.Granularity == Granularity.Range
                                    ? MetricWindows.Compute(grid.DataOf(snapshot), grid.Range.From, grid.Range.To, WindowMonths, grid.By, WindowMetrics, grid.Options, Limits, stopping)
                                    : MetricGrid.Compute(grid.DataOf(snapshot), grid.Range.From, grid.Range.To, grid.Granularity, grid.By, grid.Options, Limits,
                                        grid.Within == SegmentBy.None ? null : grid.Source == GridData.Tenant ? WithinMetrics : AgentsWithinMetrics, grid.Within, stopping);
                            }
                            catch (Exception e) when (e is MetricLimitException or DataOverflowException
                                || (e is ArgumentException && grid.Within != SegmentBy.None))
                            {
                                return new NotHeld(e.Message);
                            }
                        }, out var computed);
                        return (held, computed);
                    }

                    // A build is seconds of both cores, asked for by a first view that is computed meanwhile (and the next
                    // ones): on the background threads, at their lower priority, the requests go first. Unless requests wait
                    // for a turn to compute: the server is saturated, and the grid is what will answer their queries in a
                    // millisecond, so it is built at theirs (ADR 0405).
                    var saturated = turns.Waiting > 0;
                    var (held, computed) = saturated ? Build() : await background.Grids.Run(Build, stopping);
                    if (!computed)
                        return;
                    var took = Stopwatch.GetElapsedTime(started);
                    lastBuilds[gridId] = (Stopwatch.GetTimestamp(), took);
                    if (rebuild)
                        Interlocked.Exchange(ref rebuildsRestUntil, Stopwatch.GetTimestamp() + (long)(took.TotalSeconds * RestFactor * Stopwatch.Frequency));
                    var milliseconds = (long)took.TotalMilliseconds;
                    var how = saturated ? "at the requests' priority, requests waiting for a turn" : "in the background";
                    if (held is MetricGrid { Within: SegmentBy.None } built)
                        LogBuilt(snapshot.Tenant, snapshot.Version, grid.Source, grid.SplitName, grid.Granularity, grid.Range.From, grid.Range.To, built.Count, milliseconds, how);
                    else if (held is MetricGrid within)
                    {
                        LogWithinBuilt(snapshot.Tenant, snapshot.Version, grid.Source, grid.SplitName, string.Join(", ", grid.Source == GridData.Tenant ? WithinMetrics : AgentsWithinMetrics),
                            grid.Granularity, grid.Range.From, grid.Range.To, within.Count, milliseconds, how);
                    }
                    else if (held is MetricWindows windows)
                    {
                        LogWindowsBuilt(snapshot.Tenant, snapshot.Version, Segmentation.KeyName(grid.By), string.Join(", ", windows.Metrics), windows.Months, grid.Range.From, grid.Range.To,
                            windows.Count, milliseconds, how);
                    }
                    else
                        LogNotHeld(snapshot.Tenant, snapshot.Version, grid.Source, grid.SplitName, grid.Granularity, ((NotHeld)held).Reason);
                }
                finally
                {
                    oneAtATime.Release();
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                LogFailed(e, snapshot.Tenant, grid.Source, grid.SplitName, grid.Granularity);
            }
            finally
            {
                scheduled.TryRemove(id, out _);
            }
        });
    }

    /// <summary>A grid not built (over its limits, or a figure overflows): its queries are computed, and it is not tried again for this version.</summary>
    private sealed record NotHeld(string Reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Metric grid of tenant {Tenant} at data version {Version} ({Source} data) split by {By}: every metric per {Granularity} {From:yyyy-MM-dd}..{To:yyyy-MM-dd}, {Results} results in {Milliseconds} ms ({How})")]
    private partial void LogBuilt(string tenant, long version, GridData source, string by, Granularity granularity, DateTime from, DateTime to, int results, long milliseconds, string how);

    [LoggerMessage(Level = LogLevel.Information, Message = "Metric grid of tenant {Tenant} at data version {Version} ({Source} data) split by {By}: {Metrics} per {Granularity} {From:yyyy-MM-dd}..{To:yyyy-MM-dd}, {Results} results in {Milliseconds} ms ({How})")]
    private partial void LogWithinBuilt(string tenant, long version, GridData source, string by, string metrics, Granularity granularity, DateTime from, DateTime to, int results, long milliseconds, string how);

    [LoggerMessage(Level = LogLevel.Information, Message = "Metric windows of tenant {Tenant} at data version {Version} split by {By}: {Metrics} over the {Months} months ending on each month's bound {From:yyyy-MM-dd}..{To:yyyy-MM-dd}, {Results} results in {Milliseconds} ms ({How})")]
    private partial void LogWindowsBuilt(string tenant, long version, string by, string metrics, int months, DateTime from, DateTime to, int results, long milliseconds, string how);

    [LoggerMessage(Level = LogLevel.Information, Message = "No metric grid for tenant {Tenant} at data version {Version} ({Source} data) split by {By} per {Granularity}: {Reason}; its queries are computed one by one")]
    private partial void LogNotHeld(string tenant, long version, GridData source, string by, Granularity granularity, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Building the metric grid of tenant {Tenant} ({Source} data) split by {By} per {Granularity} failed; its queries are computed one by one")]
    private partial void LogFailed(Exception exception, string tenant, GridData source, string by, Granularity granularity);
}
