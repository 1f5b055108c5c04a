using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

using static Tenure.Metrics.Tests.MetricRun;
using static Tenure.Metrics.Tests.TestData;

namespace Tenure.Metrics.Tests;

public class SupportCalculatorTests
{
    private static Ticket Tk(string id, string account, string created, string? firstResponse = null, string? resolved = null,
        int? contacts = null, bool escalated = false, bool blocked = false, string? parent = null, bool major = false, decimal? handleMinutes = null) =>
        new(id, account, T(created), firstResponse is null ? null : T(firstResponse), resolved is null ? null : T(resolved), contacts,
            escalated, Blocked: blocked, ParentTicketId: parent, IsMajor: major, HandleMinutes: handleMinutes);

    private static TenureDataSet Tickets(params Ticket[] tickets) => new()
    {
        Accounts = [Acct("a", csm: "ann"), Acct("b", csm: "bob"), Acct("c", csm: "bob"), Acct("d", csm: "cat"), Acct("e", csm: "ann")],
        Tickets = tickets,
        Present = InputKind.Accounts | InputKind.Tickets,
    };

    /// <summary>
    /// a is ann's; b and c are bob's.
    /// t1 a created 2 May, resolved 3 May, 1 contact (FCR).
    /// t2 a created 3 May, escalated, resolved 10 June, 1 contact (FCR: resolved at any time in the data).
    /// t3 b created 4 May, resolved 5 May, 2 contacts.
    /// t4 b created 6 May, unresolved, 1 contact (not FCR: not resolved).
    /// t5 c created 20 April, resolved 2 May, 1 contact (April's ticket, May's resolution).
    /// t7 a created 8 May, escalated, resolved 9 May, 1 contact (FCR).
    /// May: created t1 t2 t3 t4 t7 = 5; FCR t1 t2 t7 = 3; resolved in May t1 t3 t5 t7 = 4;
    /// accounts with a ticket a, b = 2; with an escalated one a (twice, once) = 1.
    /// June: nothing created; t2 resolved. July: nothing.
    /// </summary>
    private static TenureDataSet Counts() => Tickets(
        Tk("t1", "a", "2024-05-02T09:00", resolved: "2024-05-03T09:00", contacts: 1),
        Tk("t2", "a", "2024-05-03T09:00", resolved: "2024-06-10T09:00", contacts: 1, escalated: true),
        Tk("t3", "b", "2024-05-04T09:00", resolved: "2024-05-05T09:00", contacts: 2),
        Tk("t4", "b", "2024-05-06T09:00", contacts: 1),
        Tk("t5", "c", "2024-04-20T09:00", resolved: "2024-05-02T09:00", contacts: 1),
        Tk("t7", "a", "2024-05-08T09:00", resolved: "2024-05-09T09:00", contacts: 1, escalated: true));

    [Fact]
    public void Counts_HandBuiltMonth_EachByItsOwnInstant()
    {
        var results = Run(Counts(), "2024-05-01", "2024-08-01", ["tickets", "first-contact-resolution-rate", "resolution-rate", "escalation-rate"]);
        Assert.Equal(5m, results.Value("tickets", "2024-05-01").Value);
        // FCR 3 / 5 = 60 %.
        var fcr = results.Value("first-contact-resolution-rate", "2024-05-01");
        Assert.Equal(60m, fcr.Value);
        Assert.Equal(3m, fcr.Numerator);
        Assert.Equal(5m, fcr.Denominator);
        // Resolution rate 4 / 5 = 80 %.
        Assert.Equal(80m, results.Value("resolution-rate", "2024-05-01").Value);
        // Escalation 1 / 2 = 50 %.
        Assert.Equal(50m, results.Value("escalation-rate", "2024-05-01").Value);

        // June: 0 tickets; every rate over tickets created in June has no value (1 resolved / 0 created too).
        Assert.Equal(0m, results.Value("tickets", "2024-06-01").Value);
        Assert.Null(results.Value("first-contact-resolution-rate", "2024-06-01").Value);
        Assert.Equal(1m, results.Value("resolution-rate", "2024-06-01").Numerator);
        Assert.Null(results.Value("resolution-rate", "2024-06-01").Value);
        Assert.Null(results.Value("escalation-rate", "2024-06-01").Value);
        Assert.Equal(0m, results.Value("tickets", "2024-07-01").Value);
    }

    [Fact]
    public void Counts_BySegment_AllMergesTheTallies()
    {
        // ann (a): created t1 t2 t7 = 3, FCR 3 -> 100 %; escalation 1 / 1 = 100 %.
        // bob (b, c): created t3 t4 = 2, FCR 0 -> 0 %; escalation 0 / 1 = 0 %; resolved t3 t5 = 2 -> 100 %.
        // all: FCR 3 / 5 = 60 % (not the mean of the segments, 50 %).
        var results = Run(Counts(), "2024-05-01", "2024-06-01", ["first-contact-resolution-rate", "escalation-rate", "resolution-rate"], SegmentBy.Csm);
        Assert.Equal(60m, results.Value("first-contact-resolution-rate", "2024-05-01").Value);
        Assert.Equal(100m, results.Value("first-contact-resolution-rate", "2024-05-01", "csm=ann").Value);
        Assert.Equal(0m, results.Value("first-contact-resolution-rate", "2024-05-01", "csm=bob").Value);
        Assert.Equal(100m, results.Value("escalation-rate", "2024-05-01", "csm=ann").Value);
        Assert.Equal(0m, results.Value("escalation-rate", "2024-05-01", "csm=bob").Value);
        Assert.Equal(100m, results.Value("resolution-rate", "2024-05-01", "csm=bob").Value);
        // Segments without tickets: no value.
        Assert.Null(results.Value("first-contact-resolution-rate", "2024-05-01", "csm=cat").Value);
    }

    /// <summary>
    /// d1..d4 created 2-5 May, answered and resolved 1, 2, 3, 4 hours later; handle 10, 20, none, 30 minutes.
    /// d5 created 28 April 00:00, answered in April, resolved 1 May 00:00 (72 h, a May resolution), handle 40.
    /// d6 created 31 May 20:00, answered 1 June 02:00 (6 h, June's), unresolved.
    /// </summary>
    private static TenureDataSet Durations() => Tickets(
        Tk("d1", "a", "2024-05-02T08:00", "2024-05-02T09:00", "2024-05-02T09:00", handleMinutes: 10m),
        Tk("d2", "a", "2024-05-03T08:00", "2024-05-03T10:00", "2024-05-03T10:00", handleMinutes: 20m),
        Tk("d3", "b", "2024-05-04T08:00", "2024-05-04T11:00", "2024-05-04T11:00"),
        Tk("d4", "b", "2024-05-05T08:00", "2024-05-05T12:00", "2024-05-05T12:00", handleMinutes: 30m),
        Tk("d5", "c", "2024-04-28T00:00", "2024-04-28T06:00", "2024-05-01T00:00", handleMinutes: 40m),
        Tk("d6", "c", "2024-05-31T20:00", "2024-06-01T02:00"));

    [Fact]
    public void FirstResponseTime_TicketsAnsweredInPeriod_MeanMedianP90()
    {
        // May: 1, 2, 3, 4 h -> mean 2.5, median 2.5, p90 (R-7: h = 3 x 0.9 = 2.7) 3 + 0.7 x 1 = 3.7. June: 6 h.
        var results = Run(Durations(), "2024-05-01", "2024-08-01", ["first-response-time"]);
        var may = results.Value("first-response-time", "2024-05-01");
        Assert.Equal(2.5m, may.Value);
        Assert.Equal(2.5m, may.Median);
        Assert.Equal(3.7m, may.P90);
        Assert.Equal(10m, may.Numerator);
        Assert.Equal(4m, may.Denominator);
        var june = results.Value("first-response-time", "2024-06-01");
        Assert.Equal(6m, june.Value);
        Assert.Equal(6m, june.Median);
        Assert.Equal(6m, june.P90);
        var july = results.Value("first-response-time", "2024-07-01");
        Assert.Null(july.Value);
        Assert.Null(july.Median);
        Assert.Null(july.P90);
    }

    [Fact]
    public void ResolutionTime_TicketsResolvedInPeriod_IncludesOlderTickets()
    {
        // May: 1, 2, 3, 4, 72 h -> mean 82 / 5 = 16.4, median 3, p90 (h = 4 x 0.9 = 3.6) 4 + 0.6 x 68 = 44.8. June: none.
        var results = Run(Durations(), "2024-05-01", "2024-07-01", ["resolution-time"]);
        var may = results.Value("resolution-time", "2024-05-01");
        Assert.Equal(16.4m, may.Value);
        Assert.Equal(3m, may.Median);
        Assert.Equal(44.8m, may.P90);
        Assert.Null(results.Value("resolution-time", "2024-06-01").Value);
    }

    [Fact]
    public void AverageHandleTime_ResolvedTicketsWithAHandleTime_InMinutes()
    {
        // May: 10, 20, 30, 40 (d3 has none) -> mean 25, median 25, p90 (h = 2.7) 30 + 0.7 x 10 = 37.
        // By segment: ann (a) 10, 20 -> 15; bob (b, c) 30, 40 -> 35.
        var results = Run(Durations(), "2024-05-01", "2024-06-01", ["average-handle-time"], SegmentBy.Csm);
        var may = results.Value("average-handle-time", "2024-05-01");
        Assert.Equal(25m, may.Value);
        Assert.Equal(25m, may.Median);
        Assert.Equal(37m, may.P90);
        Assert.Equal(15m, results.Value("average-handle-time", "2024-05-01", "csm=ann").Value);
        Assert.Equal(35m, results.Value("average-handle-time", "2024-05-01", "csm=bob").Value);
    }

    /// <summary>
    /// b1 created 10 April, never resolved, blocked. b2 created 15 April, resolved 10 May.
    /// b3 created 5 May, resolved 1 June 00:00 (still open at the close of May). b4 created 20 May, resolved 25 May.
    /// b5 created 1 June 00:00 (June's), unresolved. b6 created 10 June, resolved 5 July, blocked.
    /// Open at 1 April: none. 1 May: b1 b2. 1 June: b1 b3. 1 July: b1 b5 b6. 1 August: b1 b5.
    /// </summary>
    private static TenureDataSet Backlog() => Tickets(
        Tk("b1", "a", "2024-04-10T09:00", blocked: true),
        Tk("b2", "a", "2024-04-15T09:00", resolved: "2024-05-10T09:00"),
        Tk("b3", "b", "2024-05-05T09:00", resolved: "2024-06-01T00:00"),
        Tk("b4", "b", "2024-05-20T09:00", resolved: "2024-05-25T09:00"),
        Tk("b5", "c", "2024-06-01T00:00"),
        Tk("b6", "c", "2024-06-10T09:00", resolved: "2024-07-05T09:00", blocked: true));

    [Fact]
    public void Backlog_TicketsSpanningPeriods_OpenAtEachClose()
    {
        var results = Run(Backlog(), "2024-04-01", "2024-08-01", ["backlog", "backlog-growth"]);
        AssertBacklog(results.Value("backlog", "2024-04-01"), blocked: 1, unblocked: 1);
        AssertBacklog(results.Value("backlog", "2024-05-01"), blocked: 1, unblocked: 1);
        AssertBacklog(results.Value("backlog", "2024-06-01"), blocked: 2, unblocked: 1);
        AssertBacklog(results.Value("backlog", "2024-07-01"), blocked: 1, unblocked: 1);

        // Growth: April opens with 0 (no value); May (2 - 2) / 2 = 0; June (3 - 2) / 2 = 50; July (2 - 3) / 3 = -33.3.
        Assert.Null(results.Value("backlog-growth", "2024-04-01").Value);
        Assert.Equal(0m, results.Value("backlog-growth", "2024-05-01").Value);
        var june = results.Value("backlog-growth", "2024-06-01");
        Assert.Equal(50m, june.Value);
        Assert.Equal(1m, june.Numerator);
        Assert.Equal(2m, june.Denominator);
        AssertNear(-100m / 3m, results.Value("backlog-growth", "2024-07-01").Value);
    }

    [Fact]
    public void Backlog_BySegment_AllMergesTheTallies()
    {
        // Close of June: ann (a) b1 blocked; bob (b, c) b5 unblocked, b6 blocked. Close of May: ann b1, bob b3.
        var results = Run(Backlog(), "2024-06-01", "2024-07-01", ["backlog", "backlog-growth"], SegmentBy.Csm);
        AssertBacklog(results.Value("backlog", "2024-06-01"), blocked: 2, unblocked: 1);
        AssertBacklog(results.Value("backlog", "2024-06-01", "csm=ann"), blocked: 1, unblocked: 0);
        AssertBacklog(results.Value("backlog", "2024-06-01", "csm=bob"), blocked: 1, unblocked: 1);
        // ann (1 - 1) / 1 = 0; bob (2 - 1) / 1 = 100; all 50.
        Assert.Equal(0m, results.Value("backlog-growth", "2024-06-01", "csm=ann").Value);
        Assert.Equal(100m, results.Value("backlog-growth", "2024-06-01", "csm=bob").Value);
        Assert.Equal(50m, results.Value("backlog-growth", "2024-06-01").Value);
    }

    private static void AssertBacklog(Catalogue.MetricValue value, int blocked, int unblocked)
    {
        Assert.Equal(blocked + unblocked, value.Value);
        Assert.NotNull(value.Breakdown);
        Assert.Equal(blocked, value.Breakdown["blocked"]);
        Assert.Equal(unblocked, value.Breakdown["unblocked"]);
    }

    /// <summary>
    /// m1 (a, major, 10 May) with children c1 (b), c2 (c, created in June: still m1's), c3 (a, the major's own account).
    /// m2 (b, major, 15 May) with child c4 (d). x1 (b, not major) with child c5 (d): not counted.
    /// m3 (a, major, 20 April) with child c6 (e, created in May): April's case.
    /// </summary>
    private static TenureDataSet MajorCases() => Tickets(
        Tk("m1", "a", "2024-05-10T09:00", major: true),
        Tk("c1", "b", "2024-05-11T09:00", parent: "m1"),
        Tk("c2", "c", "2024-06-02T09:00", parent: "m1"),
        Tk("c3", "a", "2024-05-12T09:00", parent: "m1"),
        Tk("m2", "b", "2024-05-15T09:00", major: true),
        Tk("c4", "d", "2024-05-16T09:00", parent: "m2"),
        Tk("x1", "b", "2024-05-01T09:00"),
        Tk("c5", "d", "2024-05-02T09:00", parent: "x1"),
        Tk("m3", "a", "2024-04-20T09:00", major: true),
        Tk("c6", "e", "2024-05-05T09:00", parent: "m3"));

    [Fact]
    public void MajorCases_ChildrenOfOtherAccounts_CountInTheMajorTicketsSegment()
    {
        // May: children c1 c2 c3 c4 = 4; accounts a, b, c (m1) and b, d (m2): distinct a b c d = 4.
        // ann (m1's account a): accounts a b c = 3, children 3. bob (m2's account b): accounts b d = 2, children 1.
        // "all" counts b once: 4, not 3 + 2. June: no major case.
        var results = Run(MajorCases(), "2024-05-01", "2024-07-01", ["major-case-impact", "major-case-children"], SegmentBy.Csm);
        Assert.Equal(4m, results.Value("major-case-impact", "2024-05-01").Value);
        Assert.Equal(3m, results.Value("major-case-impact", "2024-05-01", "csm=ann").Value);
        Assert.Equal(2m, results.Value("major-case-impact", "2024-05-01", "csm=bob").Value);
        Assert.Equal(0m, results.Value("major-case-impact", "2024-05-01", "csm=cat").Value);
        Assert.Equal(4m, results.Value("major-case-children", "2024-05-01").Value);
        Assert.Equal(3m, results.Value("major-case-children", "2024-05-01", "csm=ann").Value);
        Assert.Equal(1m, results.Value("major-case-children", "2024-05-01", "csm=bob").Value);
        Assert.Equal(0m, results.Value("major-case-impact", "2024-06-01").Value);
        Assert.Equal(0m, results.Value("major-case-children", "2024-06-01").Value);
    }

    [Fact]
    public void SupportMetrics_WithoutTicketsFile_AreUnavailable()
    {
        var results = Run(new TenureDataSet { Present = InputKind.Accounts }, "2024-05-01", "2024-06-01", ["tickets", "escalation-rate", "backlog"]);
        Assert.All(results, r => Assert.Equal("needs tickets.csv", r.Unavailable));
    }

    [Fact]
    public void SupportMetrics_EmptyFile_CountsZeroAndRatesWithoutValue()
    {
        var results = Run(Tickets(), "2024-05-01", "2024-06-01",
            ["tickets", "first-contact-resolution-rate", "first-response-time", "resolution-rate", "backlog", "backlog-growth", "major-case-impact"]);
        Assert.Equal(0m, results.Value("tickets", "2024-05-01").Value);
        Assert.Equal(0m, results.Value("backlog", "2024-05-01").Value);
        Assert.Equal(0m, results.Value("major-case-impact", "2024-05-01").Value);
        Assert.Null(results.Value("first-contact-resolution-rate", "2024-05-01").Value);
        Assert.Null(results.Value("first-response-time", "2024-05-01").Value);
        Assert.Null(results.Value("resolution-rate", "2024-05-01").Value);
        Assert.Null(results.Value("backlog-growth", "2024-05-01").Value);
    }
}
