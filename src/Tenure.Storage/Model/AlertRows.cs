using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Tenure.Storage.Schema;

namespace Tenure.Storage.Model;

/// <summary>A row of alerts: one alert of one rule on one account, open or resolved (docs/alerts.md).</summary>
internal sealed class AlertRow
{
    public required string TenantId { get; set; }

    /// <summary>Unique across tenants (highest + 1, under the table lock of the write that opens it).</summary>
    public long Id { get; set; }
    public required string Rule { get; set; }
    public required string AccountId { get; set; }
    public string? Csm { get; set; }
    public DateTime OpenedAt { get; set; }

    /// <summary>open or resolved. At most one open row per (tenant, rule, account): a unique partial index.</summary>
    public required string Status { get; set; }
    public required string Reason { get; set; }
    public DateTime? ResolvedAt { get; set; }

    /// <summary>cleared (the condition no longer held) or by_hand; null while open.</summary>
    public string? Resolution { get; set; }

    /// <summary>
    /// Resolved by hand while the condition still held: no new alert for the (rule, account) until an evaluation
    /// finds the condition cleared, so a hand resolution is not undone by the next hourly run.
    /// </summary>
    public bool Quiet { get; set; }
}

/// <summary>A row of webhooks: where a tenant's events are POSTed, and the secret that signs them.</summary>
internal sealed class WebhookRow
{
    public required string TenantId { get; set; }
    public long Id { get; set; }
    public required string Url { get; set; }

    /// <summary>The signing secret as given (HMAC needs the secret itself; see docs/webhooks.md "Secrets").</summary>
    public required string Secret { get; set; }

    /// <summary>The subscribed event names, comma-separated, in catalogue order.</summary>
    public required string Events { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// A row of webhook_deliveries, the outbox: one event for one webhook, with the exact body sent on every
/// attempt. Written in the transaction that made the event, sent by `tenure serve`.
/// </summary>
internal sealed class WebhookDeliveryRow
{
    public required string TenantId { get; set; }

    /// <summary>The delivery id (X-Tenure-Delivery and the body's "id"): "dlv_" and 32 hex digits.</summary>
    public required string Id { get; set; }
    public long WebhookId { get; set; }
    public required string Event { get; set; }
    public DateTime OccurredAt { get; set; }

    /// <summary>The JSON body, UTF-8 text exactly as signed and sent.</summary>
    public required string Body { get; set; }

    /// <summary>pending, delivered or failed.</summary>
    public required string Status { get; set; }
    public int Attempts { get; set; }

    /// <summary>When a pending delivery is next due (the first attempt: when it was written).</summary>
    public DateTime? NextAttemptAt { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTime? DeliveredAt { get; set; }
}

/// <summary>The alerts, webhooks and webhook_deliveries tables (docs/storage.md).</summary>
internal static class AlertTables
{
    public static void Configure(ModelBuilder modelBuilder, Action<PropertyBuilder, ColumnType> column)
    {
        modelBuilder.Entity<AlertRow>(b =>
        {
            b.ToTable("alerts");
            b.HasKey(a => new { a.TenantId, a.Id }).HasName("pk_alerts");
            column(b.Property(a => a.TenantId).HasColumnName("tenant_id").HasColumnOrder(0), ColumnType.Text);
            b.Property(a => a.Id).HasColumnName("id").HasColumnOrder(1).ValueGeneratedNever();
            column(b.Property(a => a.Rule).HasColumnName("rule").HasColumnOrder(2), ColumnType.Text);
            column(b.Property(a => a.AccountId).HasColumnName("account_id").HasColumnOrder(3), ColumnType.Text);
            column(b.Property(a => a.Csm).HasColumnName("csm").HasColumnOrder(4), ColumnType.Text);
            column(b.Property(a => a.OpenedAt).HasColumnName("opened_at").HasColumnOrder(5), ColumnType.Instant);
            column(b.Property(a => a.Status).HasColumnName("status").HasColumnOrder(6), ColumnType.Text);
            column(b.Property(a => a.Reason).HasColumnName("reason").HasColumnOrder(7), ColumnType.Text);
            column(b.Property(a => a.ResolvedAt).HasColumnName("resolved_at").HasColumnOrder(8), ColumnType.Instant);
            column(b.Property(a => a.Resolution).HasColumnName("resolution").HasColumnOrder(9), ColumnType.Text);
            b.Property(a => a.Quiet).HasColumnName("quiet").HasColumnOrder(10);
            b.HasIndex(a => a.Id).IsUnique().HasDatabaseName("ux_alerts_id");
            // The database, not only the code, keeps one open alert per (tenant, rule, account).
            b.HasIndex(a => new { a.TenantId, a.Rule, a.AccountId }).IsUnique().HasFilter("status = 'open'").HasDatabaseName("ux_alerts_open");
            b.HasIndex(a => new { a.TenantId, a.Rule, a.AccountId, a.Quiet }).HasDatabaseName("ix_alerts_rule_account");
        });

        modelBuilder.Entity<WebhookRow>(b =>
        {
            b.ToTable("webhooks");
            b.HasKey(w => new { w.TenantId, w.Id }).HasName("pk_webhooks");
            column(b.Property(w => w.TenantId).HasColumnName("tenant_id").HasColumnOrder(0), ColumnType.Text);
            b.Property(w => w.Id).HasColumnName("id").HasColumnOrder(1).ValueGeneratedNever();
            column(b.Property(w => w.Url).HasColumnName("url").HasColumnOrder(2), ColumnType.Text);
            column(b.Property(w => w.Secret).HasColumnName("secret").HasColumnOrder(3), ColumnType.Text);
            column(b.Property(w => w.Events).HasColumnName("events").HasColumnOrder(4), ColumnType.Text);
            column(b.Property(w => w.CreatedAt).HasColumnName("created_at").HasColumnOrder(5), ColumnType.Instant);
            b.HasIndex(w => w.Id).IsUnique().HasDatabaseName("ux_webhooks_id");
        });

        modelBuilder.Entity<WebhookDeliveryRow>(b =>
        {
            b.ToTable("webhook_deliveries");
            b.HasKey(d => new { d.TenantId, d.Id }).HasName("pk_webhook_deliveries");
            column(b.Property(d => d.TenantId).HasColumnName("tenant_id").HasColumnOrder(0), ColumnType.Text);
            column(b.Property(d => d.Id).HasColumnName("id").HasColumnOrder(1), ColumnType.Text);
            b.Property(d => d.WebhookId).HasColumnName("webhook_id").HasColumnOrder(2);
            column(b.Property(d => d.Event).HasColumnName("event").HasColumnOrder(3), ColumnType.Text);
            column(b.Property(d => d.OccurredAt).HasColumnName("occurred_at").HasColumnOrder(4), ColumnType.Instant);
            column(b.Property(d => d.Body).HasColumnName("body").HasColumnOrder(5), ColumnType.Text);
            column(b.Property(d => d.Status).HasColumnName("status").HasColumnOrder(6), ColumnType.Text);
            b.Property(d => d.Attempts).HasColumnName("attempts").HasColumnOrder(7);
            column(b.Property(d => d.NextAttemptAt).HasColumnName("next_attempt_at").HasColumnOrder(8), ColumnType.Instant);
            column(b.Property(d => d.LastAttemptAt).HasColumnName("last_attempt_at").HasColumnOrder(9), ColumnType.Instant);
            b.Property(d => d.LastStatusCode).HasColumnName("last_status_code").HasColumnOrder(10);
            column(b.Property(d => d.LastError).HasColumnName("last_error").HasColumnOrder(11), ColumnType.Text);
            column(b.Property(d => d.DeliveredAt).HasColumnName("delivered_at").HasColumnOrder(12), ColumnType.Instant);
            b.HasIndex(d => new { d.Status, d.NextAttemptAt }).HasDatabaseName("ix_webhook_deliveries_due");
            b.HasIndex(d => new { d.TenantId, d.WebhookId }).HasDatabaseName("ix_webhook_deliveries_webhook");
        });
    }
}
