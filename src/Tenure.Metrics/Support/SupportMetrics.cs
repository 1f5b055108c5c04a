using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Inputs;

using static Tenure.Metrics.Catalogue.Calc;

namespace Tenure.Metrics.Support;

/// <summary>The support metrics of METRICS.md "Support": their definitions and formulas.</summary>
public static class SupportMetrics
{
    public const string Tickets = "tickets";
    public const string FirstContactResolutionRate = "first-contact-resolution-rate";
    public const string FirstResponseTime = "first-response-time";
    public const string ResolutionTime = "resolution-time";
    public const string ResolutionRate = "resolution-rate";
    public const string EscalationRate = "escalation-rate";
    public const string AverageHandleTime = "average-handle-time";
    public const string Backlog = "backlog";
    public const string BacklogGrowth = "backlog-growth";
    public const string MajorCaseImpact = "major-case-impact";
    public const string MajorCaseChildren = "major-case-children";
    public const string FirstResponseTimeBusiness = "first-response-time-business";
    public const string ResolutionTimeBusiness = "resolution-time-business";
    public const string ReopenRate = "reopen-rate";
    public const string Reopens = "reopens";

    /// <summary>The keys of the backlog breakdown.</summary>
    public const string BlockedKey = "blocked", UnblockedKey = "unblocked";

    private const InputKind Needs = InputKind.Tickets;

    /// <summary>FCR: tickets created in P resolved with one contact / tickets created in P x 100.</summary>
    public static MetricValue FirstContactResolutionRateOf(decimal resolvedAtFirstContact, decimal created) =>
        MetricValue.Ratio(resolvedAtFirstContact, created);

    /// <summary>Resolution rate: tickets resolved in P / tickets created in P x 100 (can exceed 100 when an older backlog is cleared).</summary>
    public static MetricValue ResolutionRateOf(decimal resolved, decimal created) => MetricValue.Ratio(resolved, created);

    /// <summary>Escalation rate: accounts with an escalated ticket created in P / accounts with a ticket created in P x 100.</summary>
    public static MetricValue EscalationRateOf(decimal escalatedAccounts, decimal accountsWithTicket) =>
        MetricValue.Ratio(escalatedAccounts, accountsWithTicket);

    /// <summary>Backlog growth: (closing backlog - opening backlog) / opening backlog x 100.</summary>
    public static MetricValue BacklogGrowthOf(decimal openingBacklog, decimal closingBacklog) =>
        MetricValue.Ratio(closingBacklog - openingBacklog, openingBacklog);

    /// <summary>Reopen rate: tickets resolved in P with reopens &gt; 0 / tickets resolved in P x 100.</summary>
    public static MetricValue ReopenRateOf(decimal reopenedResolved, decimal resolved) => MetricValue.Ratio(reopenedResolved, resolved);

    /// <summary>A mean duration from totals: total / count (the mean that first-response-time, resolution-time and average-handle-time report).</summary>
    public static MetricValue MeanDurationOf(decimal total, decimal count) => MetricValue.Ratio(total, count, 1m);

    private const string Segment = " A ticket is in its account's segment.";

    private const string Business = " Business time is the overlap of [created_at, the instant) with the workspace's business calendar " +
        "(working days, daily hours on the local wall clock of its time zone, minus holidays; default Monday-Friday 09:00-17:00 UTC; " +
        "the workspace setting on /settings, or `tenure metrics --business-calendar FILE`): a ticket created and answered outside " +
        "business hours counts 0.";

    public static IReadOnlyList<MetricDefinition> Definitions { get; } =
    [
        new(Tickets, "Tickets received", MetricArea.Support, MetricUnit.Count,
            "tickets created in P", Needs, "Zendesk", [],
            Notes: "By created_at." + Segment)
        { Better = Better.Neither },
        new(FirstContactResolutionRate, "First contact resolution rate", MetricArea.Support, MetricUnit.Percent,
            "tickets created in P that are resolved (at any time in the data) with contacts = 1 / tickets created in P x 100", Needs, "Zendesk",
            [Count("resolved-first-contact", "tickets resolved with one contact", "tickets"), Count("tickets", "tickets created")],
            a => FirstContactResolutionRateOf(a["resolved-first-contact"], a["tickets"]),
            Notes: "By created_at. A ticket without a contacts count is not a first-contact resolution." + Segment)
        { IsRatio = true, Better = Better.Higher },
        new(FirstResponseTime, "Average first response time", MetricArea.Support, MetricUnit.Hours,
            "mean(first_response_at - created_at) of tickets first answered in P", Needs, "Zendesk",
            [In("total-hours", "sum of the first response times in hours"), Count("tickets", "tickets first answered")],
            a => MeanDurationOf(a["total-hours"], a["tickets"]),
            Notes: "By first_response_at; hours. Also median and p90 (R-7)." + Segment)
        { IsDuration = true, Better = Better.Lower },
        new(ResolutionTime, "Average resolution time (MTTR)", MetricArea.Support, MetricUnit.Hours,
            "total (resolved_at - created_at) / tickets resolved in P", Needs, "Zendesk",
            [In("total-hours", "sum of the resolution times in hours"), Count("tickets", "tickets resolved")],
            a => MeanDurationOf(a["total-hours"], a["tickets"]),
            Notes: "By resolved_at, the final solve: a reopened ticket counts once, from creation to its final solve, in the period of that solve. " +
                "Hours. Also median and p90 (R-7)." + Segment)
        { IsDuration = true, Better = Better.Lower },
        new(ResolutionRate, "Resolution rate", MetricArea.Support, MetricUnit.Percent,
            "tickets resolved in P / tickets created in P x 100", Needs, "Zendesk",
            [Count("resolved", "tickets resolved in the period"), Count("created", "tickets created in the period")],
            a => ResolutionRateOf(a["resolved"], a["created"]),
            Notes: "Numerator by resolved_at, denominator by created_at: the resolved tickets need not be the ones created in P, so it can exceed 100." + Segment)
        { IsRatio = true, Better = Better.Higher },
        new(EscalationRate, "Escalation to customer success", MetricArea.Support, MetricUnit.Percent,
            "accounts with an escalated ticket created in P / accounts with a ticket created in P x 100", Needs, "METRICS.md",
            [Count("escalated-accounts", "accounts with an escalated ticket", "accounts"), Count("accounts", "accounts with a ticket")],
            a => EscalationRateOf(a["escalated-accounts"], a["accounts"]),
            Notes: "By created_at; distinct accounts." + Segment)
        { IsRatio = true, Better = Better.Lower },
        new(AverageHandleTime, "Average handle time", MetricArea.Support, MetricUnit.Minutes,
            "mean handle_minutes of tickets resolved in P that have one", Needs, "Zendesk",
            [In("total-minutes", "sum of the handle times in minutes"), Count("tickets", "tickets with a handle time")],
            a => MeanDurationOf(a["total-minutes"], a["tickets"]),
            Notes: "By resolved_at; minutes (the unit handle_minutes is given in). Also median and p90 (R-7)." + Segment)
        { IsDuration = true, Better = Better.Lower },
        new(Backlog, "Open backlog", MetricArea.Support, MetricUnit.Count,
            "tickets open at the close of P (created, not resolved), split blocked / unblocked", Needs, "Zendesk", [],
            Notes: "Open at the close: created_at before P.end and resolved_at empty or not before P.end. The blocked split uses each ticket's " +
                "blocked flag as exported (it has no history). Breakdown keys: blocked, unblocked." + Segment)
        { Better = Better.Lower },
        new(BacklogGrowth, "Backlog growth", MetricArea.Support, MetricUnit.Percent,
            "(closing backlog - opening backlog) / opening backlog x 100", Needs, "METRICS.md",
            [Count("opening-backlog", "tickets open at the start"), Count("closing-backlog", "tickets open at the end")],
            a => BacklogGrowthOf(a["opening-backlog"], a["closing-backlog"]),
            Notes: "The opening backlog is the closing backlog of the previous period (tickets open just before P.start)." + Segment)
        { IsRatio = true, Better = Better.Lower, Range = ValueRange.AtLeast(-100m) },
        new(MajorCaseImpact, "Customers impacted by a major case", MetricArea.Support, MetricUnit.Count,
            "distinct accounts on major tickets created in P and on their child tickets", Needs, "METRICS.md", [],
            Notes: "By the major ticket's created_at; a child counts with its major ticket whenever it was created. Child tickets may belong to " +
                "other accounts: they count in the major ticket's account segment, and \"all\" counts each account once. Only direct children " +
                "(parent_ticket_id = the major ticket) count.")
        { Better = Better.Lower },
        new(MajorCaseChildren, "Child cases created from a major case", MetricArea.Support, MetricUnit.Count,
            "child tickets of major tickets created in P", Needs, "METRICS.md", [],
            Notes: "By the major ticket's created_at, in the major ticket's account segment; only direct children count.")
        { Better = Better.Lower },
        new(FirstResponseTimeBusiness, "First response time in business hours", MetricArea.Support, MetricUnit.Hours,
            "mean business time between created_at and first_response_at of tickets first answered in P", Needs, "Zendesk",
            [In("total-hours", "sum of the first response times in business hours"), In("tickets", "tickets first answered")],
            a => MeanDurationOf(a["total-hours"], a["tickets"]),
            Notes: "By first_response_at; hours of business time. Also median and p90 (R-7)." + Business + Segment)
        { IsDuration = true, Better = Better.Lower },
        new(ResolutionTimeBusiness, "Resolution time in business hours", MetricArea.Support, MetricUnit.Hours,
            "total business time between created_at and resolved_at / tickets resolved in P", Needs, "Zendesk",
            [In("total-hours", "sum of the resolution times in business hours"), In("tickets", "tickets resolved")],
            a => MeanDurationOf(a["total-hours"], a["tickets"]),
            Notes: "By resolved_at, the final solve (a reopened ticket counts once, up to its final solve); hours of business time, " +
                "including the time a ticket spent solved before a reopen. Also median and p90 (R-7)." + Business + Segment)
        { IsDuration = true, Better = Better.Lower },
        new(ReopenRate, "Reopened tickets", MetricArea.Support, MetricUnit.Percent,
            "tickets resolved in P with reopens > 0 / tickets resolved in P x 100", Needs, "Zendesk",
            [In("reopened", "resolved tickets that had been reopened"), In("resolved", "tickets resolved in the period")],
            a => ReopenRateOf(a["reopened"], a["resolved"]),
            Notes: "By resolved_at, the final solve; reopens is the optional tickets.csv column (default 0)." + Segment)
        { IsRatio = true, Better = Better.Lower },
        new(Reopens, "Reopens", MetricArea.Support, MetricUnit.Count,
            "sum of reopens of tickets resolved in P", Needs, "Zendesk", [],
            Notes: "By resolved_at, the final solve: a ticket reopened twice adds 2 in the period of its final solve." + Segment)
        { Better = Better.Lower },
    ];
}
