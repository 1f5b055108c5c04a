using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Support;

using static Tenure.Metrics.Tests.MetricRun;
using static Tenure.Metrics.Tests.TestData;

namespace Tenure.Metrics.Tests;

public class SupportCalculatorTests
{
    private static Ticket Tk(string id, string account, string created, string? firstResponse = null, string? resolved = null,
        int? contacts = null, bool escalated = false, bool blocked = false, string? parent = null, bool major = false, decimal? handleMinutes = null,
        int reopens = 0) =>
        new(id, account, T(created), firstResponse is null ? null : T(firstResponse), resolved is null ? null : T(resolved), contacts,
            escalated, Blocked: blocked, ParentTicketId: parent, IsMajor: major, HandleMinutes: handleMinutes, Reopens: reopens);

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

    /// <summary>
    /// A major ticket no child names still impacts its own account; a major ticket's id repeated by a later major ticket
    /// (a data set built in code; tickets.csv refuses repeated ids) is the first one created in a requested period.
    /// m4 (c, major, 20 March: before the range) and m4 again (d, major, 10 May); child k1 (e, May) names m4.
    /// m5 (a, major, 12 May) has no child. May: m4 (the May one, d: cat's) impacts d and e = 2 with 1 child;
    /// m5 impacts a = 1 (ann's) with no child. "all": a, d, e = 3 accounts, 1 child.
    /// </summary>
    [Fact]
    public void MajorCases_WithoutChildrenAndRepeatedIds_FirstInRangeCountsItsOwnAccount()
    {
        var data = Tickets(
            Tk("m4", "c", "2024-03-20T09:00", major: true),
            Tk("m4", "d", "2024-05-10T09:00", major: true),
            Tk("k1", "e", "2024-05-11T09:00", parent: "m4"),
            Tk("m5", "a", "2024-05-12T09:00", major: true));
        var results = Run(data, "2024-05-01", "2024-06-01", ["major-case-impact", "major-case-children"], SegmentBy.Csm);
        Assert.Equal(3m, results.Value("major-case-impact", "2024-05-01").Value);
        Assert.Equal(2m, results.Value("major-case-impact", "2024-05-01", "csm=cat").Value);
        Assert.Equal(1m, results.Value("major-case-impact", "2024-05-01", "csm=ann").Value);
        Assert.Equal(0m, results.Value("major-case-impact", "2024-05-01", "csm=bob").Value);
        Assert.Equal(1m, results.Value("major-case-children", "2024-05-01").Value);
        Assert.Equal(1m, results.Value("major-case-children", "2024-05-01", "csm=cat").Value);
    }

    /// <summary>
    /// The ledger collects only the durations asked for: each duration metric asked alone has the figures it has beside
    /// every other support metric (Durations(): May's first responses 1, 2, 3, 4 h as above).
    /// </summary>
    [Fact]
    public void DurationMetrics_AskedAloneOrTogether_SameFigures()
    {
        string[] durations = ["first-response-time", "resolution-time", "average-handle-time"];
        var together = Run(Durations(), "2024-05-01", "2024-08-01", [.. durations, "tickets", "backlog"]);
        foreach (var metric in durations)
        {
            var alone = Run(Durations(), "2024-05-01", "2024-08-01", [metric]);
            Assert.Equal(together.Where(r => r.Metric == metric), alone);
        }
        Assert.Equal(2.5m, together.Value("first-response-time", "2024-05-01").Value);
    }

    /// <summary>
    /// Business hours of the default calendar (Monday-Friday 09:00-17:00 UTC). May 2024: Wednesday 1st, Friday 10th,
    /// Monday 13th, Wednesday 15th, Saturday 18th, Monday 20th, Thursday 30th; Monday 3 June; Tuesday 30 April.
    /// r1 (a) created Fri 10 May 16:00, answered Mon 13 10:00 (business 1 + 1 = 2 h; clock 66 h),
    ///    resolved Tue 14 12:00 (business Fri 1 + Mon 8 + Tue 3 = 12 h; clock 92 h), never reopened.
    /// r2 (b) created Wed 15 08:00, answered 09:30 (business 0.5 h: the hour before opening does not count; clock 1.5 h),
    ///    resolved Thu 16 18:00 (business Wed 8 + Thu 8 = 16 h), reopened twice.
    /// r3 (c) created Sat 18 10:00, answered Sat 11:00 (business 0), resolved Mon 20 09:30 (business 0.5 h), reopened once.
    /// r4 (a) created Thu 30 May 10:00, answered 11:00 (1 h), resolved Mon 3 June 10:00 (June: Thu 7 + Fri 8 + Mon 1 = 16 h), reopened once.
    /// r5 (b) created Tue 30 April 16:00, answered Wed 1 May 10:00 (business Tue 1 + Wed 1 = 2 h: May's),
    ///    resolved Thu 2 May 09:00 (business Tue 1 + Wed 8 + Thu 0 = 9 h), never reopened.
    /// </summary>
    private static TenureDataSet BusinessHours() => Tickets(
        Tk("r1", "a", "2024-05-10T16:00", "2024-05-13T10:00", "2024-05-14T12:00"),
        Tk("r2", "b", "2024-05-15T08:00", "2024-05-15T09:30", "2024-05-16T18:00", reopens: 2),
        Tk("r3", "c", "2024-05-18T10:00", "2024-05-18T11:00", "2024-05-20T09:30", reopens: 1),
        Tk("r4", "a", "2024-05-30T10:00", "2024-05-30T11:00", "2024-06-03T10:00", reopens: 1),
        Tk("r5", "b", "2024-04-30T16:00", "2024-05-01T10:00", "2024-05-02T09:00"));

    [Fact]
    public void FirstResponseTimeBusiness_DefaultCalendar_CountsOnlyWorkingHours()
    {
        // May: r1 2, r2 0.5, r3 0, r4 1, r5 2 -> sum 5.5 / 5 = 1.1; sorted 0, 0.5, 1, 2, 2: median 1,
        // p90 (R-7: h = 4 x 0.9 = 3.6) 2 + 0.6 x (2 - 2) = 2.
        var results = Run(BusinessHours(), "2024-05-01", "2024-07-01", ["first-response-time-business", "first-response-time"]);
        var may = results.Value("first-response-time-business", "2024-05-01");
        Assert.Equal(1.1m, may.Value);
        Assert.Equal(5.5m, may.Numerator);
        Assert.Equal(5m, may.Denominator);
        Assert.Equal(1m, may.Median);
        Assert.Equal(2m, may.P90);
        Assert.Null(results.Value("first-response-time-business", "2024-06-01").Value);
        // The clock figure is unchanged: 66 + 1.5 + 1 + 1 + 18 = 87.5 / 5 = 17.5.
        Assert.Equal(17.5m, results.Value("first-response-time", "2024-05-01").Value);
    }

    [Fact]
    public void ResolutionTimeBusiness_DefaultCalendar_ByFinalSolve()
    {
        // May: r1 12, r2 16, r3 0.5, r5 9 -> 37.5 / 4 = 9.375; sorted 0.5, 9, 12, 16: median 10.5,
        // p90 (h = 3 x 0.9 = 2.7) 12 + 0.7 x 4 = 14.8. June: r4 16.
        var results = Run(BusinessHours(), "2024-05-01", "2024-07-01", ["resolution-time-business", "resolution-time"]);
        var may = results.Value("resolution-time-business", "2024-05-01");
        Assert.Equal(9.375m, may.Value);
        Assert.Equal(10.5m, may.Median);
        Assert.Equal(14.8m, may.P90);
        Assert.Equal(16m, results.Value("resolution-time-business", "2024-06-01").Value);
        // Clock resolution times by the final solve, reopens or not: r1 92, r2 34, r3 47.5, r5 41 -> 214.5 / 4 = 53.625; June r4 96.
        Assert.Equal(53.625m, results.Value("resolution-time", "2024-05-01").Value);
        Assert.Equal(96m, results.Value("resolution-time", "2024-06-01").Value);
    }

    [Fact]
    public void ReopenRate_TicketsResolvedInPeriod_WithReopens()
    {
        // May resolved r1 r2 r3 r5 = 4, reopened r2 r3 = 2 -> 50 %; reopens 2 + 1 = 3. June: r4 1 / 1 = 100 %, reopens 1. July: none resolved.
        var results = Run(BusinessHours(), "2024-05-01", "2024-08-01", ["reopen-rate", "reopens"]);
        var may = results.Value("reopen-rate", "2024-05-01");
        Assert.Equal(50m, may.Value);
        Assert.Equal(2m, may.Numerator);
        Assert.Equal(4m, may.Denominator);
        Assert.Equal(3m, results.Value("reopens", "2024-05-01").Value);
        Assert.Equal(100m, results.Value("reopen-rate", "2024-06-01").Value);
        Assert.Equal(1m, results.Value("reopens", "2024-06-01").Value);
        Assert.Null(results.Value("reopen-rate", "2024-07-01").Value);
        Assert.Equal(0m, results.Value("reopens", "2024-07-01").Value);
    }

    [Fact]
    public void BusinessAndReopenMetrics_BySegment_AllMergesTheTallies()
    {
        // ann (a): first responses r1 2, r4 1 -> 1.5; resolutions r1 12; reopen 0 / 1 = 0 %, reopens 0.
        // bob (b, c): first responses r2 0.5, r3 0, r5 2 -> 2.5 / 3; resolutions r2 16, r3 0.5, r5 9 -> 25.5 / 3 = 8.5;
        // reopen 2 / 3; reopens 3. All: 1.1 h, 9.375 h, 50 % (the merge, not the mean of 0 % and 66.7 %), 3.
        var results = Run(BusinessHours(), "2024-05-01", "2024-06-01",
            ["first-response-time-business", "resolution-time-business", "reopen-rate", "reopens"], SegmentBy.Csm);
        Assert.Equal(1.5m, results.Value("first-response-time-business", "2024-05-01", "csm=ann").Value);
        AssertNear(2.5m / 3m, results.Value("first-response-time-business", "2024-05-01", "csm=bob").Value);
        Assert.Equal(1.1m, results.Value("first-response-time-business", "2024-05-01").Value);
        Assert.Equal(12m, results.Value("resolution-time-business", "2024-05-01", "csm=ann").Value);
        Assert.Equal(8.5m, results.Value("resolution-time-business", "2024-05-01", "csm=bob").Value);
        Assert.Equal(9.375m, results.Value("resolution-time-business", "2024-05-01").Value);
        Assert.Equal(0m, results.Value("reopen-rate", "2024-05-01", "csm=ann").Value);
        AssertNear(200m / 3m, results.Value("reopen-rate", "2024-05-01", "csm=bob").Value);
        Assert.Equal(50m, results.Value("reopen-rate", "2024-05-01").Value);
        Assert.Equal(0m, results.Value("reopens", "2024-05-01", "csm=ann").Value);
        Assert.Equal(3m, results.Value("reopens", "2024-05-01", "csm=bob").Value);
        Assert.Equal(3m, results.Value("reopens", "2024-05-01").Value);
        // cat has no tickets: no value for the times and the rate, 0 reopens.
        Assert.Null(results.Value("resolution-time-business", "2024-05-01", "csm=cat").Value);
        Assert.Null(results.Value("reopen-rate", "2024-05-01", "csm=cat").Value);
    }

    /// <summary>
    /// Business hours are kept per data set and calendar: the same data set asked under the default calendar, then a
    /// seven-day one, then the default again, gives each calendar's figures. r1 created Fri 10 May 16:00Z, answered
    /// Mon 13 10:00Z: default (Mon-Fri 09-17 UTC) Fri 1 + Mon 1 = 2 h; every day 09-17 UTC Fri 1 + Sat 8 + Sun 8 + Mon 1 = 18 h.
    /// </summary>
    [Fact]
    public void BusinessTimes_SameDataUnderTwoCalendars_EachCalendarsFigures()
    {
        var everyDay = BusinessCalendar.Create(Enum.GetValues<DayOfWeek>(), new TimeOnly(9, 0), new TimeOnly(17, 0), "UTC");
        var data = Tickets(Tk("r1", "a", "2024-05-10T16:00", "2024-05-13T10:00"));
        decimal? Under(BusinessCalendar calendar) =>
            Run(data, "2024-05-01", "2024-06-01", ["first-response-time-business"], options: new MetricOptions { BusinessCalendar = calendar })
                .Value("first-response-time-business", "2024-05-01").Value;
        Assert.Equal(2m, Under(BusinessCalendar.Default));
        Assert.Equal(18m, Under(everyDay));
        Assert.Equal(2m, Under(BusinessCalendar.Default));
    }

    [Fact]
    public void BusinessTimes_WorkspaceCalendar_IsTheOneUsed()
    {
        // Berlin 09:00-17:00 with Monday 13 May a holiday. r1: created Friday 16:00Z = 18:00 CEST (closed),
        // answered Monday 13 10:00Z (a holiday): 0 h; resolved Tuesday 14 12:00Z = 14:00 CEST:
        // Tuesday 09:00-14:00 = 5 h. r2: Wednesday 15 08:00Z = 10:00 CEST -> 09:30Z = 11:30 CEST: 1.5 h.
        var calendar = BusinessCalendar.Create(
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
            new TimeOnly(9, 0), new TimeOnly(17, 0), "Europe/Berlin", [new DateOnly(2024, 5, 13)]);
        var data = Tickets(
            Tk("r1", "a", "2024-05-10T16:00", "2024-05-13T10:00", "2024-05-14T12:00"),
            Tk("r2", "b", "2024-05-15T08:00", "2024-05-15T09:30"));
        var results = Run(data, "2024-05-01", "2024-06-01", ["first-response-time-business", "resolution-time-business"],
            options: new MetricOptions { BusinessCalendar = calendar });
        // First responses 0 and 1.5 -> 0.75; resolution 5.
        Assert.Equal(0.75m, results.Value("first-response-time-business", "2024-05-01").Value);
        Assert.Equal(5m, results.Value("resolution-time-business", "2024-05-01").Value);
    }

    [Fact]
    public void ResolutionTimeBusiness_TicketOpenTwoYears_EqualsTheWeekdayCount()
    {
        // Created Monday 2024-01-01 00:00, resolved 2026-01-01 00:00 (January's): 523 weekdays x 8 h = 4,184 h (see BusinessCalendarTests).
        var data = Tickets(Tk("long", "a", "2024-01-01T00:00", resolved: "2026-01-01T00:00"));
        var results = Run(data, "2025-12-01", "2026-02-01", ["resolution-time-business"]);
        Assert.Null(results.Value("resolution-time-business", "2025-12-01").Value);
        Assert.Equal(4184m, results.Value("resolution-time-business", "2026-01-01").Value);
    }

    [Fact]
    public void SupportMetrics_WithoutTicketsFile_AreUnavailable()
    {
        var results = Run(new TenureDataSet { Present = InputKind.Accounts }, "2024-05-01", "2024-06-01",
            ["tickets", "escalation-rate", "backlog", "first-response-time-business", "resolution-time-business", "reopen-rate", "reopens"]);
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
