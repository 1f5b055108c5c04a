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

    private static TenureDataSet Data => FilterCases.Data;

    public static TheoryData<string> Filters => [.. FilterCases.OneFilter];

    private static SegmentFilter Filter(string name) => FilterCases.Filter(name);

    public static TheoryData<string, Granularity> FiltersAndPeriods =>
        new(Filters.SelectMany(f => new[] { (f, Granularity.Month), (f, Granularity.Range) }).Select(x => new TheoryDataRow<string, Granularity>(x.Item1, x.Item2)));

    [Theory]
    [MemberData(nameof(FiltersAndPeriods))]
    public void OneFilter_FromTheSegmentsData_GivesTheSplitsFigures(string name, Granularity granularity)
    {
        // Months as the cards, one year-long range as the SaaS page's trailing CLV.
        var filter = Filter(name);
        Assert.NotNull(filter.SingleSegment);
        var segment = filter.Apply(Data);

        var split = MetricSeries.Compute(Data, filter, () => segment, From, To, granularity, Metrics, Options, fromSegmentData: false);
        var own = MetricSeries.Compute(Data, filter, () => segment, From, To, granularity, Metrics, Options, fromSegmentData: true);

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

    public static TheoryData<string, bool> CustomRangeViews => new()
    {
        { "none", false }, { "plan", false }, { "plan", true }, { "crossed-csm", true }, { "no-account", false }, { "plan+region", false },
    };

    [Theory]
    [MemberData(nameof(CustomRangeViews))]
    public void CurrentAndPrevious_OfACustomRange_GivesEachRangesFiguresAlone(string name, bool fromSegmentData)
    {
        // Both ranges in one engine call, cut where the current starts: each must read as its own range's call, which is
        // what the cards read before and what GET /api/v1/metrics?period=range gives over the same dates.
        var first = Data.Accounts[0];
        var filter = name == "plan+region" ? new SegmentFilter(Plan: first.Plan, Region: first.Region) : Filter(name);
        var segment = filter.Apply(Data);
        var query = DashboardQuery.Parse(new Dictionary<string, string?> { ["from"] = "2026-03-14", ["to"] = "2026-08-02" }.GetValueOrDefault, To, out var error);
        Assert.Null(error);
        Assert.Equal(query.Previous.End, query.Current.Start);

        var both = MetricSeries.CurrentAndPrevious(Data, query with { Filter = filter }, () => segment, Metrics, Options, fromSegmentData);

        Assert.Equal([query.Previous, query.Current], both.Periods);
        var compared = 0;
        foreach (var (period, index) in new[] { (query.Previous, 0), (query.Current, 1) })
        {
            var alone = MetricSeries.Compute(Data, filter, () => segment, period.Start, period.End, Granularity.Range, Metrics, Options, fromSegmentData);
            foreach (var id in Metrics)
            {
                Assert.Equal(FigureText.Of(alone[id, 0]), FigureText.Of(both[id, index]));
                Assert.Equal(period, both[id, index].Period);
                compared += alone[id, 0].Value.Value is null ? 0 : 1;
            }
        }
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
        var first = Data.Accounts[0];
        var filter = new SegmentFilter(Plan: first.Plan, Region: first.Region);
        Assert.Null(filter.SingleSegment);
        Assert.True(Data.Costs.Count > 0, "the demo has costs");
        string[] costs = [.. MetricCatalogue.All.Where(d => d.AllOnly).Select(d => d.Id)];
        Assert.Equal(["crc", "crc-per-retained", "cac"], costs);

        var series = MetricSeries.Compute(Data, filter, () => filter.Apply(Data), From, To, Granularity.Month, [.. costs, "new-customers"], Options);

        foreach (var id in costs)
            Assert.All(series.Of(id), r => Assert.Null(r.Value.Value));
        Assert.Contains(series.Of("new-customers"), r => r.Value.Value > 0);
        // Unfiltered, the same data has the figures.
        var all = MetricSeries.Compute(Data, SegmentFilter.All, () => Data, From, To, Granularity.Month, costs, Options);
        Assert.Contains(all.Of("cac"), r => r.Value.Value > 0);
    }

    [Fact]
    public void AllOnly_IsWhatTheEngineReportsForAllOnly()
    {
        // The catalogue's flag and the engine's split agree: split by csm, a metric has segment figures unless it is AllOnly.
        var results = MetricEngine.Compute(Data, new MetricRequest(From, To, Granularity.Month, SegmentBy.Csm, Metrics, Options));
        var split = results.Where(r => r.Segment != Segmentation.AllLabel && r.Value.Value is not null).Select(r => r.Metric).ToHashSet(StringComparer.Ordinal);
        foreach (var definition in MetricCatalogue.All)
        {
            var unavailable = results.Any(r => r.Metric == definition.Id && r.Unavailable is not null);
            if (!unavailable)
                Assert.True(split.Contains(definition.Id) != definition.AllOnly, $"{definition.Id}: AllOnly {definition.AllOnly}, split figures {split.Contains(definition.Id)}");
        }
    }
}
