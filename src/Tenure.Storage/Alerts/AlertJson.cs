using System.Globalization;
using System.Text.Json;

namespace Tenure.Storage.Alerts;

/// <summary>
/// The JSON of an alert (issue #12 contract, shared by `tenure alerts --format json`, GET /api/v1/alerts and
/// the "data" of alert webhooks): <c>{"id":7,"rule":"detractor","account_id":"X1","csm":"ann",
/// "opened_at":"2026-12-01T10:00:00Z","status":"open","reason":"NPS 2 from u7 on 2026-12-01",
/// "resolved_at":null,"resolution":null}</c>. Instants UTC, whole seconds; resolution is cleared or by_hand.
/// </summary>
public static class AlertJson
{
    /// <summary>Writes <c>{"alerts":[...]}</c>.</summary>
    public static void WriteList(Utf8JsonWriter json, IEnumerable<AlertRecord> alerts)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(alerts);
        json.WriteStartObject();
        json.WriteStartArray("alerts");
        foreach (var alert in alerts)
            Write(json, alert);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// Writes what one evaluation did (`tenure alerts evaluate --format json`, POST /api/v1/alerts/evaluate):
    /// <c>{"tenant":..,"evaluated_at":..,"opened":[alerts],"resolved":[alerts],"still_open":n,"not_evaluated":{"rule":"why"}}</c>.
    /// </summary>
    public static void WriteEvaluation(Utf8JsonWriter json, string tenant, Metrics.Alerts.AlertEvaluation evaluation, AlertChanges changes)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(changes);
        json.WriteStartObject();
        json.WriteString("tenant", tenant);
        json.WriteString("evaluated_at", Instant(AlertStore.WholeSeconds(evaluation.Now)));
        json.WriteStartArray("opened");
        foreach (var a in changes.Opened) Write(json, a);
        json.WriteEndArray();
        json.WriteStartArray("resolved");
        foreach (var a in changes.Resolved) Write(json, a);
        json.WriteEndArray();
        json.WriteNumber("still_open", changes.StillOpen);
        json.WriteStartObject("not_evaluated");
        foreach (var (rule, why) in evaluation.NotEvaluated.OrderBy(r => r.Key, StringComparer.Ordinal))
            json.WriteString(rule, why);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Writes one alert object.</summary>
    public static void Write(Utf8JsonWriter json, AlertRecord alert)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(alert);
        json.WriteStartObject();
        json.WriteNumber("id", alert.Id);
        json.WriteString("rule", alert.Rule);
        json.WriteString("account_id", alert.AccountId);
        if (alert.Csm is null) json.WriteNull("csm");
        else json.WriteString("csm", alert.Csm);
        json.WriteString("opened_at", Instant(alert.OpenedAt));
        json.WriteString("status", StatusText(alert.Status));
        json.WriteString("reason", alert.Reason);
        if (alert.ResolvedAt is { } resolved) json.WriteString("resolved_at", Instant(resolved));
        else json.WriteNull("resolved_at");
        if (alert.Resolution is { } how) json.WriteString("resolution", ResolutionText(how));
        else json.WriteNull("resolution");
        json.WriteEndObject();
    }

    /// <summary>"2026-12-01T10:00:00Z".</summary>
    public static string Instant(DateTime instant) => instant.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string StatusText(AlertStatus status) => status == AlertStatus.Open ? "open" : "resolved";

    public static string ResolutionText(AlertResolution resolution) => resolution == AlertResolution.Cleared ? "cleared" : "by_hand";
}
