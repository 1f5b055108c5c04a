namespace Tenure.Storage.Webhooks;

/// <summary>A webhook as it is listed: never its secret.</summary>
public sealed record WebhookRecord(long Id, string Tenant, string Url, IReadOnlyList<string> Events, DateTime CreatedAt);

/// <summary>A delivery's state: pending (due now or at <see cref="WebhookDeliveryRecord.NextAttemptAt"/>), delivered, or failed (gave up after 24 h).</summary>
public enum DeliveryStatus { Pending, Delivered, Failed }

/// <summary>One event for one webhook, as the delivery log shows it.</summary>
public sealed record WebhookDeliveryRecord(string Id, long WebhookId, string Event, DateTime OccurredAt, DeliveryStatus Status,
    int Attempts, DateTime? NextAttemptAt, DateTime? LastAttemptAt, int? LastStatusCode, string? LastError, DateTime? DeliveredAt);

/// <summary>A delivery due to be sent: where, the exact body, and the secret to sign it with.</summary>
public sealed record DueDelivery(string Tenant, string Id, long WebhookId, string Url, string Secret, string Event, string Body, int Attempts, DateTime OccurredAt);
