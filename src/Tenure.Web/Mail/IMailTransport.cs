using MimeKit;

namespace Tenure.Web.Mail;

/// <summary>Hands one message on: to an SMTP relay (<see cref="SmtpMailTransport"/>) or into the drop folder (<see cref="DropFolderMailTransport"/>).</summary>
public interface IMailTransport
{
    /// <summary>Where mail goes, for the log and `tenure mail test`: "smtp://relay.example.com:587" or the drop folder's path.</summary>
    string Describe();

    /// <summary>Sends <paramref name="message"/>; throws <see cref="MailTransportException"/> when it was not accepted (the sender retries).</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>A message not accepted: the relay refused it (with its SMTP status) or could not be reached, or the drop folder could not be written.</summary>
public sealed class MailTransportException(string message, Exception? inner = null) : Exception(message, inner);
