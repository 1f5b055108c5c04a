using Tenure.Metrics.Engine;

namespace Tenure.Web.Dashboards;

/// <summary>The CS manager dashboard (issue #4, page 4).</summary>
public sealed record CsManagerDashboardModel(DashboardQuery Query, IReadOnlyList<MetricCard> Cards, MetricTable PerCsm, MetricTable PerAgent);

/// <summary>The support team dashboard (issue #4, page 5).</summary>
public sealed record SupportDashboardModel(DashboardQuery Query, IReadOnlyList<MetricCard> Cards, MetricTable PerAgent);

public static class CsManagerDashboard
{
    public static readonly IReadOnlyList<string> CardMetrics =
    [
        "csat", "response-rate", "first-contact-resolution-rate", "resolution-time", "major-case-impact", "major-case-children",
        "backlog", "backlog-growth",
    ];

    public static readonly IReadOnlyList<string> CsmColumns =
    [
        "customers", "mrr", "churned-customers", "nps", "csat", "first-contact-resolution-rate",
        "resolution-time", "backlog", "tasks-completed", "overdue-tasks",
    ];

    public static readonly IReadOnlyList<string> AgentColumns =
    [
        "tickets", "first-contact-resolution-rate", "resolution-time", "backlog", "csat",
    ];

    public static CsManagerDashboardModel Build(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = context.Query;
        string? Link(string csm) => "/accounts?" + query.With(("csm", csm), ("period", null), ("date", null), ("from", null), ("to", null), ("bench", null));
        // Under one filter other than csm, the per-CSM table of a whole period is read from the server's grid split by csm
        // within the filter's attribute when built; otherwise it needs the segment's data, made first (the cards are then
        // computed from it too, DashboardContext).
        var perCsm = OneFilterButCsm(query) is (var by, var value)
            && MetricTable.HeldWithin(context.Data, query.Current, SegmentBy.Csm, by, value, CsmColumns, Link, context.Options, context.Held) is { } held
            ? held
            : MetricTable.BySegment(context.Filtered, query.Current, SegmentBy.Csm, CsmColumns, Link, context.Options, context.Held);
        var perAgent = PerAgent(context, AgentColumns);
        var series = context.CurrentAndPrevious(CardMetrics);
        return new CsManagerDashboardModel(query, context.Cards(series, CardMetrics), perCsm, perAgent);
    }

    /// <summary>
    /// The per-agent table of <paramref name="columns"/>: under one filter other than csm, for a whole period, read from the
    /// server's grid of the agents split within the filter's attribute when built (<see cref="AgentDataSet.Within"/>);
    /// otherwise from the agents of the segment's data.
    /// </summary>
    internal static MetricTable PerAgent(DashboardContext context, IReadOnlyList<string> columns)
    {
        var query = context.Query;
        return OneFilterButCsm(query) is (var by, var value)
            && MetricTable.HeldWithin(AgentDataSet.Of(context.Data), query.Current, AgentDataSet.By, by, value, columns, options: context.Options, held: context.Held) is { } held
            ? held
            : MetricTable.BySegment(AgentDataSet.Of(context.Filtered), query.Current, AgentDataSet.By, columns, options: context.Options, held: context.Held);
    }

    /// <summary>The view's one filter when it is on an attribute other than csm (the tables the grids within it hold); null otherwise.</summary>
    private static (SegmentBy By, string Value)? OneFilterButCsm(DashboardQuery query) =>
        query.Filter.Parts is [var (by, value)] && by != SegmentBy.Csm ? (by, value) : null;
}

public static class SupportDashboard
{
    public static readonly IReadOnlyList<string> CardMetrics =
    [
        "first-response-time", "resolution-time", "first-response-time-business", "resolution-time-business", "tickets", "backlog",
        "first-contact-resolution-rate", "resolution-rate", "reopen-rate", "average-handle-time", "nps", "csat",
    ];

    public static readonly IReadOnlyList<string> AgentColumns =
    [
        "tickets", "first-response-time", "resolution-time", "first-contact-resolution-rate", "resolution-rate",
        "average-handle-time", "backlog", "csat",
    ];

    public static SupportDashboardModel Build(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The agents' table under one filter is read from the server's grid when built; otherwise it needs the segment's data,
        // made first (the cards are then computed from it too, DashboardContext).
        var perAgent = CsManagerDashboard.PerAgent(context, AgentColumns);
        var series = context.CurrentAndPrevious(CardMetrics);
        return new SupportDashboardModel(context.Query, context.Cards(series, CardMetrics), perAgent);
    }
}
