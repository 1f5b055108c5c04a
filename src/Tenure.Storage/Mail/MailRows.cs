using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Tenure.Storage.Schema;

namespace Tenure.Storage.Mail;

/// <summary>
/// A row of mail_outbox: one e-mail, written in the transaction that decided to send it, sent by `tenure serve`
/// (SMTP or the .eml drop folder) and kept afterwards as the mail log.
/// </summary>
internal sealed class MailRow
{
    public required string TenantId { get; set; }

    /// <summary>"mail_" and 32 lowercase hex digits of a version 7 (time-ordered) UUID; also the Message-ID's left part.</summary>
    public required string Id { get; set; }

    /// <summary>alert, digest, report, survey or test (<see cref="MailKinds"/>).</summary>
    public required string Kind { get; set; }

    /// <summary>The caller's idempotency key; unique per tenant when not null.</summary>
    public string? DedupeKey { get; set; }

    /// <summary>The recipients, comma-separated plain addresses.</summary>
    public required string Recipients { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }

    /// <summary>pending, sent or failed.</summary>
    public required string Status { get; set; }
    public int Attempts { get; set; }

    /// <summary>When a pending mail is next due (the first attempt: when it was written).</summary>
    public DateTime? NextAttemptAt { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}

/// <summary>A row of mail_attachments: one file of one outbox mail, in the order given.</summary>
internal sealed class MailAttachmentRow
{
    public required string TenantId { get; set; }
    public required string MailId { get; set; }
    public int Ordinal { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
}

/// <summary>The mail_outbox and mail_attachments tables (docs/storage.md, docs/email.md).</summary>
internal static class MailTables
{
    public static void Configure(ModelBuilder modelBuilder, Action<PropertyBuilder, ColumnType> column)
    {
        modelBuilder.Entity<MailRow>(b =>
        {
            b.ToTable("mail_outbox");
            b.HasKey(m => new { m.TenantId, m.Id }).HasName("pk_mail_outbox");
            column(b.Property(m => m.TenantId).HasColumnName("tenant_id").HasColumnOrder(0), ColumnType.Text);
            column(b.Property(m => m.Id).HasColumnName("id").HasColumnOrder(1), ColumnType.Text);
            column(b.Property(m => m.Kind).HasColumnName("kind").HasColumnOrder(2), ColumnType.Text);
            column(b.Property(m => m.DedupeKey).HasColumnName("dedupe_key").HasColumnOrder(3), ColumnType.Text);
            column(b.Property(m => m.Recipients).HasColumnName("recipients").HasColumnOrder(4), ColumnType.Text);
            column(b.Property(m => m.Subject).HasColumnName("subject").HasColumnOrder(5), ColumnType.Text);
            column(b.Property(m => m.TextBody).HasColumnName("text_body").HasColumnOrder(6), ColumnType.Text);
            column(b.Property(m => m.HtmlBody).HasColumnName("html_body").HasColumnOrder(7), ColumnType.Text);
            column(b.Property(m => m.Status).HasColumnName("status").HasColumnOrder(8), ColumnType.Text);
            b.Property(m => m.Attempts).HasColumnName("attempts").HasColumnOrder(9);
            column(b.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at").HasColumnOrder(10), ColumnType.Instant);
            column(b.Property(m => m.LastAttemptAt).HasColumnName("last_attempt_at").HasColumnOrder(11), ColumnType.Instant);
            column(b.Property(m => m.LastError).HasColumnName("last_error").HasColumnOrder(12), ColumnType.Text);
            column(b.Property(m => m.CreatedAt).HasColumnName("created_at").HasColumnOrder(13), ColumnType.Instant);
            column(b.Property(m => m.SentAt).HasColumnName("sent_at").HasColumnOrder(14), ColumnType.Instant);
            b.HasIndex(m => new { m.Status, m.NextAttemptAt }).HasDatabaseName("ix_mail_outbox_due");
            b.HasIndex(m => new { m.TenantId, m.CreatedAt }).HasDatabaseName("ix_mail_outbox_created");
            // The database, not only the code, keeps one mail per idempotency key (one alert e-mail per alert, one digest per CSM and week).
            b.HasIndex(m => new { m.TenantId, m.DedupeKey }).IsUnique().HasFilter("dedupe_key IS NOT NULL").HasDatabaseName("ux_mail_outbox_key");
        });

        modelBuilder.Entity<MailAttachmentRow>(b =>
        {
            b.ToTable("mail_attachments");
            b.HasKey(a => new { a.TenantId, a.MailId, a.Ordinal }).HasName("pk_mail_attachments");
            column(b.Property(a => a.TenantId).HasColumnName("tenant_id").HasColumnOrder(0), ColumnType.Text);
            column(b.Property(a => a.MailId).HasColumnName("mail_id").HasColumnOrder(1), ColumnType.Text);
            b.Property(a => a.Ordinal).HasColumnName("ordinal").HasColumnOrder(2).ValueGeneratedNever();
            column(b.Property(a => a.FileName).HasColumnName("file_name").HasColumnOrder(3), ColumnType.Text);
            column(b.Property(a => a.ContentType).HasColumnName("content_type").HasColumnOrder(4), ColumnType.Text);
            b.Property(a => a.Content).HasColumnName("content").HasColumnOrder(5);
        });
    }
}
