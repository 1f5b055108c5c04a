using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;
using Tenure.Web.Dashboards;

namespace Tenure.Web.Tests.Dashboards;

/// <summary>
/// A split by csm within another attribute (<see cref="MetricRequest.Within"/>: the CS manager page's per-CSM table under
/// one filter, from the whole data set in one pass) must give each CSM among that attribute's value the figures of the
/// data narrowed to the value and split by csm, which the table showed before: every metric that goes by account or by
/// task owner, on <see cref="FilterCases"/> (an account accounts.csv does not list, a repeated accounts.csv row, a task
/// owned by one csm on another's account).
/// </summary>
public sealed class SplitWithinTests
{
    private static readonly DateTime From = new(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime To = new(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Every metric but those that link rows of several accounts (a major case's children) or have no figure per segment (costs): neither is read per CSM.</summary>
    private static readonly string[] Metrics = [.. MetricCatalogue.All.Where(d => !d.CrossesAccounts && !d.AllOnly).Select(d => d.Id)];

    public static TheoryData<string, Granularity> Filters => new(
        from name in FilterCases.OneFilter.Where(n => n is not ("csm" or "crossed-csm"))
        from granularity in new[] { Granularity.Month, Granularity.Range }
        select new TheoryDataRow<string, Granularity>(name, granularity));

    [Theory]
    [MemberData(nameof(Filters))]
    public void EachCsmWithinAValue_IsTheNarrowedDataSplitByCsm(string name, Granularity granularity)
    {
        var data = FilterCases.Data;
        var filter = FilterCases.Filter(name);
        var (within, value) = Assert.Single(filter.Parts);
        var request = new MetricRequest(From, To, granularity, SegmentBy.Csm, Metrics);

        var expected = MetricEngine.ComputeSegments(filter.Apply(data), request).Select(FigureText.Of).ToList();
        var actual = OfValue(MetricEngine.ComputeSegments(data, request with { Within = within }), value);

        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
        // Not a comparison of nothing: the segments with accounts have CSM rows (the filter matching none has none).
        if (name == "no-account")
            Assert.DoesNotContain(expected, f => f.Contains(" csm=", StringComparison.Ordinal));
        else
            Assert.True(expected.Count > Metrics.Length, $"{name}: {expected.Count} results");
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public void EachAgentWithinAValue_IsTheSegmentsAgent(string name, Granularity granularity)
    {
        // The support pages' per-agent figures under one filter: the agents within the filter's attribute, split by agent
        // within it, against the agents' data set of the filter's data split by agent.
        var data = FilterCases.Data;
        var filter = FilterCases.Filter(name);
        var (within, value) = Assert.Single(filter.Parts);
        string[] metrics = [.. MetricGrids.AgentsWithinMetrics];
        var request = new MetricRequest(From, To, granularity, AgentDataSet.By, metrics);

        var expected = MetricEngine.ComputeSegments(AgentDataSet.Of(filter.Apply(data)), request).Select(FigureText.Of).ToList();
        var actual = OfValue(MetricEngine.ComputeSegments(AgentDataSet.Within(data, within), request with { Within = within }), value);

        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
        if (name == "no-account")
            Assert.DoesNotContain(expected, f => f.Contains(" csm=", StringComparison.Ordinal));
        else
            Assert.True(expected.Count >= metrics.Length, $"{name}: {expected.Count} results");
    }

    [Fact]
    public void AnAnswerGoesByItsOwnAccountsValue_ToTheAgentOfTheFirstTicketOfThatValue()
    {
        // One ticket id on two accounts of different plans, answered about from an account of the second plan: the answer is
        // the second ticket's agent's, among the second plan's (as the second plan's segment has only that ticket).
        var at = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        var data = new TenureDataSet
        {
            Accounts = [new("a", "A", at, Plan: "pro", Csm: "ann"), new("b", "B", at, Plan: "basic", Csm: "bob")],
            Tickets = [new("T-1", "a", at, at.AddHours(1), at.AddHours(2), Agent: "xavier"), new("T-1", "b", at, at.AddHours(1), at.AddHours(2), Agent: "yuki")],
            Surveys = [new("R-1", "csat", "b", null, 5, Scale.OneToFive, null, at.AddDays(1), TicketId: "T-1")],
            Present = InputKind.Accounts | InputKind.Tickets | InputKind.Surveys,
        };
        var agents = AgentDataSet.Within(data, SegmentBy.Plan);
        Assert.Equal(Segmentation.WithinValue("basic", "yuki"), Assert.Single(agents.Surveys).AccountId);
        Assert.Equal([Segmentation.WithinValue("pro", "xavier"), Segmentation.WithinValue("basic", "yuki")], agents.Tickets.Select(t => t.AccountId));
    }

    /// <summary>
    /// The results of the csm segments within <paramref name="value"/>, named as the value's own data names them
    /// ("csm=pro\u001Fann" is "csm=ann"), as printed; a metric whose inputs are absent is one "all" result per period,
    /// unavailable, either way.
    /// </summary>
    private static List<string> OfValue(IEnumerable<MetricResult> results, string value)
    {
        var prefix = "csm=" + value + Segmentation.WithinSeparator;
        return [.. results
            .Where(r => r.Segment.StartsWith(prefix, StringComparison.Ordinal) || r.Unavailable is not null)
            .Select(r => FigureText.Of(r.Unavailable is null ? r with { Segment = "csm=" + r.Segment[prefix.Length..] } : r))];
    }

    [Fact]
    public void TheCrossedTask_CountsForItsOwnerAmongItsAccountsValue()
    {
        // K-crossed: owned by another csm on the first account; within the first account's plan it is that csm's task.
        var data = FilterCases.Data;
        var crossed = data.Tasks.Single(t => t.TaskId == "K-crossed");
        var plan = data.Accounts[0].Plan;
        var results = MetricEngine.ComputeSegments(data, new MetricRequest(From, To, Granularity.Range, SegmentBy.Csm, ["tasks-completed"]) { Within = SegmentBy.Plan });
        Assert.Contains(results, r => r.Segment == "csm=" + Segmentation.WithinValue(plan, crossed.Owner));
    }

    [Fact]
    public void AValueHoldingTheSeparator_IsRefused()
    {
        var data = FilterCases.Data;
        var odd = data with { Accounts = [.. data.Accounts.Select((a, i) => i == 3 ? a with { Plan = "pro" + Segmentation.WithinSeparator + "x" } : a)] };
        Assert.Throws<ArgumentException>(() => MetricEngine.Compute(odd, new MetricRequest(From, To, Granularity.Month, SegmentBy.Csm, ["customers"]) { Within = SegmentBy.Plan }));
    }
}
