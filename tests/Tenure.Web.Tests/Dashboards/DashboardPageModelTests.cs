using Tenure.Demo;
using Tenure.Metrics.Benchmarks;
using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;
using Tenure.Web.Dashboards;

namespace Tenure.Web.Tests.Dashboards;

/// <summary>The page-model services on the demo data: figures equal the engine's (the API's), the waterfall closes, queries round-trip.</summary>
public sealed class DashboardPageModelTests
{
    private static readonly Lazy<TenureDataSet> demo = new(() => DemoDataGenerator.Generate(new DemoOptions()).ToTenureDataSet());
    private static readonly DateTime Now = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);

    private static DashboardContext Context(string query)
    {
        // Placeholders for attribute values the demo has: its first plan and region.
        query = query.Replace("{plan}", demo.Value.Accounts.First(a => a.Plan is not null).Plan, StringComparison.Ordinal)
            .Replace("{region}", demo.Value.Accounts.First(a => a.Region is not null).Region, StringComparison.Ordinal);
        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        var parsed = DashboardQuery.Parse(k => pairs.GetValueOrDefault(k), Now, out var error);
        Assert.Null(error);
        return new DashboardContext(demo.Value, parsed, () => parsed.Filter.Apply(demo.Value));
    }

    [Fact]
    public void Parse_NoPeriod_IsTheLastCompleteMonth()
    {
        var q = DashboardQuery.Parse(_ => null, Now, out var error);
        Assert.Null(error);
        Assert.Equal(new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc), q.Current.Start);
        Assert.Equal(new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc), q.Previous.Start);
        Assert.Equal("period=month&date=2026-10-01", q.QueryString);
    }

    [Fact]
    public void Parse_CustomRange_PreviousIsTheSameLengthBefore()
    {
        var q = DashboardQuery.Parse(k => k switch { "from" => "2026-03-10", "to" => "2026-03-20", "csm" => "ann", _ => null }, Now, out _);
        Assert.Equal(PeriodKind.Custom, q.Kind);
        Assert.Equal(new DateTime(2026, 2, 28, 0, 0, 0, DateTimeKind.Utc), q.Previous.Start);
        Assert.Equal("/accounts?drill=churned-mrr&from=2026-03-10&to=2026-03-20&csm=ann", q.DrillLink("churned-mrr"));
    }

    [Fact]
    public void Parse_BadPeriod_FallsBackAndSaysSo()
    {
        var q = DashboardQuery.Parse(k => k == "period" ? "fortnight" : null, Now, out var error);
        Assert.NotNull(error);
        Assert.Equal(PeriodKind.Month, q.Kind);
    }

    [Theory]
    [InlineData("period=month&date=2026-10-01")]
    [InlineData("period=quarter&date=2026-09-01")]
    [InlineData("period=month&date=2026-10-01&plan={plan}")]
    [InlineData("period=custom&from=2026-06-01&to=2026-10-01&plan={plan}&region={region}")]
    public void Kpi_CardsEqualTheEngine_AndTheWaterfallCloses(string query)
    {
        var context = Context(query);
        var model = KpiDashboard.Build(context);
        var q = context.Query;
        var filter = q.Filter;
        var single = filter.SingleSegment;
        var data = filter.IsEmpty || single is not null ? demo.Value : filter.Apply(demo.Value);
        var results = MetricEngine.Compute(data, new MetricRequest(q.Current.Start, q.Current.End, Granularity.Range, single?.By ?? SegmentBy.None, KpiDashboard.CardMetrics));
        foreach (var card in model.Cards)
            Assert.Equal(results.Single(r => r.Metric == card.MetricId && r.Segment == (single?.Label ?? "all")).Value.Value, card.Value);

        var steps = model.Waterfall;
        Assert.Equal(7, steps.Count);
        Assert.Equal(steps[^1].Amount, steps.Take(steps.Count - 1).Sum(s => s.Amount));
        Assert.Equal(12, model.MrrTrend.Count);
    }

    [Fact]
    public void Cards_MissingInputs_SayWhichFileToImport()
    {
        var data = new TenureDataSet { Present = InputKind.Accounts, Accounts = demo.Value.Accounts };
        var q = DashboardQuery.Default(Now);
        var model = SupportDashboard.Build(new DashboardContext(data, q, () => data));
        var tickets = model.Cards.Single(c => c.MetricId == "tickets");
        Assert.Null(tickets.Value);
        Assert.NotNull(tickets.Empty);
        Assert.Equal(["tickets.csv"], tickets.Empty!.Files);
        Assert.Contains("tenure import", tickets.Empty.HowTo, StringComparison.Ordinal);
        Assert.Contains("/api/v1/tickets", tickets.Empty.HowTo, StringComparison.Ordinal);
        Assert.Empty(tickets.Drills);
    }

    [Fact]
    public void AllDashboards_BuildOnTheDemo()
    {
        var context = Context("period=month&date=2026-10-01");
        var saas = SaasDashboard.Build(context);
        Assert.Equal(SaasDashboard.CohortMonths, saas.Cohorts.Count);
        Assert.All(saas.Cohorts, c => Assert.True(c.Logo.Count is > 0 and <= SaasDashboard.CohortMonths));
        var executive = ExecutiveDashboard.Build(context, BenchmarkCatalogue.Default, null);
        Assert.NotEmpty(executive.WorkFocus);
        Assert.Equal(executive.Cards[0].Value, executive.WorkFocus.Sum(p => p.Value));
        var manager = CsManagerDashboard.Build(context);
        Assert.NotEmpty(manager.PerCsm.Rows);
        Assert.NotEmpty(manager.PerAgent.Rows);
        var support = SupportDashboard.Build(context);
        // Per agent, the engine's tickets add up to the team's.
        var ticketsColumn = support.PerAgent.Columns.ToList().FindIndex(c => c.MetricId == "tickets");
        Assert.Equal(support.Cards.Single(c => c.MetricId == "tickets").Value, support.PerAgent.Rows.Sum(r => r.Values[ticketsColumn]));
    }

    [Fact]
    public void Benchmarks_RoundTripThroughJson_AndPickTheIndustry()
    {
        var json = BenchmarkCatalogue.Default.ToJson();
        var read = BenchmarkCatalogue.FromJson(json);
        Assert.Equal(BenchmarkCatalogue.Default.Benchmarks, read.Benchmarks);
        var saasNps = read.For("nps", "saas");
        Assert.Contains(saasNps, b => b.Industry == "saas" && b.Value == 30m && b.Year == 2020);
        Assert.DoesNotContain(saasNps, b => b.Industry == "education");
        Assert.True(read.For("churn-rate", null).Single(b => b.Label == "B2B aim").IsMetBy(5m));
    }

    [Fact]
    public void Cache_NewDataVersion_DropsTheOldEntries()
    {
        var cache = new DashboardCache();
        var computed = 0;
        object Compute() { computed++; return new object(); }
        var first = cache.GetOrCompute("t", 1, "kpi", "q", Compute);
        Assert.Same(first, cache.GetOrCompute("t", 1, "kpi", "q", Compute));
        Assert.NotSame(first, cache.GetOrCompute("t", 2, "kpi", "q", Compute));
        Assert.Equal(2, computed);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Cache_KeepsMetricGrids_PastTheEntryCount_AndDropsThemLastForBytes()
    {
        // A grid costs seconds of a core to make again, a page a fraction of one: pages go first.
        var small = DemoDataGenerator.Generate(new DemoOptions { Accounts = 10 }).ToTenureDataSet();
        var from = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        MetricGrid Grid() => MetricGrid.Compute(small, from, from.AddYears(1), SegmentBy.None, new MetricOptions(), MetricGrids.Limits, TestContext.Current.CancellationToken);

        var cache = new DashboardCache();
        var grid = cache.GetOrCompute("t", 1, "metric-grid", "all", Grid);
        for (var i = 0; i <= DashboardCache.MaxEntries; i++)
            cache.GetOrCompute("t", 1, "kpi", $"q{i}", () => new object());
        // Past 512 entries the older half of the pages went, the grid (the oldest entry of all) stayed.
        Assert.True(cache.Count <= DashboardCache.MaxEntries / 2 + 2, $"{cache.Count} entries");
        Assert.True(cache.TryGet<MetricGrid>("t", 1, "metric-grid", "all", out var kept));
        Assert.Same(grid, kept);
        Assert.False(cache.TryGet<object>("t", 1, "kpi", "q0", out _));

        // Over the tenant's bytes (the grid, then pages of 64 KiB each up to 1 MiB), the pages are dropped before the grid.
        var bounded = new DashboardCache(Microsoft.Extensions.Options.Options.Create(new Hosting.CacheOptions { MaxTenantBytes = 1 << 20 }));
        var held = bounded.GetOrCompute("t", 1, "metric-grid", "all", Grid);
        Assert.True(DashboardCache.EstimatedBytes(held) < (1 << 19), "the grid fits in half the bound");
        for (var i = 0; i < 20; i++)
            bounded.GetOrCompute("t", 1, "kpi", $"q{i}", () => new object());
        Assert.True(bounded.BytesOf("t") <= 1 << 20);
        Assert.True(bounded.TryGet<MetricGrid>("t", 1, "metric-grid", "all", out _));
        Assert.False(bounded.TryGet<object>("t", 1, "kpi", "q0", out _));
        Assert.True(bounded.TryGet<object>("t", 1, "kpi", "q19", out _));
    }

    [Fact]
    public void Cache_HasFiltered_OnlyOnceTheSegmentsDataIsMade()
    {
        // The KPI and executive pages compute a filter's cards from its data only when another page made it: asking never makes it.
        var cache = new DashboardCache();
        var plan = new SegmentFilter(Plan: demo.Value.Accounts.First(a => a.Plan is not null).Plan);
        Assert.True(cache.HasFiltered("t", 1, SegmentFilter.All));
        Assert.False(cache.HasFiltered("t", 1, plan));
        Assert.Equal(0, cache.Count);

        var segment = cache.Filtered("t", 1, demo.Value, plan);

        Assert.True(cache.HasFiltered("t", 1, plan));
        Assert.Same(segment, cache.Filtered("t", 1, demo.Value, plan));
        Assert.False(cache.HasFiltered("t", 2, plan));
        Assert.False(cache.HasFiltered("other", 1, plan));
        Assert.False(cache.HasFiltered("t", 1, plan with { Region = "somewhere" }));
    }

    [Fact]
    public void AccountsList_SortAndDrill()
    {
        var data = demo.Value;
        var book = Tenure.Metrics.Accounts.AccountBook.Of(data);
        var summaries = AccountsList.Summaries(book, Now);
        var choices = AccountsList.Choices(data);
        var byMrr = AccountsList.Build(data, summaries, AccountsQuery.Parse(k => k == "sort" ? "-mrr" : null, null), Now, choices);
        Assert.Equal(AccountsQuery.PageSize, byMrr.Rows.Count);
        Assert.True(byMrr.Rows[0].Summary.Mrr >= byMrr.Rows[^1].Summary.Mrr);
        var drill = AccountsList.Build(data, summaries, AccountsQuery.Parse(k => k switch { "drill" => "churned-mrr", "from" => "2026-10-01", "to" => "2026-11-01", _ => null }, null), Now, choices);
        Assert.NotNull(drill.Drill);
        Assert.True(drill.Drill!.AddsUp);
        var expected = AccountDrilldown.Drill(data, "churned-mrr", new Period(new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), Granularity.Range), SegmentFilter.All);
        Assert.Equal(expected.Accounts.Count, drill.Total);
    }
}
