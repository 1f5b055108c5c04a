namespace Tenure.Storage.Mail;

/// <summary>An outbox mail's state: pending (due now or at its next attempt), sent, or failed (gave up after <see cref="MailRetry.GiveUpAfter"/>).</summary>
public enum MailStatus { Pending, Sent, Failed }

/// <summary>One outbox mail as the mail log shows it (no bodies, no attachments).</summary>
public sealed record MailRecord(string Id, string Tenant, string Kind, IReadOnlyList<string> To, string Subject, MailStatus Status, int Attempts,
    DateTime CreatedAt, DateTime? NextAttemptAt, DateTime? LastAttemptAt, string? LastError, DateTime? SentAt);

/// <summary>A mail due to be sent, whole: what the sender turns into a MIME message.</summary>
public sealed record DueMail(string Tenant, string Id, string Kind, IReadOnlyList<string> To, string Subject, string TextBody, string? HtmlBody,
    IReadOnlyList<MailAttachment> Attachments, int Attempts, DateTime CreatedAt);
