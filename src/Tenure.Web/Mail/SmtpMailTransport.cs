using System.Globalization;
using System.Net.Sockets;

using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

using MimeKit;

namespace Tenure.Web.Mail;

/// <summary>Sends over SMTP with MailKit: one connection per message, STARTTLS or TLS as configured, authentication when a user is set.</summary>
public sealed class SmtpMailTransport(SmtpOptions options) : IMailTransport
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"smtp://{options.Host}:{options.Port} (tls {options.Tls})");

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(options.Host ?? "localhost", options.Port, Security(options.Tls), cancellationToken);
            if (!string.IsNullOrEmpty(options.User))
                await client.AuthenticateAsync(options.User, options.Password ?? "", cancellationToken);
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (SmtpCommandException e)
        {
            throw new MailTransportException(string.Create(CultureInfo.InvariantCulture, $"SMTP {(int)e.StatusCode} ({e.ErrorCode}): {e.Message}"), e);
        }
        catch (Exception e) when (e is SmtpProtocolException or SocketException or IOException or AuthenticationException or SslHandshakeException or ServiceNotConnectedException or TimeoutException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new MailTransportException($"SMTP {options.Host}:{options.Port}: {e.Message}", e);
        }
    }

    /// <summary>Tenure:Mail:Smtp:Tls as MailKit's option.</summary>
    public static SecureSocketOptions Security(string tls) => tls switch
    {
        "starttls" => SecureSocketOptions.StartTls,
        "tls" => SecureSocketOptions.SslOnConnect,
        "none" => SecureSocketOptions.None,
        _ => SecureSocketOptions.Auto,
    };
}
