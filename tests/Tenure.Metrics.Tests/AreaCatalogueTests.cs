using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Tests;

/// <summary>The catalogue entries of the areas after Revenue (Value, Surveys, Support, Usage, Growth, Work).</summary>
public class AreaCatalogueTests
{
    private static readonly string[] Ids =
    [
        "clv", "clv-net", "clv-subscription", "crc", "crc-per-retained", "cac",
        "nps", "csat", "csat-average", "ces", "happiness", "satisfaction-balance", "response-rate",
        "tickets", "first-contact-resolution-rate", "first-response-time", "resolution-time", "resolution-rate", "escalation-rate",
        "average-handle-time", "backlog", "backlog-growth", "major-case-impact", "major-case-children",
        "first-response-time-business", "resolution-time-business", "reopen-rate", "reopens",
        "daily-usage", "dau", "wau", "mau", "stickiness", "adoption-rate", "engagement", "time-to-value",
        "upsell-conversion-rate", "referral-rate",
        "tasks-completed", "overdue-tasks",
    ];

    private static readonly MetricArea[] Areas = [MetricArea.Value, MetricArea.Surveys, MetricArea.Support, MetricArea.Usage, MetricArea.Growth, MetricArea.Work];

    private static IEnumerable<MetricDefinition> Definitions => MetricCatalogue.All.Where(d => Areas.Contains(d.Area));

    [Fact]
    public void All_AreasAfterRevenue_InMetricsMdOrder()
    {
        var all = MetricCatalogue.All.Select(d => d.Id).ToList();
        var start = all.IndexOf("clv");
        Assert.True(start > all.IndexOf("quick-ratio"));
        Assert.Equal(Ids, all.Skip(start).Take(Ids.Length));
        Assert.Equal(Ids, Definitions.Select(d => d.Id));
    }

    [Fact]
    public void All_EveryRatioOrDuration_HasACalculatorWithInputs()
    {
        foreach (var d in Definitions.Where(d => d.IsRatio || d.IsDuration))
        {
            Assert.True(d.Calculate is not null, d.Id);
            Assert.NotEmpty(d.CalcInputs);
        }
    }

    [Fact]
    public void All_DefinitionsComplete()
    {
        foreach (var d in Definitions)
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Name), d.Id);
            Assert.False(string.IsNullOrWhiteSpace(d.Formula), d.Id);
            Assert.False(string.IsNullOrWhiteSpace(d.Source), d.Id);
            Assert.NotEqual(InputKind.None, d.Inputs);
            Assert.False(d.IsRatio && d.IsDuration, d.Id);
        }
    }

    [Theory]
    [InlineData("nps", InputKind.Surveys, MetricUnit.Points)]
    [InlineData("escalation-rate", InputKind.Tickets, MetricUnit.Percent)]
    [InlineData("first-response-time", InputKind.Tickets, MetricUnit.Hours)]
    [InlineData("average-handle-time", InputKind.Tickets, MetricUnit.Minutes)]
    [InlineData("engagement", InputKind.Programs | InputKind.Subscriptions, MetricUnit.Percent)]
    [InlineData("daily-usage", InputKind.Users | InputKind.Usage, MetricUnit.Percent)]
    [InlineData("time-to-value", InputKind.Milestones | InputKind.Accounts, MetricUnit.Days)]
    [InlineData("crc", InputKind.Costs | InputKind.Subscriptions, MetricUnit.Money)]
    [InlineData("tasks-completed", InputKind.Tasks, MetricUnit.Count)]
    public void Get_Definition_InputsAndUnit(string id, InputKind inputs, MetricUnit unit)
    {
        var definition = MetricCatalogue.Get(id);
        Assert.Equal(inputs, definition.Inputs);
        Assert.Equal(unit, definition.Unit);
    }

    [Fact]
    public void Defaults_OnePerVariantFamily()
    {
        Assert.True(MetricCatalogue.Get("clv").IsDefault);
        Assert.True(MetricCatalogue.Get("csat").IsDefault);
        Assert.True(MetricCatalogue.Get("crc").IsDefault);
        Assert.False(MetricCatalogue.Get("clv-net").IsDefault);
        Assert.False(MetricCatalogue.Get("csat-average").IsDefault);
        Assert.False(MetricCatalogue.Get("crc-per-retained").IsDefault);
    }

    [Fact]
    public void Compute_EveryAreaMetricOverNoInputs_UnavailableNotZero()
    {
        var results = MetricEngine.Compute(new TenureDataSet(), new MetricRequest(TestData.D("2024-05-01"), TestData.D("2024-06-01"), Metrics: Ids));
        Assert.Equal(Ids.Length, results.Count);
        Assert.All(results, r =>
        {
            Assert.Null(r.Value.Value);
            Assert.NotNull(r.Unavailable);
        });
    }

    [Fact]
    public void Compute_EveryAreaMetricOverEmptyFiles_ComputedForEachPeriod()
    {
        // Every file given and empty, split by csm: no segment has an account, so each metric has only "all", for both months.
        var data = new TenureDataSet
        {
            Present = InputKind.Accounts | InputKind.Subscriptions | InputKind.Invoices | InputKind.Users | InputKind.Usage | InputKind.Surveys
            | InputKind.Tickets | InputKind.Costs | InputKind.Offers | InputKind.Referrals | InputKind.Milestones | InputKind.Programs | InputKind.Tasks
        };
        var results = MetricEngine.Compute(data, new MetricRequest(TestData.D("2024-05-01"), TestData.D("2024-07-01"), By: SegmentBy.Csm, Metrics: Ids));
        foreach (var id in Ids.Where(id => id != "response-rate"))
            Assert.True(2 == results.Count(r => r.Metric == id && r.Segment == "all" && r.Unavailable is null), id);
        Assert.All(results, r => Assert.Equal("all", r.Segment));
    }
}
