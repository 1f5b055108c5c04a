using Microsoft.Extensions.Options;

using MimeKit;

using Tenure.Storage;
using Tenure.Storage.Mail;

namespace Tenure.Web.Mail;

/// <summary>
/// Sends the outbox's due mail through the configured transport and records each attempt: accepted is sent; a
/// refusal (SMTP 4xx/5xx), an unreachable relay or an unwritable drop folder is retried on <see cref="MailRetry"/>'s
/// schedule. One mail at a time, oldest first.
/// </summary>
public sealed partial class MailDispatcher(TenureDatabase database, IMailTransport transport, string from, TimeProvider clock, ILogger<MailDispatcher> logger)
{
    /// <summary>Where mail goes (the transport's description).</summary>
    public string Destination => transport.Describe();

    /// <summary>Creates the dispatcher from the server's options: SMTP when Tenure:Mail:Smtp:Host is set, otherwise the drop folder.</summary>
    public static MailDispatcher Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<MailOptions>>().Value;
        var database = services.GetRequiredService<TenureDatabase>();
        return new MailDispatcher(database, Transport(options, database.Location), options.From,
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<MailDispatcher>>());
    }

    /// <summary>The transport <paramref name="options"/> choose.</summary>
    public static IMailTransport Transport(MailOptions options, DatabaseLocation location)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(location);
        return string.IsNullOrWhiteSpace(options.Smtp.Host)
            ? new DropFolderMailTransport(DropFolder(options, location))
            : new SmtpMailTransport(options.Smtp);
    }

    /// <summary>Tenure:Mail:DropFolder, or "mail-drop" beside the SQLite file (in the working directory with PostgreSQL).</summary>
    public static string DropFolder(MailOptions options, DatabaseLocation location)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(location);
        if (!string.IsNullOrWhiteSpace(options.DropFolder)) return Path.GetFullPath(options.DropFolder);
        var beside = location.SqliteFilePath is { } file ? Path.GetDirectoryName(Path.GetFullPath(file)) : null;
        return Path.Combine(beside ?? Directory.GetCurrentDirectory(), "mail-drop");
    }

    /// <summary>Sends every mail due now (in batches of 50, until none is due); returns how many attempts were made.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var attempts = 0;
        while (true)
        {
            var due = await MailOutbox.DueAsync(database, clock.GetUtcNow().UtcDateTime, 50, cancellationToken);
            if (due.Count == 0) return attempts;
            foreach (var mail in due)
            {
                await SendAsync(mail, cancellationToken);
                attempts++;
            }
            if (due.Count < 50) return attempts;
        }
    }

    private async Task SendAsync(DueMail mail, CancellationToken cancellationToken)
    {
        string? error = null;
        try
        {
            MimeMessage message;
            try
            {
                message = MailMessages.Build(mail, from);
            }
            catch (ParseException e)
            {
                throw new MailTransportException($"Tenure:Mail:From '{from}' or a recipient is not an address: {e.Message}", e);
            }
            await transport.SendAsync(message, cancellationToken);
        }
        catch (MailTransportException e)
        {
            error = e.Message;
        }
        var recorded = await MailOutbox.RecordAttemptAsync(database, mail, clock.GetUtcNow().UtcDateTime, error, CancellationToken.None);
        if (recorded is null) return;
        if (recorded.Status == MailStatus.Sent)
            LogSent(mail.Id, mail.Kind, mail.Tenant, mail.To.Count, transport.Describe(), recorded.Attempts);
        else if (recorded.Status == MailStatus.Failed)
            LogGaveUp(mail.Id, mail.Kind, mail.Tenant, recorded.Attempts, error);
        else
            LogRetrying(mail.Id, mail.Kind, mail.Tenant, recorded.Attempts, error, recorded.NextAttemptAt);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent mail {Mail} ({Kind}) of tenant {Tenant} to {Recipients} recipient(s) via {Destination} at attempt {Attempts}")]
    private partial void LogSent(string mail, string kind, string tenant, int recipients, string destination, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {Mail} ({Kind}) of tenant {Tenant} failed attempt {Attempts}: {Error}; retrying at {Next}")]
    private partial void LogRetrying(string mail, string kind, string tenant, int attempts, string? error, DateTime? next);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail {Mail} ({Kind}) of tenant {Tenant} failed after {Attempts} attempts over 48 h: {Error}; given up")]
    private partial void LogGaveUp(string mail, string kind, string tenant, int attempts, string? error);
}
