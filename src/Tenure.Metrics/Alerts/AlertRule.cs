using System.Collections.Frozen;

namespace Tenure.Metrics.Alerts;

/// <summary>Whether a rule watches a state that holds at "now" or an event that happened in the look-back window.</summary>
public enum AlertRuleKind
{
    /// <summary>A condition on the account as it is at "now" (its health band, its score, its renewal).</summary>
    State,

    /// <summary>Something that happened within the look-back window before "now" (an answer, an escalation).</summary>
    Event,
}

/// <summary>
/// The threshold a rule compares with: its unit for people, the range a meaningful value lies in (a value
/// outside it is impossible and refused) and the default the shipped rules use.
/// </summary>
/// <param name="Unit">What the number is, e.g. "points", "days", "% of active users".</param>
/// <param name="Min">The lowest meaningful value.</param>
/// <param name="MinInclusive">Whether <paramref name="Min"/> itself is allowed (a 0 % drop is not).</param>
/// <param name="Max">The highest meaningful value (inclusive).</param>
/// <param name="Default">The shipped default.</param>
/// <param name="Why">The rule the range comes from, for error messages.</param>
public sealed record AlertThreshold(string Unit, decimal Min, bool MinInclusive, decimal Max, decimal Default, string Why)
{
    /// <summary>True when <paramref name="value"/> lies in the range.</summary>
    public bool Allows(decimal value) => (MinInclusive ? value >= Min : value > Min) && value <= Max;

    /// <summary>"from 0 to 10", "more than 0 and at most 100".</summary>
    public string RangeText => MinInclusive ? $"from {Min} to {Max}" : $"more than {Min} and at most {Max}";
}

/// <summary>
/// One alert rule of the catalogue: its stable id (in alerts.json, the CLI, the API and webhook payloads),
/// what it watches, its kind, and its threshold (null for rules without one). The thresholds' meaning is on
/// each rule in <see cref="AlertRules"/>.
/// </summary>
public sealed record AlertRule(string Id, string Description, AlertRuleKind Kind, AlertThreshold? Threshold)
{
    public const string HealthRed = "health-red";
    public const string HealthDrop = "health-drop";
    public const string Detractor = "detractor";
    public const string RenewalRisk = "renewal-risk";
    public const string UsageDrop = "usage-drop";
    public const string ChurnRisk = "churn-risk";
    public const string Escalation = "escalation";
}

/// <summary>The alert rules Tenure knows, in the order they are listed everywhere.</summary>
public static class AlertRules
{
    /// <summary>Days an event rule looks back from "now" by default: importing years of history alerts only on the last week.</summary>
    public const int DefaultLookBackDays = 7;

    /// <summary>The longest look-back allowed (days).</summary>
    public const int MaxLookBackDays = 90;

    /// <summary>Days health-drop compares over by default (the score now against the score that many days before).</summary>
    public const int DefaultDropWindowDays = 30;

    /// <summary>The longest health-drop window allowed (days).</summary>
    public const int MaxDropWindowDays = 365;

    public static readonly AlertRule HealthRed = new(AlertRule.HealthRed,
        "The account's health band is red at now.", AlertRuleKind.State, null);

    public static readonly AlertRule HealthDrop = new(AlertRule.HealthDrop,
        "The health score now is at least the threshold lower than the score window_days before (both computed by the health engine).",
        AlertRuleKind.State, new AlertThreshold("points", 0m, false, 100m, 20m, "a score is 0-100, so a drop is more than 0 and at most 100 points"));

    public static readonly AlertRule Detractor = new(AlertRule.Detractor,
        "An NPS answer of 0 to the threshold (a detractor: 0-6) submitted in the look-back window.",
        AlertRuleKind.Event, new AlertThreshold("highest NPS score that alerts", 0m, true, 6m, 6m, "an NPS detractor answers 0 to 6"));

    public static readonly AlertRule RenewalRisk = new(AlertRule.RenewalRisk,
        "Paid coverage ends within the threshold (days) and the health band is not green.",
        AlertRuleKind.State, new AlertThreshold("days before coverage ends", 0m, false, 3650m, 60m, "a renewal window is more than 0 and at most 3650 days (10 years)"));

    public static readonly AlertRule UsageDrop = new(AlertRule.UsageDrop,
        "Active users in the last 7 days are down by at least the threshold (%) on the 7 days before.",
        AlertRuleKind.State, new AlertThreshold("% fewer active users", 0m, false, 100m, 50m, "a drop is more than 0 % and at most 100 %"));

    public static readonly AlertRule ChurnRisk = new(AlertRule.ChurnRisk,
        "The churn model gives a probability of at least the threshold.",
        AlertRuleKind.State, new AlertThreshold("churn probability", 0m, false, 1m, 0.5m, "a probability is more than 0 and at most 1"));

    public static readonly AlertRule Escalation = new(AlertRule.Escalation,
        "A ticket marked escalated, created in the look-back window.", AlertRuleKind.Event, null);

    /// <summary>Every rule, in catalogue order.</summary>
    public static IReadOnlyList<AlertRule> All { get; } = [HealthRed, HealthDrop, Detractor, RenewalRisk, UsageDrop, ChurnRisk, Escalation];

    private static readonly FrozenDictionary<string, AlertRule> ById = All.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal);

    /// <summary>The rule with id <paramref name="id"/> (exact, lower case), or null.</summary>
    public static AlertRule? Find(string? id) => id is not null && ById.TryGetValue(id, out var rule) ? rule : null;
}
