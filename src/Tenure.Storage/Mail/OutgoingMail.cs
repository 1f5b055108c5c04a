namespace Tenure.Storage.Mail;

/// <summary>
/// An e-mail to send, as a caller hands it to <see cref="MailOutbox"/>: the sender ("From") is the server's
/// (Tenure:Mail:From), so callers give only what the message says and to whom.
/// </summary>
/// <param name="To">One or more plain addresses ("ann@example.com"); checked by <see cref="MailAddresses"/>.</param>
/// <param name="Subject">One line, at most <see cref="MailOutbox.MaxSubjectLength"/> characters.</param>
/// <param name="TextBody">The plain-text body (always sent; the HTML body, when given, is its alternative).</param>
/// <param name="Kind">What it is, one of <see cref="MailKinds"/>: alert, digest, report, survey, test.</param>
/// <param name="HtmlBody">An optional HTML alternative of <paramref name="TextBody"/>.</param>
/// <param name="Attachments">Files attached; together at most <see cref="MailOutbox.MaxAttachmentBytes"/> bytes.</param>
/// <param name="Key">
/// An optional idempotency key, unique per tenant: a second mail with the same key is not enqueued
/// (e.g. "alert:42", "digest:ann@example.com:2026-W49", "survey:T17"). Null: never deduplicated.
/// </param>
public sealed record OutgoingMail(
    IReadOnlyList<string> To,
    string Subject,
    string TextBody,
    string Kind,
    string? HtmlBody = null,
    IReadOnlyList<MailAttachment>? Attachments = null,
    string? Key = null);

/// <summary>A file attached to an e-mail.</summary>
/// <param name="FileName">The name the recipient sees ("saas-cards.csv"): no path separators.</param>
/// <param name="ContentType">The MIME type ("text/csv").</param>
/// <param name="Content">The bytes.</param>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>The kinds of e-mail Tenure sends (mail_outbox.kind).</summary>
public static class MailKinds
{
    /// <summary>An alert opened on an account of the recipient's book (docs/email.md).</summary>
    public const string Alert = "alert";

    /// <summary>The weekly digest of a CSM's book.</summary>
    public const string Digest = "digest";

    /// <summary>A scheduled report: a dashboard view's numbers and CSV attachments.</summary>
    public const string Report = "report";

    /// <summary>A survey request (CSAT after a resolved ticket).</summary>
    public const string Survey = "survey";

    /// <summary>`tenure mail test` and the settings page's test button.</summary>
    public const string Test = "test";

    /// <summary>Every kind.</summary>
    public static IReadOnlyList<string> All { get; } = [Alert, Digest, Report, Survey, Test];
}

/// <summary>A mail refused before anything is saved; the message names the field and the rule broken.</summary>
public sealed class MailException(string message) : Exception(message);
