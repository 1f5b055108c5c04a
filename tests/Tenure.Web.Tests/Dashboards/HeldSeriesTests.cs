using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;
using Tenure.Web.Dashboards;

namespace Tenure.Web.Tests.Dashboards;

/// <summary>
/// A dashboard's series read from the server's metric grids (<see cref="MetricSeries.Compute"/> with <c>held</c>, ADR
/// 0285) must show every figure the engine computes for it: unfiltered from the unsplit grid, under one filter from the
/// grid split by the filter's attribute, per month, quarter and year. Checked on <see cref="FilterCases"/> against the
/// series computed as before, from the segment's data and from the split. So must what the other held results answer (ADR
/// 0500): the SaaS page's trailing CLV from the windows, and the per-CSM and per-agent tables from the grids split within
/// the filter's attribute.
/// </summary>
public sealed class HeldSeriesTests
{
    private static readonly MetricOptions Options = new() { ChurnGraceDays = 30 };
    private static readonly string[] Metrics = [.. MetricCatalogue.All.Select(d => d.Id)];

    private static TenureDataSet Data => FilterCases.Data;

    public static TheoryData<string, Granularity> FiltersAndPeriods => new(
        from name in FilterCases.OneFilter.Prepend("none")
        from granularity in new[] { Granularity.Month, Granularity.Quarter, Granularity.Year }
        select new TheoryDataRow<string, Granularity>(name, granularity));

    [Theory]
    [MemberData(nameof(FiltersAndPeriods))]
    public void FromTheGrid_EveryFigureIsTheEngines(string name, Granularity granularity)
    {
        var filter = FilterCases.Filter(name);
        var by = filter.SingleSegment?.By ?? SegmentBy.None;
        var grid = new CountingGrid(Data, granularity, by);

        // The last two years' periods, as the cards' current and previous and the KPI page's trend ask for them.
        var to = PeriodCalendar.Floor(grid.Grid.To.AddMonths(-3), granularity);
        var from = PeriodCalendar.Floor(to.AddMonths(-24), granularity);
        var segment = filter.IsEmpty ? Data : filter.Apply(Data);
        var held = MetricSeries.Compute(Data, filter, () => segment, from, to, granularity, Metrics, Options, held: grid.Held);
        Assert.Equal(1, grid.Answered);
        var computed = new[]
        {
            MetricSeries.Compute(Data, filter, () => segment, from, to, granularity, Metrics, Options, fromSegmentData: true),
            MetricSeries.Compute(Data, filter, () => segment, from, to, granularity, Metrics, Options, fromSegmentData: false),
        };

        var compared = 0;
        foreach (var expected in computed)
        {
            Assert.Equal(expected.Periods, held.Periods);
            foreach (var id in Metrics)
            {
                for (var p = 0; p < held.Periods.Count; p++)
                {
                    Assert.Equal(FigureText.Of(expected[id, p]), FigureText.Of(held[id, p]));
                    Assert.Equal(expected[id, p].Unavailable, held[id, p].Unavailable);
                    compared += held[id, p].Value.Value is null ? 0 : 1;
                }
            }
        }
        // The comparison is not vacuous: a filter matching accounts has figures (the one matching none has none at all).
        if (name == "no-account")
            Assert.Equal(0, compared);
        else
            Assert.True(compared > Metrics.Length, $"{name}: only {compared} figures");
    }

    [Fact]
    public void SeveralFilters_AreNeverAskedOfTheGrids_AndWhatIsNotHeldIsComputed()
    {
        var first = Data.Accounts[0];
        var asked = new List<MetricRequest>();
        IReadOnlyList<MetricResult>? Held(MetricRequest request, TenureDataSet over)
        {
            Assert.Same(Data, over);
            asked.Add(request);
            return null;
        }
        var from = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        // Two filters: the "all" of the filtered data, which no grid holds.
        var two = new SegmentFilter(Plan: first.Plan, Region: first.Region);
        MetricSeries.Compute(Data, two, () => two.Apply(Data), from, to, Granularity.Month, ["mrr"], Options, held: Held);
        Assert.Empty(asked);

        // Held answers nothing: the engine computes, and the figures are the engine's.
        var region = new SegmentFilter(Region: first.Region);
        var series = MetricSeries.Compute(Data, region, () => region.Apply(Data), from, to, Granularity.Quarter, ["mrr"], Options, held: Held);
        var request = Assert.Single(asked);
        Assert.Equal((from, to, Granularity.Quarter, SegmentBy.Region), (request.From, request.To, request.Granularity, request.By));
        var engine = MetricEngine.Compute(Data, new MetricRequest(from, to, Granularity.Quarter, SegmentBy.Region, ["mrr"], Options));
        Assert.Equal(
            engine.Where(r => r.Segment == region.SingleSegment!.Value.Label).Select(r => r.Value.Value),
            series.Of("mrr").Select(r => r.Value.Value));
    }

    public static TheoryData<string, Granularity> TablesAndPeriods => new(
        from table in new[] { "agents", "csm" }
        from granularity in new[] { Granularity.Month, Granularity.Quarter, Granularity.Year }
        select new TheoryDataRow<string, Granularity>(table, granularity));

    /// <summary>
    /// The support pages' per-agent table (the agents' data set split by agent) and the CS manager's per-CSM table (the
    /// data split by csm) over a whole month, quarter or year, read from a grid of that length: every cell is the one the
    /// engine computes over that period as a range.
    /// </summary>
    [Theory]
    [MemberData(nameof(TablesAndPeriods))]
    public void ATableOfAWholePeriod_FromTheGrid_IsTheEnginesRange(string table, Granularity granularity)
    {
        var (source, by, columns) = table == "agents"
            ? (AgentDataSet.Of(Data), AgentDataSet.By, SupportDashboard.AgentColumns)
            : (Data, SegmentBy.Csm, CsManagerDashboard.CsmColumns);
        var grid = new CountingGrid(source, granularity, by);

        var cells = 0;
        foreach (var period in grid.Grid.Periods.TakeLast(6))
        {
            var range = new Period(period.Start, period.End, Granularity.Range);
            Assert.Equal(granularity, MetricTable.WholePeriod(range));
            var held = MetricTable.BySegment(source, range, by, columns, options: Options, held: grid.Held);
            var computed = MetricTable.BySegment(source, range, by, columns, options: Options);
            Assert.Equal(computed.Unavailable, held.Unavailable);
            Assert.Equal(computed.Rows.Select(r => r.Label), held.Rows.Select(r => r.Label));
            for (var r = 0; r < computed.Rows.Count; r++)
            {
                Assert.Equal(computed.Rows[r].Cells, held.Rows[r].Cells);
                Assert.Equal(computed.Rows[r].Values.Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    held.Rows[r].Values.Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                cells += computed.Rows[r].Values.Count(v => v is not null);
            }
        }
        Assert.Equal(6, grid.Answered);
        Assert.True(cells > 6 * columns.Count, $"only {cells} figures");

        // A period off the calendar's bounds is a range no grid holds: computed, never asked.
        var custom = new Period(grid.Grid.To.AddMonths(-5).AddDays(3), grid.Grid.To.AddMonths(-2), Granularity.Range);
        Assert.Null(MetricTable.WholePeriod(custom));
        MetricTable.BySegment(source, custom, by, columns, options: Options, held: grid.Held);
        Assert.Equal(6, grid.Answered);
    }

    public static TheoryData<string, Granularity> WithinViews => new(
        from name in FilterCases.OneFilter.Where(n => n is not ("csm" or "crossed-csm"))
        from granularity in new[] { Granularity.Month, Granularity.Quarter, Granularity.Year }
        select new TheoryDataRow<string, Granularity>(name, granularity));

    [Theory]
    [MemberData(nameof(WithinViews))]
    public void ThePerCsmAndPerAgentTables_FromTheGridsWithinTheFiltersAttribute_AreTheSegmentsOwn(string name, Granularity granularity)
    {
        // The server's grids of the tables' columns split by csm (of the tenant's data, and of its agents') within the filter's
        // attribute answer the tables of a view under that one filter; each must read, row for row and cell for cell, as
        // computed from the filter's data.
        var filter = FilterCases.Filter(name);
        var within = Assert.Single(filter.Parts).By;
        var coverage = DataCoverage.Of(Data);
        var (from, to) = MetricGrids.RangeOf(coverage, coverage.LastInstant!.Value, granularity)!.Value;
        var token = TestContext.Current.CancellationToken;
        var grid = MetricGrid.Compute(Data, from, to, granularity, SegmentBy.Csm, Options, MetricGrids.Limits, MetricGrids.WithinMetrics, within, token);
        var agentsGrid = MetricGrid.Compute(AgentDataSet.Within(Data, within), from, to, granularity, AgentDataSet.By, Options, MetricGrids.Limits, MetricGrids.AgentsWithinMetrics, within, token);
        var answered = 0;
        IReadOnlyList<MetricResult>? Held(MetricRequest request, TenureDataSet over)
        {
            // The page asks for its cards too (the grids hold none of them); the agents' table of the tenant's agents.
            var results = ReferenceEquals(Data, over) ? grid.TryAnswer(request)
                : AgentDataSet.IsAgentsOf(over, Data) ? agentsGrid.TryAnswer(request)
                : null;
            if (results is not null)
                Interlocked.Increment(ref answered);
            return results;
        }

        var kind = granularity.ToString().ToLowerInvariant();
        var parsed = DashboardQuery.Parse(new Dictionary<string, string?> { ["period"] = kind, ["date"] = DashboardQuery.Date(to.AddMonths(-13)) }.GetValueOrDefault, to, out var error);
        var query = parsed with { Filter = filter };
        Assert.Null(error);
        var segment = filter.Apply(Data);
        var held = CsManagerDashboard.Build(new DashboardContext(Data, query, () => segment, Options, held: Held));
        var computed = CsManagerDashboard.Build(new DashboardContext(Data, query, () => segment, Options));
        var heldSupport = SupportDashboard.Build(new DashboardContext(Data, query, () => segment, Options, held: Held));
        var computedSupport = SupportDashboard.Build(new DashboardContext(Data, query, () => segment, Options));

        // The per-CSM table, the CS manager's per-agent table and the support page's.
        Assert.Equal(3, answered);
        AssertSameTable(computed.PerCsm, held.PerCsm, name);
        AssertSameTable(computed.PerAgent, held.PerAgent, name);
        AssertSameTable(computedSupport.PerAgent, heldSupport.PerAgent, name);
    }

    private static void AssertSameTable(MetricTable expected, MetricTable actual, string name)
    {
        Assert.Equal(expected.Columns, actual.Columns);
        Assert.Equal(expected.Unavailable, actual.Unavailable);
        Assert.Equal(expected.Rows.Select(r => (r.Label, r.Link, string.Join("|", r.Cells), string.Join("|", r.Values))),
            actual.Rows.Select(r => (r.Label, r.Link, string.Join("|", r.Cells), string.Join("|", r.Values))));
        if (name != "no-account")
            Assert.NotEmpty(actual.Rows);
    }

    public static TheoryData<string, string> TrailingClvViews => new(
        from name in FilterCases.OneFilter.Prepend("none")
        from period in new[] { "month", "quarter", "year" }
        select new TheoryDataRow<string, string>(name, period));

    [Theory]
    [MemberData(nameof(TrailingClvViews))]
    public void TheSaasPagesTrailingClv_FromTheWindows_IsTheEngines(string name, string period)
    {
        // The server's windows of the filter's split (MetricGrids.WindowMetrics over MetricGrids.WindowMonths) answer both
        // of the card's trailing ranges; the card must read as computed from the rows. A period 13 months before the
        // windows' last end: a year's too ends within them (a later one is computed).
        var filter = FilterCases.Filter(name);
        var by = filter.SingleSegment?.By ?? SegmentBy.None;
        var coverage = DataCoverage.Of(Data);
        var (from, to) = MetricGrids.RangeOf(coverage, coverage.LastInstant!.Value)!.Value;
        var windows = MetricWindows.Compute(Data, from, to, MetricGrids.WindowMonths, by, MetricGrids.WindowMetrics, Options, MetricGrids.Limits, TestContext.Current.CancellationToken);
        var answered = 0;
        IReadOnlyList<MetricResult>? Held(MetricRequest request, TenureDataSet over)
        {
            Assert.Same(Data, over);
            // The card asks for its two ranges at once (two threads).
            var results = windows.TryAnswer(request);
            if (results is not null)
                Interlocked.Increment(ref answered);
            return results;
        }

        var parsed = DashboardQuery.Parse(new Dictionary<string, string?> { ["period"] = period, ["date"] = DashboardQuery.Date(to.AddMonths(-13)) }.GetValueOrDefault, to, out var error);
        var query = parsed with { Filter = filter };
        Assert.Null(error);
        var segment = filter.IsEmpty ? Data : filter.Apply(Data);
        var held = SaasDashboard.TrailingClv(new DashboardContext(Data, query, () => segment, Options, held: Held));
        var computed = SaasDashboard.TrailingClv(new DashboardContext(Data, query, () => segment, Options));

        Assert.Equal(2, answered);
        Assert.Equal((computed.Value, computed.PreviousValue, computed.Name), (held.Value, held.PreviousValue, held.Name));
        // Not blanks compared: the segments with accounts that pay have a CLV (no account, or the few without a region, none).
        if (name is not ("no-account" or "none-region"))
            Assert.NotNull(held.Value);
    }

    /// <summary>A grid of <paramref name="data"/> over the tenant's periods of <paramref name="granularity"/>, answering as the server's grids do, counting its answers.</summary>
    private sealed class CountingGrid(TenureDataSet data, Granularity granularity, SegmentBy by)
    {
        public MetricGrid Grid { get; } = Compute(data, granularity, by);

        public int Answered { get; private set; }

        /// <summary>The grid's answer for a request over its data set (any other is a failure).</summary>
        public IReadOnlyList<MetricResult>? Held(MetricRequest request, TenureDataSet over)
        {
            Assert.Same(data, over);
            var results = Grid.TryAnswer(request);
            Answered += results is null ? 0 : 1;
            return results;
        }

        private static MetricGrid Compute(TenureDataSet data, Granularity granularity, SegmentBy by)
        {
            // The tenant's periods, for the agents' grid too: the server ranges every grid by the tenant's coverage.
            var coverage = DataCoverage.Of(Data);
            var (from, to) = MetricGrids.RangeOf(coverage, coverage.LastInstant!.Value, granularity)!.Value;
            return MetricGrid.Compute(data, from, to, granularity, by, Options, MetricGrids.Limits, TestContext.Current.CancellationToken);
        }
    }
}
