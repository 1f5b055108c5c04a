using Tenure.Demo;
using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;
using Tenure.Web.Dashboards;

namespace Tenure.Web.Tests.Dashboards;

/// <summary>
/// A dashboard with one filter computes its cards from the segment's own data once that is made
/// (<see cref="MetricSeries.Compute"/> with fromSegmentData) instead of splitting the whole data set by the filter's
/// attribute. Every figure of every metric must be the split's (the API's by= figure): checked on the demo with records
/// the filter rules treat apart added (an account accounts.csv does not list, a repeated accounts.csv row, a task owned by
/// one csm on another's account).
/// </summary>
public sealed class SegmentSeriesTests
{
    private static readonly DateTime From = new(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime To = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly MetricOptions Options = new() { TrailingMonths = 6 };
    private static readonly string[] Metrics = [.. MetricCatalogue.All.Select(d => d.Id)];

    private static readonly Lazy<TenureDataSet> data = new(() =>
    {
        var demo = DemoDataGenerator.Generate(new DemoOptions { Accounts = 600, Seed = 5 }).ToTenureDataSet();
        var first = demo.Accounts[0];
        var other = demo.Accounts.First(a => a.Csm != first.Csm && a.Csm is not null);
        var at = From.AddMonths(3);
        return demo with
        {
            Accounts = [.. demo.Accounts, first with { Plan = "repeated-row", Csm = other.Csm }],
            Tickets = [.. demo.Tickets, new Ticket("T-unlisted", "Z-unlisted", at, at.AddHours(2), at.AddHours(5))],
            Surveys = [.. demo.Surveys, new SurveyResponse("R-unlisted", "nps", "Z-unlisted", null, 3, Scale.ZeroToTen, null, at)],
            Tasks = [.. demo.Tasks, new CsTask("K-crossed", other.Csm, first.AccountId, null, at, at.AddDays(3), at.AddDays(1))],
        };
    });

    public static TheoryData<string> Filters => ["csm", "crossed-csm", "plan", "region", "segment", "industry", "none-region", "no-account"];

    private static SegmentFilter Filter(string name)
    {
        var accounts = data.Value.Accounts;
        var first = accounts[0];
        var other = accounts.First(a => a.Csm != first.Csm && a.Csm is not null);
        return name switch
        {
            "csm" => new SegmentFilter(Csm: first.Csm),
            "crossed-csm" => new SegmentFilter(Csm: other.Csm),
            "plan" => new SegmentFilter(Plan: first.Plan),
            "region" => new SegmentFilter(Region: first.Region),
            "segment" => new SegmentFilter(Segment: first.Segment),
            "industry" => new SegmentFilter(Industry: first.Industry),
            "none-region" => new SegmentFilter(Region: Segmentation.NoneValue),
            _ => new SegmentFilter(Region: "no-such-region"),
        };
    }

    public static TheoryData<string, Granularity> FiltersAndPeriods =>
        new(Filters.SelectMany(f => new[] { (f, Granularity.Month), (f, Granularity.Range) }).Select(x => new TheoryDataRow<string, Granularity>(x.Item1, x.Item2)));

    [Theory]
    [MemberData(nameof(FiltersAndPeriods))]
    public void OneFilter_FromTheSegmentsData_GivesTheSplitsFigures(string name, Granularity granularity)
    {
        // Months as the cards, one year-long range as the SaaS page's trailing CLV.
        var filter = Filter(name);
        Assert.NotNull(filter.SingleSegment);
        var segment = filter.Apply(data.Value);

        var split = MetricSeries.Compute(data.Value, filter, () => segment, From, To, granularity, Metrics, Options, fromSegmentData: false);
        var own = MetricSeries.Compute(data.Value, filter, () => segment, From, To, granularity, Metrics, Options, fromSegmentData: true);

        var compared = 0;
        foreach (var id in Metrics)
        {
            for (var p = 0; p < split.Periods.Count; p++)
            {
                var expected = split[id, p];
                Assert.Equal(FigureText.Of(expected), FigureText.Of(own[id, p]));
                compared += expected.Value.Value is null ? 0 : 1;
            }
        }
        // The comparison is not vacuous: a filter matching accounts has figures (the one matching none has none at all).
        if (name == "no-account")
            Assert.Equal(0, compared);
        else
            Assert.True(compared > Metrics.Length / 2, $"{name}: only {compared} figures");
    }

    [Fact]
    public void SeveralFilters_CostMetrics_HaveNoFigure()
    {
        // Costs name no account: a segment's records alone hold none of them, so its CAC would read 0. The split gives a
        // filtered view no cost figure, and neither may the "all" of the filtered data.
        var first = data.Value.Accounts[0];
        var filter = new SegmentFilter(Plan: first.Plan, Region: first.Region);
        Assert.Null(filter.SingleSegment);
        Assert.True(data.Value.Costs.Count > 0, "the demo has costs");
        string[] costs = [.. MetricCatalogue.All.Where(d => d.AllOnly).Select(d => d.Id)];
        Assert.Equal(["crc", "crc-per-retained", "cac"], costs);

        var series = MetricSeries.Compute(data.Value, filter, () => filter.Apply(data.Value), From, To, Granularity.Month, [.. costs, "new-customers"], Options);

        foreach (var id in costs)
            Assert.All(series.Of(id), r => Assert.Null(r.Value.Value));
        Assert.Contains(series.Of("new-customers"), r => r.Value.Value > 0);
        // Unfiltered, the same data has the figures.
        var all = MetricSeries.Compute(data.Value, SegmentFilter.All, () => data.Value, From, To, Granularity.Month, costs, Options);
        Assert.Contains(all.Of("cac"), r => r.Value.Value > 0);
    }

    [Fact]
    public void AllOnly_IsWhatTheEngineReportsForAllOnly()
    {
        // The catalogue's flag and the engine's split agree: split by csm, a metric has segment figures unless it is AllOnly.
        var results = MetricEngine.Compute(data.Value, new MetricRequest(From, To, Granularity.Month, SegmentBy.Csm, Metrics, Options));
        var split = results.Where(r => r.Segment != Segmentation.AllLabel && r.Value.Value is not null).Select(r => r.Metric).ToHashSet(StringComparer.Ordinal);
        foreach (var definition in MetricCatalogue.All)
        {
            var unavailable = results.Any(r => r.Metric == definition.Id && r.Unavailable is not null);
            if (!unavailable)
                Assert.True(split.Contains(definition.Id) != definition.AllOnly, $"{definition.Id}: AllOnly {definition.AllOnly}, split figures {split.Contains(definition.Id)}");
        }
    }
}
