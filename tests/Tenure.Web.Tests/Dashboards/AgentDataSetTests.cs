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

    [Theory]
    [InlineData("plan")]
    [InlineData("csm+region")]
    public void Of_ASegment_FromTheWholesAgents_HoldsTheAgentsAndAnswersOfItsOwnTickets(string filter)
    {
        // Two copies of one data set: in one the whole's agents are made first (a segment's are then taken from theirs),
        // in the other the segment's agents are made from its own tickets and answers.
        var fromWhole = DemoDataGenerator.Generate(new DemoOptions { Accounts = 800, Seed = 7 }).ToTenureDataSet();
        var alone = DemoDataGenerator.Generate(new DemoOptions { Accounts = 800, Seed = 7 }).ToTenureDataSet();
        var first = fromWhole.Accounts.First(a => a.Plan is not null && a.Csm is not null && a.Region is not null);
        var segmentFilter = filter == "plan" ? new SegmentFilter(Plan: first.Plan) : new SegmentFilter(Csm: first.Csm, Region: first.Region);
        var wholeAgents = AgentDataSet.Of(fromWhole);

        var agents = AgentDataSet.Of(segmentFilter.Apply(fromWhole));
        var expected = AgentDataSet.Of(segmentFilter.Apply(alone));

        Assert.NotEmpty(expected.Surveys);
        Assert.True(expected.Surveys.Count < wholeAgents.Surveys.Count);
        // Taken from the whole's agents: the same records.
        Assert.All(agents.Surveys, s => Assert.Contains(s, wholeAgents.Surveys));
        Assert.Equal(expected.Surveys, agents.Surveys);
        Assert.Equal(expected.Tickets, agents.Tickets);
        Assert.Equal(expected.Accounts, agents.Accounts);
    }

    [Fact]
    public void Of_ASegment_TicketsNumberedFromTheWholesAgents_AsByTheirIds()
    {
        // a2 (pro) has tickets of bob, ann, bob; a1 (basic) one of cyd, who is no agent of pro's. The whole's agents are
        // numbered first: cyd 0, bob 1, ann 2, in the order of their first tickets. Pro's agents are bob (0) and ann (1), in
        // the order of their first ticket there, numbered from the whole's numbers of the same tickets.
        var data = BasicAndPro(
        [
            new Ticket("t1", "a1", At, Agent: "cyd"),
            new Ticket("t2", "a2", At, Agent: "bob"),
            new Ticket("t3", "a2", At, Agent: "ann"),
            new Ticket("t4", "a2", At, Agent: "bob"),
        ], []);
        var whole = AgentDataSet.Of(data);
        var (wholeIds, _, _) = DataSetDerivations.GroupedByAccount(whole, whole.Tickets, InputKinds.Tickets.AccountIdOf!);
        Assert.Equal(["cyd", "bob", "ann"], wholeIds);

        var agents = AgentDataSet.Of(new SegmentFilter(Plan: "pro").Apply(data));
        var (ids, rows, offsets) = DataSetDerivations.GroupedByAccount(agents, agents.Tickets, InputKinds.Tickets.AccountIdOf!);

        Assert.Equal(["bob", "ann"], ids);
        Assert.Equal([0, 2, 3], offsets);
        Assert.Equal(["t2", "t4", "t3"], rows.Select(t => t.TicketId));
        var alone = agents with { };
        var (aloneIds, aloneRows, aloneOffsets) = DataSetDerivations.GroupedByAccount(alone, alone.Tickets, InputKinds.Tickets.AccountIdOf!);
        Assert.Equal(aloneIds, ids);
        Assert.Equal(aloneOffsets, offsets);
        Assert.Equal(aloneRows, rows);
    }

    [Fact]
    public void Of_ASegment_AnswersAboutAnotherSegmentsTicket_AreNotItsAgents()
    {
        // Account a1 (plan basic) answered a survey about a ticket of account a2 (plan pro), and about one of its own.
        var data = BasicAndPro(
            [new Ticket("t1", "a1", At, Agent: "ann"), new Ticket("t2", "a2", At, Agent: "bob")],
            [Answer("r1", "a1", "t2"), Answer("r2", "a1", "t1")]);
        Assert.Equal(2, AgentDataSet.Of(data).Surveys.Count);

        var basic = AgentDataSet.Of(new SegmentFilter(Plan: "basic").Apply(data));
        var pro = AgentDataSet.Of(new SegmentFilter(Plan: "pro").Apply(data));

        var answer = Assert.Single(basic.Surveys);
        Assert.Equal(("r2", "ann"), (answer.ResponseId, answer.AccountId));
        Assert.Equal(["ann"], basic.Accounts.Select(a => a.AccountId));
        Assert.Empty(pro.Surveys);
        Assert.Equal(["bob"], pro.Accounts.Select(a => a.AccountId));
    }

    [Fact]
    public void Of_ASegment_OfAWholeWithARepeatedTicketId_LinksAnswersToItsOwnTicket()
    {
        // Two tickets named t1, of accounts of two plans: an answer about t1 is about the segment's own t1.
        var data = BasicAndPro([new Ticket("t1", "a1", At, Agent: "ann"), new Ticket("t1", "a2", At, Agent: "bob")], [Answer("r1", "a2", "t1")]);
        _ = AgentDataSet.Of(data);

        var pro = AgentDataSet.Of(new SegmentFilter(Plan: "pro").Apply(data));

        var answer = Assert.Single(pro.Surveys);
        Assert.Equal(("r1", "bob"), (answer.ResponseId, answer.AccountId));
    }

    /// <summary>
    /// A segment's agents find their major tickets from the whole's agents (ADR 0415), and count what reading every ticket
    /// counts. a2 (pro) has major m1 (ann) with child c1 (bob), c3 (ann) whose parent m2 is a1's (basic), and x (bob); a1
    /// has m2 (ann) and c2 (bob), a child of m1. In pro: m1 is the one major; its one child in the segment is c1 (c2 is
    /// a1's); c3's parent is no major of the segment's. So major-case-children is 1, in m1's agent ann; the impact is the
    /// distinct agents ("accounts") on m1 and c1: ann and bob, 2.
    /// </summary>
    [Fact]
    public void Of_ASegment_MajorTicketsFromTheWholesAgents_AsReadFromItsOwnTickets()
    {
        var data = BasicAndPro(
        [
            new Ticket("m1", "a2", At, Agent: "ann", IsMajor: true),
            new Ticket("m2", "a1", At, Agent: "ann", IsMajor: true),
            new Ticket("c1", "a2", At, Agent: "bob", ParentTicketId: "m1"),
            new Ticket("c2", "a1", At, Agent: "bob", ParentTicketId: "m1"),
            new Ticket("c3", "a2", At, Agent: "ann", ParentTicketId: "m2"),
            new Ticket("x", "a2", At, Agent: "bob"),
        ], []);
        var request = new MetricRequest(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc),
            Granularity.Month, AgentDataSet.By, ["major-case-children", "major-case-impact"]);
        // The whole's agents computed first, as the server's support view does.
        MetricEngine.Compute(AgentDataSet.Of(data), request);

        var agents = AgentDataSet.Of(new SegmentFilter(Plan: "pro").Apply(data));
        var results = MetricEngine.Compute(agents, request);

        decimal? Figure(string metric, string segment) => results.Single(r => r.Metric == metric && r.Segment == segment).Value.Value;
        Assert.Equal(1m, Figure("major-case-children", "all"));
        Assert.Equal(1m, Figure("major-case-children", "csm=ann"));
        Assert.Equal(2m, Figure("major-case-impact", "all"));
        Assert.Equal(Figures(MetricEngine.Compute(agents with { }, request)), Figures(results));
    }

    private static readonly DateTime At = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>Accounts a1 (plan basic) and a2 (plan pro) with <paramref name="tickets"/> and <paramref name="answers"/>.</summary>
    private static TenureDataSet BasicAndPro(Ticket[] tickets, SurveyResponse[] answers) => new()
    {
        Accounts = [new Account("a1", "A1", At, Plan: "basic"), new Account("a2", "A2", At, Plan: "pro")],
        Tickets = tickets,
        Surveys = answers,
        Present = InputKind.Accounts | InputKind.Tickets | InputKind.Surveys,
    };

    private static SurveyResponse Answer(string id, string account, string ticket) =>
        new(id, "csat", account, null, 5, Scale.OneToFive, null, At, TicketId: ticket);

    private static List<string> Figures(IReadOnlyList<MetricResult> results) => [.. results.Select(FigureText.Of)];
}
