using System.Collections.Frozen;

using Tenure.Metrics.Playbooks;

namespace Tenure.Metrics.Alerts;

/// <summary>One rule as a workspace configures it: on or off, its threshold and (health-drop only) its window.</summary>
/// <param name="Enabled">Off: the rule is not evaluated and opens nothing (its open alerts stay until resolved by hand).</param>
/// <param name="Threshold">The rule's threshold in its unit (<see cref="AlertRule.Threshold"/>); null for rules without one.</param>
/// <param name="WindowDays">health-drop: the days between the two scores compared; null for other rules.</param>
public sealed record AlertRuleSetting(bool Enabled, decimal? Threshold, int? WindowDays);

/// <summary>
/// A workspace's alert rules (alerts.json, <see cref="AlertSettingsJson"/>): the look-back of event rules and
/// each rule's setting. <see cref="Default"/> is what ships: every rule on at its default threshold, 7 days.
/// </summary>
public sealed record AlertSettings
{
    /// <summary>Event rules (detractor, escalation) see events in [now - LookBackDays, now]; 1-90.</summary>
    public int LookBackDays { get; init; } = AlertRules.DefaultLookBackDays;

    /// <summary>Every rule's setting, by rule id.</summary>
    public required FrozenDictionary<string, AlertRuleSetting> Rules { get; init; }

    /// <summary>The playbooks started when an alert of a rule opens, by rule id (docs/tasks.md); none by default.</summary>
    public FrozenDictionary<string, Playbook> Playbooks { get; init; } = FrozenDictionary<string, Playbook>.Empty;

    /// <summary>The shipped rules: all on, default thresholds, health-drop over 30 days, 7 days of look-back.</summary>
    public static AlertSettings Default { get; } = new()
    {
        Rules = AlertRules.All.ToFrozenDictionary(r => r.Id, r => new AlertRuleSetting(true, r.Threshold?.Default,
            r.Id == AlertRule.HealthDrop ? AlertRules.DefaultDropWindowDays : null), StringComparer.Ordinal),
    };

    /// <summary>The setting of <paramref name="rule"/>.</summary>
    public AlertRuleSetting this[AlertRule rule] => Rules[rule.Id];

    /// <summary>The threshold of a rule that has one.</summary>
    public decimal ThresholdOf(AlertRule rule) => this[rule].Threshold ?? rule.Threshold?.Default
        ?? throw new ArgumentException($"{rule.Id} has no threshold.", nameof(rule));
}
