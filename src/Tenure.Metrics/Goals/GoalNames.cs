using System.Globalization;

using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Reporting;

namespace Tenure.Metrics.Goals;

/// <summary>How goals are written for machines ("at_most", "quarter") and for people ("≤ 5 %", "per quarter").</summary>
public static class GoalNames
{
    public static string Of(GoalDirection direction) => direction == GoalDirection.AtMost ? "at_most" : "at_least";

    public static string Of(GoalPeriod period) => period switch
    {
        GoalPeriod.Month => "month",
        GoalPeriod.Quarter => "quarter",
        _ => "year",
    };

    public static string Of(GoalScopeKind kind) => kind switch
    {
        GoalScopeKind.All => "all",
        GoalScopeKind.Csm => "csm",
        _ => "segment",
    };

    public static bool TryDirection(string? text, out GoalDirection direction)
    {
        direction = default;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "at_most" or "at-most" or "atmost": direction = GoalDirection.AtMost; return true;
            case "at_least" or "at-least" or "atleast": direction = GoalDirection.AtLeast; return true;
            default: return false;
        }
    }

    public static bool TryPeriod(string? text, out GoalPeriod period)
    {
        period = default;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "month": period = GoalPeriod.Month; return true;
            case "quarter": period = GoalPeriod.Quarter; return true;
            case "year": period = GoalPeriod.Year; return true;
            default: return false;
        }
    }

    /// <summary>"≤" or "≥".</summary>
    public static string Sign(GoalDirection direction) => direction == GoalDirection.AtMost ? "≤" : "≥";

    /// <summary>The target as people read it in the metric's unit, exact: "5 %", "50", "10,000", "4 h".</summary>
    public static string Target(decimal target, MetricUnit unit)
    {
        var number = MetricNumbers.ForMachines(target).ToString("#,0.#########", CultureInfo.InvariantCulture);
        return unit switch
        {
            MetricUnit.Percent => number + " %",
            MetricUnit.Hours => number + " h",
            MetricUnit.Days => number + " d",
            MetricUnit.Minutes => number + " min",
            _ => number,
        };
    }

    /// <summary>"Goal ≤ 5 % per month" (with the scope when it is not "all": "Goal ≥ 50 per quarter, csm=ann").</summary>
    public static string Label(Goal goal)
    {
        ArgumentNullException.ThrowIfNull(goal);
        var text = $"Goal {Sign(goal.Direction)} {Target(goal.Target, goal.Definition.Unit)} per {Of(goal.Period)}";
        return goal.Scope.Kind == GoalScopeKind.All ? text : text + ", " + goal.Scope;
    }

    /// <summary>
    /// A distance between a figure and the target in the metric's unit, as people read it: "1.20 pp" for percentages
    /// (percentage points), "3.0 pts" for NPS, "1,234.00" for money, "2" for counts, "1.5 h" for durations.
    /// </summary>
    public static string Gap(decimal gap, MetricUnit unit) => unit switch
    {
        MetricUnit.Percent => gap.ToString("#,0.00", CultureInfo.InvariantCulture) + " pp",
        MetricUnit.Points => gap.ToString("0.0", CultureInfo.InvariantCulture) + " pts",
        _ => MetricNumbers.ForPeople(gap, unit),
    };
}
