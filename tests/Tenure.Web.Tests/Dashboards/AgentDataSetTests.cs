using Tenure.Demo;
using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;
using Tenure.Web.Dashboards;

namespace Tenure.Web.Tests.Dashboards;

/// <summary>
/// The support view's agents of a filtered view: made from the whole data set's agents (their ticket records reused, what
/// is worked out per ticket gathered from theirs, docs/adr/0230) once those are made, they give every figure the agents
/// built from the segment's tickets alone give.
/// </summary>
public sealed class AgentDataSetTests
{
    private static readonly DateTime From = new(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime To = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("plan")]
    [InlineData("csm+region")]
    public void Of_ASegment_GivesTheFiguresOfItsOwnAgents(string filter)
    {
        var data = DemoDataGenerator.Generate(new DemoOptions { Accounts = 800, Seed = 7 }).ToTenureDataSet();
        var first = data.Accounts.First(a => a.Plan is not null && a.Csm is not null && a.Region is not null);
        var segmentFilter = filter == "plan" ? new SegmentFilter(Plan: first.Plan) : new SegmentFilter(Csm: first.Csm, Region: first.Region);
        string[] metrics = [.. MetricCatalogue.All.Select(d => d.Id)];
        var request = new MetricRequest(From, To, Granularity.Month, AgentDataSet.By, metrics);
        // The whole data set's agents made and computed first, as the server's support view does.
        MetricEngine.Compute(AgentDataSet.Of(data), request);

        var segment = segmentFilter.Apply(data);
        var agents = AgentDataSet.Of(segment);
        // The same records in a data set of its own: its derivations are built from its tickets.
        var alone = agents with { };

        Assert.NotEmpty(agents.Tickets);
        Assert.True(agents.Tickets.Count < AgentDataSet.Of(data).Tickets.Count);
        Assert.Equal(Figures(MetricEngine.Compute(alone, request)), Figures(MetricEngine.Compute(agents, request)));
    }

    private static List<string> Figures(IReadOnlyList<MetricResult> results) => [.. results.Select(FigureText.Of)];
}
