using System.Text.Json;

using Tenure.Storage.Alerts;

namespace Tenure.Storage.Webhooks;

/// <summary>The JSON of webhooks and their delivery log, shared by the CLI and the API (never the secret).</summary>
public static class WebhookJson
{
    /// <summary><c>{"id":1,"url":"https://...","events":["alert.opened",...],"created_at":"..."}</c></summary>
    public static void Write(Utf8JsonWriter json, WebhookRecord hook)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(hook);
        json.WriteStartObject();
        json.WriteNumber("id", hook.Id);
        json.WriteString("url", hook.Url);
        json.WriteStartArray("events");
        foreach (var e in hook.Events) json.WriteStringValue(e);
        json.WriteEndArray();
        json.WriteString("created_at", AlertJson.Instant(hook.CreatedAt));
        json.WriteEndObject();
    }

    /// <summary><c>{"deliveries":[{"id":"dlv_...","event":..,"occurred_at":..,"status":"pending|delivered|failed","attempts":..,"next_attempt_at":..,"last_attempt_at":..,"last_status_code":..,"last_error":..,"delivered_at":..}]}</c></summary>
    public static void WriteDeliveries(Utf8JsonWriter json, IEnumerable<WebhookDeliveryRecord> deliveries)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(deliveries);
        json.WriteStartObject();
        json.WriteStartArray("deliveries");
        foreach (var d in deliveries)
        {
            json.WriteStartObject();
            json.WriteString("id", d.Id);
            json.WriteNumber("webhook_id", d.WebhookId);
            json.WriteString("event", d.Event);
            json.WriteString("occurred_at", AlertJson.Instant(d.OccurredAt));
            json.WriteString("status", StatusText(d.Status));
            json.WriteNumber("attempts", d.Attempts);
            Instant(json, "next_attempt_at", d.NextAttemptAt);
            Instant(json, "last_attempt_at", d.LastAttemptAt);
            if (d.LastStatusCode is { } code) json.WriteNumber("last_status_code", code);
            else json.WriteNull("last_status_code");
            if (d.LastError is { } error) json.WriteString("last_error", error);
            else json.WriteNull("last_error");
            Instant(json, "delivered_at", d.DeliveredAt);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string StatusText(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Pending => "pending",
        DeliveryStatus.Delivered => "delivered",
        _ => "failed",
    };

    private static void Instant(Utf8JsonWriter json, string name, DateTime? instant)
    {
        if (instant is { } at) json.WriteString(name, AlertJson.Instant(at));
        else json.WriteNull(name);
    }
}
