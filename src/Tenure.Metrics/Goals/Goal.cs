using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Drilldown;

namespace Tenure.Metrics.Goals;

/// <summary>Which side of the target meets a goal: the figure at most the target (churn) or at least it (NPS).</summary>
public enum GoalDirection { AtMost, AtLeast }

/// <summary>The calendar period a goal is held over: each month, quarter or year on its own (never a custom range).</summary>
public enum GoalPeriod { Month, Quarter, Year }

/// <summary>Whose figure a goal is for: every account, one CSM's book, or one segment (accounts.csv's segment column).</summary>
public enum GoalScopeKind { All, Csm, Segment }

/// <summary>
/// A goal's scope: <see cref="GoalScopeKind.All"/> with no value, or a CSM name or segment exactly as accounts.csv
/// spells it (case-sensitive, as the dashboards' csm= and segment= filters).
/// </summary>
public sealed record GoalScope(GoalScopeKind Kind, string? Value = null)
{
    public static GoalScope All { get; } = new(GoalScopeKind.All);

    public static GoalScope Csm(string csm) => new(GoalScopeKind.Csm, csm);

    public static GoalScope Segment(string segment) => new(GoalScopeKind.Segment, segment);

    /// <summary>
    /// Whether a figure computed with <paramref name="filter"/> is this scope's figure: "all" only for an unfiltered
    /// view, a CSM only for a view filtered to that CSM alone, a segment only for a view filtered to that segment alone.
    /// </summary>
    public bool Matches(SegmentFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Kind switch
        {
            GoalScopeKind.All => filter == SegmentFilter.All,
            GoalScopeKind.Csm => filter == new SegmentFilter(Csm: Value),
            _ => filter == new SegmentFilter(Segment: Value),
        };
    }

    /// <summary>"all", "csm=ann", "segment=SMB": how the CLI and the page name the scope.</summary>
    public override string ToString() => Kind switch
    {
        GoalScopeKind.All => "all",
        GoalScopeKind.Csm => "csm=" + Value,
        _ => "segment=" + Value,
    };
}

/// <summary>
/// A target for one metric of the catalogue over one kind of period and one scope, e.g. churn-rate at most 5 (%) per
/// month for every account, or nps at least 50 per quarter for the SMB segment. A tenant has at most one goal per
/// (metric, period, scope); setting it again replaces the target. Build one through <see cref="GoalRules.Check"/>.
/// </summary>
public sealed record Goal(string MetricId, GoalDirection Direction, decimal Target, GoalPeriod Period, GoalScope Scope)
{
    public MetricDefinition Definition => MetricCatalogue.Get(MetricId);

    /// <summary>The identity of the goal within a tenant: metric, period and scope.</summary>
    public (string Metric, GoalPeriod Period, GoalScope Scope) Key => (MetricId, Period, Scope);

    /// <summary>Whether <paramref name="value"/> meets the goal: exact comparison with the engine's figure (no display rounding); null without a figure.</summary>
    public bool? IsMetBy(decimal? value) => value is not { } v ? null : Direction == GoalDirection.AtMost ? v <= Target : v >= Target;
}
