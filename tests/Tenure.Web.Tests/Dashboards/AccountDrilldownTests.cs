using Tenure.Demo;
using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;

namespace Tenure.Web.Tests.Dashboards;

/// <summary>Drill-down lists add up to the engine's card, on hand-made data and on the demo data, for every period and segment tried.</summary>
public sealed class AccountDrilldownTests
{
    private static DateTime D(int y, int m, int d = 1) => new(y, m, d, 0, 0, 0, DateTimeKind.Utc);

    private static readonly Period May = new(D(2024, 5), D(2024, 6), Granularity.Month);

    /// <summary>a: churns in May; b: upgrades in May (same-day swap = one expansion); c: new in May; d: joins and leaves inside May; e: downgrade; f: reactivates.</summary>
    private static TenureDataSet HandMade() => new()
    {
        Present = InputKind.Accounts | InputKind.Subscriptions | InputKind.Tickets | InputKind.Surveys,
        Accounts =
        [
            new("a", "Alpha", D(2023, 1), Csm: "ann", Plan: "pro"),
            new("b", "Beta", D(2023, 1), Csm: "ann", Plan: "basic"),
            new("c", "Gamma", D(2024, 5), Csm: "ben", Plan: "pro"),
            new("d", "Delta", D(2024, 5), Csm: "ben", Plan: "pro"),
            new("e", "Epsilon", D(2023, 1), Csm: "ann", Plan: "pro"),
            new("f", "Phi", D(2023, 1), Csm: "ben", Plan: "basic"),
        ],
        Subscriptions =
        [
            new("s-a", "a", "pro", D(2024, 1), D(2024, 5, 10), 100m, BillingInterval.Month),
            new("s-b1", "b", "basic", D(2024, 1), D(2024, 5, 15), 50m, BillingInterval.Month),
            new("s-b2", "b", "pro", D(2024, 5, 15), null, 120m, BillingInterval.Month),
            new("s-c", "c", "pro", D(2024, 5, 3), null, 1200m, BillingInterval.Year),
            new("s-d", "d", "pro", D(2024, 5, 2), D(2024, 5, 20), 30m, BillingInterval.Month),
            new("s-e1", "e", "pro", D(2024, 1), D(2024, 5, 7), 80m, BillingInterval.Month),
            new("s-e2", "e", "basic", D(2024, 5, 7), null, 60m, BillingInterval.Month),
            new("s-f1", "f", "basic", D(2023, 6), D(2024, 2), 40m, BillingInterval.Month),
            new("s-f2", "f", "basic", D(2024, 5, 25), null, 45m, BillingInterval.Month),
        ],
        Tickets =
        [
            new("t1", "a", D(2024, 4, 20), ResolvedAt: D(2024, 6, 2), Blocked: true),
            new("t2", "b", D(2024, 5, 20)),
            new("t3", "b", D(2024, 5, 21), ResolvedAt: D(2024, 5, 22)),
            new("m1", "c", D(2024, 5, 5), IsMajor: true),
            new("k1", "e", D(2024, 5, 6), ParentTicketId: "m1"),
            new("k2", "f", D(2024, 6, 6), ParentTicketId: "m1"),
        ],
        Surveys =
        [
            new("r1", "nps", "a", null, 3, Scale.ZeroToTen, "<script>alert(1)</script>", D(2024, 5, 3)),
            new("r2", "nps", "b", null, 10, Scale.ZeroToTen, null, D(2024, 5, 4)),
            new("r3", "nps", "b", null, 9, Scale.ZeroToTen, null, D(2024, 5, 5)),
            new("r4", "nps", "c", null, 7, Scale.ZeroToTen, null, D(2024, 5, 6)),
        ],
    };

    private static decimal Card(TenureDataSet data, string metric, Period period, SegmentFilter filter)
    {
        var series = Tenure.Web.Dashboards.MetricSeries.Compute(data, filter, () => filter.Apply(data), period.Start, period.End, Granularity.Range, [metric]);
        return series[metric, 0].Value.Value ?? 0m;
    }

    [Fact]
    public void Drill_HandMade_ListsTheRightAccounts()
    {
        var data = HandMade();
        string[] Ids(string drill) => [.. AccountDrilldown.Drill(data, drill, May, SegmentFilter.All).Accounts.Select(a => a.AccountId).Order(StringComparer.Ordinal)];

        Assert.Equal(["a", "d"], Ids("churned-customers"));
        Assert.Equal(["c", "d"], Ids("new-customers"));
        Assert.Equal(["b"], Ids("expansion-mrr"));
        Assert.Equal(["e"], Ids("contraction-mrr"));
        Assert.Equal(["f"], Ids("reactivation-mrr"));
        Assert.Equal(["a", "b", "c", "e"], Ids("backlog"));
        Assert.Equal(["a"], Ids("backlog-blocked"));
        Assert.Equal(["a"], Ids("nps-detractors"));
        Assert.Equal(["b"], Ids("nps-promoters"));
        Assert.Equal(["c", "e", "f"], Ids("major-case-impact"));
        var churned = AccountDrilldown.Drill(data, "churned-mrr", May, SegmentFilter.All);
        Assert.Equal(130m, churned.TotalAmount);
        Assert.Equal(70m, AccountDrilldown.Drill(data, "expansion-mrr", May, SegmentFilter.All).TotalAmount);
    }

    [Theory]
    [InlineData("churned-customers")]
    [InlineData("new-customers")]
    [InlineData("customers")]
    [InlineData("mrr")]
    [InlineData("arr")]
    [InlineData("new-mrr")]
    [InlineData("expansion-mrr")]
    [InlineData("contraction-mrr")]
    [InlineData("churned-mrr")]
    [InlineData("reactivation-mrr")]
    [InlineData("new-arr")]
    [InlineData("churned-arr")]
    [InlineData("contraction-arr")]
    [InlineData("upsells")]
    [InlineData("downgrades")]
    [InlineData("tickets")]
    [InlineData("backlog")]
    [InlineData("major-case-impact")]
    [InlineData("major-case-children")]
    public void Drill_HandMade_AddsUpToTheCard(string drill)
    {
        var data = HandMade();
        foreach (var filter in new[] { SegmentFilter.All, new SegmentFilter(Csm: "ann"), new SegmentFilter(Csm: "ben", Plan: "pro") })
        {
            var result = AccountDrilldown.Drill(data, drill, May, filter);
            Assert.Equal(Card(data, result.Definition.MetricId, May, filter), result.Total);
        }
    }

    public static TheoryData<string> DemoDrills => new(AccountDrilldown.Definitions.Where(d => !d.Id.StartsWith("nps-", StringComparison.Ordinal) && !d.Id.StartsWith("backlog-", StringComparison.Ordinal)).Select(d => d.Id));

    private static readonly Lazy<TenureDataSet> demo = new(() => DemoDataGenerator.Generate(new DemoOptions()).ToTenureDataSet());

    [Theory]
    [MemberData(nameof(DemoDrills))]
    public void Drill_DemoData_AddsUpToTheCardForEveryMonthAndCsm(string drill)
    {
        var data = demo.Value;
        var end = PeriodCalendar.Floor(DemoOptions.DefaultAsOf, Granularity.Month);
        var csm = data.Accounts.Select(a => a.Csm).First(c => c is not null)!;
        foreach (var month in new[] { end.AddMonths(-1), end.AddMonths(-7) })
        {
            var period = new Period(month, month.AddMonths(1), Granularity.Month);
            foreach (var filter in new[] { SegmentFilter.All, new SegmentFilter(Csm: csm) })
            {
                var result = AccountDrilldown.Drill(data, drill, period, filter);
                Assert.Equal(Card(data, result.Definition.MetricId, period, filter), result.Total);
            }
        }
    }

    [Fact]
    public void Drill_DemoData_NpsPromotersMinusDetractorsGiveTheNpsNumerator()
    {
        var data = demo.Value;
        var end = PeriodCalendar.Floor(DemoOptions.DefaultAsOf, Granularity.Month);
        var period = new Period(end.AddMonths(-1), end, Granularity.Month);
        var nps = Tenure.Web.Dashboards.MetricSeries.Compute(data, SegmentFilter.All, () => data, period.Start, period.End, Granularity.Range, ["nps"])["nps", 0];
        var promoters = AccountDrilldown.Drill(data, "nps-promoters", period, SegmentFilter.All).TotalCount;
        var detractors = AccountDrilldown.Drill(data, "nps-detractors", period, SegmentFilter.All).TotalCount;
        Assert.Equal(nps.Value.Numerator, promoters - detractors);
    }

    [Fact]
    public void Apply_OneFilter_GivesTheEngineSegmentFigure()
    {
        var data = demo.Value;
        var end = PeriodCalendar.Floor(DemoOptions.DefaultAsOf, Granularity.Month);
        var csm = data.Accounts.Select(a => a.Csm).First(c => c is not null)!;
        var filter = new SegmentFilter(Csm: csm);
        string[] metrics = ["customers", "mrr", "churned-mrr", "nps", "csat", "tickets", "backlog", "tasks-completed", "daily-usage"];
        var split = MetricEngine.Compute(data, new MetricRequest(end.AddMonths(-1), end, Granularity.Month, SegmentBy.Csm, metrics));
        var filtered = MetricEngine.Compute(filter.Apply(data), new MetricRequest(end.AddMonths(-1), end, Granularity.Month, SegmentBy.None, metrics));
        foreach (var metric in metrics)
            Assert.Equal(split.Single(r => r.Metric == metric && r.Segment == "csm=" + csm).Value.Value, filtered.Single(r => r.Metric == metric).Value.Value);
    }
}
