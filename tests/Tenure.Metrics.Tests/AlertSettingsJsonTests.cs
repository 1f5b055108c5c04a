using Tenure.Metrics.Alerts;

namespace Tenure.Metrics.Tests;

public class AlertSettingsJsonTests
{
    [Fact]
    public void Default_ShipsEveryRuleOnWithTheIssueThresholds()
    {
        var d = AlertSettings.Default;

        Assert.Equal(7, d.LookBackDays);
        Assert.All(AlertRules.All, r => Assert.True(d[r].Enabled));
        Assert.Equal((20m, 30), (d[AlertRules.HealthDrop].Threshold, d[AlertRules.HealthDrop].WindowDays));
        Assert.Equal(6m, d[AlertRules.Detractor].Threshold);
        Assert.Equal(60m, d[AlertRules.RenewalRisk].Threshold);
        Assert.Equal(50m, d[AlertRules.UsageDrop].Threshold);
        Assert.Equal(0.5m, d[AlertRules.ChurnRisk].Threshold);
        Assert.Null(d[AlertRules.HealthRed].Threshold);
        Assert.Null(d[AlertRules.Escalation].Threshold);
    }

    [Fact]
    public void Write_ThenParse_GivesTheSameSettings()
    {
        var settings = AlertSettingsJson.Parse("""{"look_back_days": 3, "rules": {"usage-drop": {"threshold": 75.5}, "escalation": {"enabled": false}, "health-drop": {"window_days": 14}}}""");

        var again = AlertSettingsJson.Parse(AlertSettingsJson.Write(settings));

        Assert.Equal(3, again.LookBackDays);
        Assert.Equal(75.5m, again[AlertRules.UsageDrop].Threshold);
        Assert.False(again[AlertRules.Escalation].Enabled);
        Assert.Equal(14, again[AlertRules.HealthDrop].WindowDays);
        Assert.Equal(AlertSettingsJson.Write(settings), AlertSettingsJson.Write(again));
    }

    [Theory]
    [InlineData("""{"rules":{"helth-red":{}}}""", "alerts.json: rules.helth-red: unknown rule 'helth-red'; did you mean 'health-red'? (known rules: health-red, health-drop, detractor, renewal-risk, usage-drop, churn-risk, escalation)")]
    [InlineData("""{"rules":{"mrr-growth":{}}}""", "alerts.json: rules.mrr-growth: unknown rule 'mrr-growth' (known rules: health-red, health-drop, detractor, renewal-risk, usage-drop, churn-risk, escalation)")]
    [InlineData("""{"rules":{"detractor":{"threshold":7}}}""", "alerts.json: rules.detractor.threshold: 7 is impossible for detractor: must be from 0 to 6 (an NPS detractor answers 0 to 6)")]
    [InlineData("""{"rules":{"usage-drop":{"threshold":150}}}""", "alerts.json: rules.usage-drop.threshold: 150 is impossible for usage-drop: must be more than 0 and at most 100 (a drop is more than 0 % and at most 100 %)")]
    [InlineData("""{"rules":{"usage-drop":{"threshold":0}}}""", "alerts.json: rules.usage-drop.threshold: 0 is impossible for usage-drop: must be more than 0 and at most 100 (a drop is more than 0 % and at most 100 %)")]
    [InlineData("""{"rules":{"churn-risk":{"threshold":1.5}}}""", "alerts.json: rules.churn-risk.threshold: 1.5 is impossible for churn-risk: must be more than 0 and at most 1 (a probability is more than 0 and at most 1)")]
    [InlineData("""{"rules":{"health-drop":{"threshold":-5}}}""", "alerts.json: rules.health-drop.threshold: -5 is impossible for health-drop: must be more than 0 and at most 100 (a score is 0-100, so a drop is more than 0 and at most 100 points)")]
    [InlineData("""{"rules":{"health-drop":{"window_days":0}}}""", "alerts.json: rules.health-drop.window_days: 0 is impossible: must be from 1 to 365 days")]
    [InlineData("""{"rules":{"health-red":{"threshold":40}}}""", "alerts.json: rules.health-red.threshold: unknown field (expected one of enabled)")]
    [InlineData("""{"rules":{"detractor":{"window_days":3}}}""", "alerts.json: rules.detractor.window_days: unknown field (expected one of enabled, threshold)")]
    [InlineData("""{"rules":{"detractor":{"threshold":"six"}}}""", "alerts.json: rules.detractor.threshold: must be a number (highest NPS score that alerts)")]
    [InlineData("""{"rules":{"detractor":{"enabled":"yes"}}}""", "alerts.json: rules.detractor.enabled: must be true or false")]
    [InlineData("""{"look_back_days":0}""", "alerts.json: look_back_days: 0 is impossible: must be from 1 to 90 days")]
    [InlineData("""{"lookback":7}""", "alerts.json: lookback: unknown field (expected one of look_back_days, rules, playbooks)")]
    [InlineData("""{"rules":[]}""", "alerts.json: rules: must be an object")]
    public void Parse_BadInput_NamesTheFieldAndTheRule(string json, string message)
    {
        var e = Assert.Throws<AlertSettingsException>(() => AlertSettingsJson.Parse(json));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Parse_NotJson_SaysSoWithTheLine()
    {
        var e = Assert.Throws<AlertSettingsException>(() => AlertSettingsJson.Parse("{\n\"rules\": {", "my-alerts.json"));

        Assert.StartsWith("my-alerts.json: not valid JSON (line ", e.Message);
    }
}
