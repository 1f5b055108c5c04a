using MimeKit;

using Tenure.Storage.Mail;

namespace Tenure.Web.Mail;

/// <summary>Turns an outbox mail into the MIME message every transport sends.</summary>
public static class MailMessages
{
    /// <summary>
    /// From <paramref name="from"/>, to the mail's recipients, dated when it was enqueued, with Message-ID
    /// &lt;mail id@tenure&gt; (the same on every attempt, so a receiver can drop a repeat), the text body (and its HTML
    /// alternative) and the attachments; header "X-Tenure-Kind" says which kind of mail it is.
    /// </summary>
    public static MimeMessage Build(DueMail mail, string from)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        foreach (var to in mail.To) message.To.Add(MailboxAddress.Parse(to));
        message.Subject = mail.Subject;
        message.Date = new DateTimeOffset(DateTime.SpecifyKind(mail.CreatedAt, DateTimeKind.Utc));
        message.MessageId = $"{mail.Id}@tenure";
        message.Headers.Add("X-Tenure-Kind", mail.Kind);
        message.Headers.Add("X-Tenure-Tenant", mail.Tenant);
        var body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody };
        foreach (var attachment in mail.Attachments)
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        message.Body = body.ToMessageBody();
        return message;
    }
}
