using System.Text;
using System.Text.Json;

using Microsoft.EntityFrameworkCore;

using Tenure.Storage.Alerts;
using Tenure.Storage.Model;

namespace Tenure.Storage.Webhooks;

/// <summary>
/// Writes webhook deliveries into the outbox (webhook_deliveries) inside the caller's transaction, one per event
/// and subscribed webhook, with the body fixed at write time: every attempt sends the same bytes, so the
/// receiver can use the delivery id to drop repeats.
/// </summary>
internal static class WebhookOutbox
{
    internal const string Pending = "pending", Delivered = "delivered", Failed = "failed";

    /// <summary>Adds the deliveries of <paramref name="events"/> (alert events) to the context; the caller saves and commits.</summary>
    public static Task AddAsync(TenureDbContext context, string tenant, DateTime occurredAt, IReadOnlyList<(string Event, AlertRecord Alert)> events, CancellationToken cancellationToken) =>
        AddAsync(context, tenant, occurredAt, [.. events.Select(e => (e.Event, (Action<Utf8JsonWriter>)(json => AlertJson.Write(json, e.Alert))))], cancellationToken);

    /// <summary>
    /// Adds the deliveries of <paramref name="events"/> (each an event name and the writer of its "data" object) to
    /// the context; the caller saves and commits.
    /// </summary>
    public static async Task AddAsync(TenureDbContext context, string tenant, DateTime occurredAt, IReadOnlyList<(string Event, Action<Utf8JsonWriter> Data)> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0) return;
        var hooks = await context.Webhooks.AsNoTracking().Where(w => w.TenantId == tenant).OrderBy(w => w.Id).ToListAsync(cancellationToken);
        foreach (var hook in hooks)
        {
            var subscribed = hook.Events.Split(',');
            foreach (var (name, data) in events)
            {
                if (!subscribed.Contains(name, StringComparer.Ordinal)) continue;
                var id = NewId();
                context.WebhookDeliveries.Add(new WebhookDeliveryRow
                {
                    TenantId = tenant,
                    Id = id,
                    WebhookId = hook.Id,
                    Event = name,
                    OccurredAt = occurredAt,
                    Body = Body(id, name, occurredAt, tenant, data),
                    Status = Pending,
                    Attempts = 0,
                    NextAttemptAt = occurredAt,
                });
            }
        }
    }

    /// <summary>Adds the deliveries of one event <paramref name="name"/> whose data <paramref name="data"/> writes (a survey answer) to the context; the caller saves and commits.</summary>
    public static async Task AddAsync(TenureDbContext context, string tenant, DateTime occurredAt, string name, Action<Utf8JsonWriter> data, CancellationToken cancellationToken)
    {
        var hooks = await context.Webhooks.AsNoTracking().Where(w => w.TenantId == tenant).OrderBy(w => w.Id).ToListAsync(cancellationToken);
        foreach (var hook in hooks)
        {
            if (!hook.Events.Split(',').Contains(name, StringComparer.Ordinal)) continue;
            var id = NewId();
            context.WebhookDeliveries.Add(new WebhookDeliveryRow
            {
                TenantId = tenant,
                Id = id,
                WebhookId = hook.Id,
                Event = name,
                OccurredAt = occurredAt,
                Body = Body(id, name, occurredAt, tenant, data),
                Status = Pending,
                Attempts = 0,
                NextAttemptAt = occurredAt,
            });
        }
    }

    /// <summary>"dlv_" and 32 lowercase hex digits of a version 7 (time-ordered) UUID.</summary>
    public static string NewId() => "dlv_" + Guid.CreateVersion7().ToString("N");

    /// <summary><c>{"id":..,"event":..,"occurred_at":..,"tenant":..,"data":{...}}</c>, compact UTF-8 JSON.</summary>
    public static string Body(string id, string name, DateTime occurredAt, string tenant, Action<Utf8JsonWriter> data)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("event", name);
            json.WriteString("occurred_at", AlertJson.Instant(occurredAt));
            json.WriteString("tenant", tenant);
            json.WritePropertyName("data");
            data(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
