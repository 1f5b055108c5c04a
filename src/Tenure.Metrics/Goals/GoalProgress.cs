using Tenure.Metrics.Catalogue;

namespace Tenure.Metrics.Goals;

/// <summary>
/// How a figure stands against a goal for one period: <see cref="Met"/> (null: no figure for the period),
/// and when missed, <see cref="Gap"/>, how far the figure is on the wrong side of the target (always positive).
/// <paramref name="PeriodLabel"/> names the period compared ("Nov 2026"), so the text never hides which one it is.
/// </summary>
public sealed record GoalProgress(Goal Goal, string PeriodLabel, decimal? Value)
{
    public bool? Met => Goal.IsMetBy(Value);

    /// <summary>|figure - target| when the goal is missed; null when met or without a figure.</summary>
    public decimal? Gap => Met == false && Value is { } v ? Math.Abs(v - Goal.Target) : null;

    /// <summary>"met", "missed by 1.20 pp", or "no figure for Nov 2026".</summary>
    public string Outcome => Met switch
    {
        true => "met",
        false => "missed by " + GoalNames.Gap(Gap!.Value, Goal.Definition.Unit),
        _ => "no figure for " + PeriodLabel,
    };

    /// <summary>"Goal ≤ 5 % per month · Nov 2026: missed by 1.20 pp".</summary>
    public string Text => $"{GoalNames.Label(Goal)} · {PeriodLabel}: {Outcome}";
}
