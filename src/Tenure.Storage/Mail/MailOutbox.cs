using Microsoft.EntityFrameworkCore;

using Tenure.Storage.Model;

namespace Tenure.Storage.Mail;

/// <summary>
/// The durable mail outbox (tables mail_outbox and mail_attachments), through EF Core on both providers. Code
/// that decides to send an e-mail enqueues it in the same transaction as the change that caused it (an alert
/// opening, a ticket resolving), so a crash loses none and a rolled-back change sends none; `tenure serve`'s
/// sender (Tenure.Web.Mail) sends what is pending, over SMTP or into the .eml drop folder, retrying on
/// <see cref="MailRetry"/>'s schedule. A mail with a <see cref="OutgoingMail.Key"/> is enqueued at most once per tenant.
/// </summary>
public static class MailOutbox
{
    /// <summary>The most recipients one mail may have.</summary>
    public const int MaxRecipients = 50;

    /// <summary>The longest subject accepted, in characters.</summary>
    public const int MaxSubjectLength = 300;

    /// <summary>The longest text or HTML body accepted, in characters.</summary>
    public const int MaxBodyLength = 1_000_000;

    /// <summary>The most attachments one mail may have.</summary>
    public const int MaxAttachments = 20;

    /// <summary>The most attachment bytes one mail may carry, all attachments together (10 MiB: under common relays' 25 MB limit once base64-encoded).</summary>
    public const int MaxAttachmentBytes = 10 * 1024 * 1024;

    internal const string Pending = "pending", Sent = "sent", Failed = "failed";

    /// <summary>
    /// Checks <paramref name="mail"/> and returns it with its recipients normalised (trimmed, duplicates merged).
    /// Throws <see cref="MailException"/> naming the field: a bad or missing address, an empty or multi-line
    /// subject, an empty body, an unknown kind, too many or too large attachments, an attachment name with a path.
    /// </summary>
    public static OutgoingMail Check(OutgoingMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var to = MailAddresses.Check(mail.To ?? [], "to");
        if (!MailKinds.All.Contains(mail.Kind, StringComparer.Ordinal))
            throw new MailException($"kind: '{mail.Kind}' is not a mail kind (known: {string.Join(", ", MailKinds.All)}).");
        if (string.IsNullOrWhiteSpace(mail.Subject)) throw new MailException("subject: required.");
        if (mail.Subject.Length > MaxSubjectLength) throw new MailException($"subject: longer than {MaxSubjectLength} characters.");
        if (mail.Subject.Any(char.IsControl)) throw new MailException("subject: must be one line (no line breaks or control characters).");
        if (string.IsNullOrEmpty(mail.TextBody)) throw new MailException("text body: required (every mail has a plain-text body).");
        if (mail.TextBody.Length > MaxBodyLength || mail.HtmlBody?.Length > MaxBodyLength)
            throw new MailException($"body: longer than {MaxBodyLength} characters.");
        if (mail.Key is { } key && (key.Length == 0 || key.Length > 300)) throw new MailException("key: 1 to 300 characters when given.");
        var attachments = mail.Attachments ?? [];
        if (attachments.Count > MaxAttachments) throw new MailException($"attachments: {attachments.Count}; at most {MaxAttachments}.");
        long bytes = 0;
        foreach (var attachment in attachments)
        {
            ArgumentNullException.ThrowIfNull(attachment);
            if (string.IsNullOrWhiteSpace(attachment.FileName) || attachment.FileName.Length > 200
                || attachment.FileName.IndexOfAny(['/', '\\']) >= 0 || attachment.FileName.Any(char.IsControl))
                throw new MailException($"attachments: '{attachment.FileName}' is not a file name (1 to 200 characters, no path, no control characters).");
            if (string.IsNullOrWhiteSpace(attachment.ContentType) || !attachment.ContentType.Contains('/', StringComparison.Ordinal))
                throw new MailException($"attachments: '{attachment.FileName}' has no MIME type (e.g. text/csv).");
            bytes += attachment.Content?.LongLength ?? 0;
        }
        if (bytes > MaxAttachmentBytes) throw new MailException($"attachments: {bytes} bytes in all; at most {MaxAttachmentBytes}.");
        return mail with { To = to, Attachments = attachments };
    }

    /// <summary>
    /// Enqueues <paramref name="mail"/> inside the caller's context and transaction (the caller saves and commits):
    /// use this from storage code that changes something and sends mail about it in one transaction, e.g.
    /// <code>
    /// await MailOutbox.EnqueueAsync(context, tenant, new OutgoingMail(["ann@example.com"], "How did we do?", text, MailKinds.Survey, Key: $"survey:{ticketId}"), now, ct);
    /// await context.SaveChangesAsync(ct);
    /// </code>
    /// The mail is checked first (<see cref="Check"/>: a <see cref="MailException"/> leaves the context unchanged).
    /// Returns the new mail's id, or null when the tenant already has a mail with the same <see cref="OutgoingMail.Key"/>
    /// (stored, or added to this context). A concurrent writer adding the same key makes SaveChanges fail with a
    /// unique-index violation (TenantRows.IsDuplicate): retry the transaction, and this returns null.
    /// </summary>
    internal static async Task<string?> EnqueueAsync(TenureDbContext context, string tenant, OutgoingMail mail, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var checkedMail = Check(mail);
        if (checkedMail.Key is { } key)
        {
            if (context.MailOutbox.Local.Any(m => m.TenantId == tenant && m.DedupeKey == key)) return null;
            if (await context.MailOutbox.AsNoTracking().AnyAsync(m => m.TenantId == tenant && m.DedupeKey == key, cancellationToken)) return null;
        }
        var id = NewId();
        context.MailOutbox.Add(new MailRow
        {
            TenantId = tenant,
            Id = id,
            Kind = checkedMail.Kind,
            DedupeKey = checkedMail.Key,
            Recipients = string.Join(',', checkedMail.To),
            Subject = checkedMail.Subject,
            TextBody = checkedMail.TextBody,
            HtmlBody = checkedMail.HtmlBody,
            Status = Pending,
            Attempts = 0,
            NextAttemptAt = now,
            CreatedAt = now,
        });
        var ordinal = 0;
        foreach (var attachment in checkedMail.Attachments!)
        {
            context.MailAttachments.Add(new MailAttachmentRow
            {
                TenantId = tenant,
                MailId = id,
                Ordinal = ordinal++,
                FileName = attachment.FileName,
                ContentType = attachment.ContentType,
                Content = attachment.Content ?? [],
            });
        }
        return id;
    }

    /// <summary>
    /// Enqueues <paramref name="mail"/> in a transaction of its own (creating the tenant when new): for mail that is not
    /// part of another change (a scheduled report, `tenure mail test`). Returns the mail's id, or null when the tenant
    /// already has a mail with the same <see cref="OutgoingMail.Key"/>.
    /// </summary>
    /// <exception cref="MailException">The mail is invalid (<see cref="Check"/>): nothing is saved.</exception>
    public static async Task<string?> EnqueueAsync(TenureDatabase database, string tenant, OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        Check(mail);
        var now = database.Clock.GetUtcNow().UtcDateTime;
        using var turn = await database.EnterWriteAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            await using var context = database.CreateContext();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            await TenantRows.EnsureAsync(context, database.Provider, tenant, now, cancellationToken);
            var id = await EnqueueAsync(context, tenant, mail, now, cancellationToken);
            try
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (attempt < 3 && TenantRows.IsDuplicate(e))
            {
                continue;
            }
            await transaction.CommitAsync(CancellationToken.None);
            return id;
        }
    }

    /// <summary>"mail_" and 32 lowercase hex digits of a version 7 (time-ordered) UUID.</summary>
    public static string NewId() => "mail_" + Guid.CreateVersion7().ToString("N");

    /// <summary>Pending mails of every tenant due at <paramref name="now"/>, oldest first, at most <paramref name="limit"/>, with their attachments.</summary>
    public static async Task<IReadOnlyList<DueMail>> DueAsync(TenureDatabase database, DateTime now, int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        DateTime? at = now;
        await using var context = database.CreateContext();
        var rows = await context.MailOutbox.AsNoTracking()
            .Where(m => m.Status == Pending && m.NextAttemptAt <= at)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Take(limit).ToListAsync(cancellationToken);
        if (rows.Count == 0) return [];
        var ids = rows.Select(m => m.Id).ToList();
        var files = await context.MailAttachments.AsNoTracking().Where(a => ids.Contains(a.MailId))
            .OrderBy(a => a.MailId).ThenBy(a => a.Ordinal).ToListAsync(cancellationToken);
        var byMail = files.ToLookup(a => (a.TenantId, a.MailId));
        return [.. rows.Select(m => new DueMail(m.TenantId, m.Id, m.Kind, m.Recipients.Split(','), m.Subject, m.TextBody, m.HtmlBody,
            [.. byMail[(m.TenantId, m.Id)].Select(a => new MailAttachment(a.FileName, a.ContentType, a.Content))], m.Attempts, m.CreatedAt))];
    }

    /// <summary>
    /// Records one attempt at <paramref name="at"/>: sent when <paramref name="error"/> is null; otherwise retried on
    /// <see cref="MailRetry"/>'s schedule, or failed once that gives up. Null when the mail is gone or no longer pending.
    /// </summary>
    public static async Task<MailRecord?> RecordAttemptAsync(TenureDatabase database, DueMail mail, DateTime at, string? error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(mail);
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var context = database.CreateContext();
        var row = await context.MailOutbox.FirstOrDefaultAsync(m => m.TenantId == mail.Tenant && m.Id == mail.Id, cancellationToken);
        if (row is null || row.Status != Pending) return null;
        row.Attempts++;
        row.LastAttemptAt = at;
        row.LastError = error is null ? null : error.Length > 2000 ? error[..2000] : error;
        if (error is null)
            (row.Status, row.SentAt, row.NextAttemptAt) = (Sent, at, null);
        else if (MailRetry.NextAttempt(row.CreatedAt, row.Attempts, at) is { } next)
            row.NextAttemptAt = next;
        else
            (row.Status, row.NextAttemptAt) = (Failed, null);
        await context.SaveChangesAsync(cancellationToken);
        return Record(row);
    }

    /// <summary>The tenant's mail log, newest first, at most <paramref name="limit"/>; <paramref name="kind"/> narrows it to one kind.</summary>
    public static async Task<IReadOnlyList<MailRecord>> ListAsync(TenureDatabase database, string tenant, string? kind = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        await using var context = database.CreateContext();
        var query = context.MailOutbox.AsNoTracking().Where(m => m.TenantId == tenant);
        if (kind is not null) query = query.Where(m => m.Kind == kind);
        var rows = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(limit).ToListAsync(cancellationToken);
        return [.. rows.Select(Record)];
    }

    private static MailRecord Record(MailRow m) => new(m.Id, m.TenantId, m.Kind, m.Recipients.Split(','), m.Subject, StatusOf(m.Status), m.Attempts,
        m.CreatedAt, m.NextAttemptAt, m.LastAttemptAt, m.LastError, m.SentAt);

    private static MailStatus StatusOf(string status) => status switch
    {
        Pending => MailStatus.Pending,
        Sent => MailStatus.Sent,
        _ => MailStatus.Failed,
    };
}
