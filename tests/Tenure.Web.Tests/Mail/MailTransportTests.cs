using System.Text;

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

using MimeKit;

using Tenure.Storage;
using Tenure.Storage.Mail;
using Tenure.Web.Mail;

namespace Tenure.Web.Tests.Mail;

/// <summary>
/// The mail outbox sent through MailKit to a real SMTP listener started by the test (<see cref="SmtpListener"/>, on
/// 127.0.0.1 and a free port), and into the .eml drop folder; refusals and an unreachable relay are retried.
/// </summary>
public sealed class MailTransportTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly DateTime Now = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private static readonly byte[] Csv = Encoding.UTF8.GetBytes("metric,value\r\nchurn-rate,0.05\r\n");

    private static OutgoingMail Report() => new(["ann@example.com", "bob@example.com"], "Weekly SaaS report – Dec 2026", "Churn rate: 5.0 %\nNRR: 104.0 %",
        MailKinds.Report, HtmlBody: "<p>Churn rate: <b>5.0 %</b></p>", Attachments: [new MailAttachment("saas-cards.csv", "text/csv", Csv)]);

    private static SmtpMailTransport Smtp(int port) => new(new SmtpOptions { Host = "127.0.0.1", Port = port, Tls = "none", TimeoutSeconds = 10 });

    private static MailDispatcher Dispatcher(TenureDatabase database, IMailTransport transport, TimeProvider clock) =>
        new(database, transport, "Tenure <tenure@example.com>", clock, NullLogger<MailDispatcher>.Instance);

    [Fact]
    public async Task Smtp_MessageArrivesWithSubjectBodiesAndAttachment()
    {
        await using var smtp = SmtpListener.Start();
        var clock = new FakeTimeProvider(new DateTimeOffset(Now));
        await using var db = await MailTestDatabase.CreateAsync(clock);
        var id = await MailOutbox.EnqueueAsync(db.Database, "acme", Report(), Token);

        var attempts = await Dispatcher(db.Database, Smtp(smtp.Port), clock).SendDueAsync(Token);
        var again = await Dispatcher(db.Database, Smtp(smtp.Port), clock).SendDueAsync(Token);

        Assert.Equal((1, 0), (attempts, again));                     // sent once, nothing left due
        var received = Assert.Single(smtp.Messages);
        Assert.Equal("<tenure@example.com>", received.MailFrom);
        Assert.Equal(["<ann@example.com>", "<bob@example.com>"], received.Recipients);
        using var message = MimeMessage.Load(new MemoryStream(received.Data), Token);
        Assert.Equal("Weekly SaaS report – Dec 2026", message.Subject); // non-ASCII survives the header encoding
        Assert.Equal($"{id}@tenure", message.MessageId);
        Assert.Equal("report", message.Headers["X-Tenure-Kind"]);
        Assert.Equal("Churn rate: 5.0 %\nNRR: 104.0 %", message.TextBody?.ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.Contains("<b>5.0 %</b>", message.HtmlBody, StringComparison.Ordinal);
        var attachment = Assert.IsAssignableFrom<MimePart>(Assert.Single(message.Attachments)); // text/csv: a TextPart
        Assert.Equal(("saas-cards.csv", "text/csv"), (attachment.FileName, attachment.ContentType.MimeType));
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content, Token);
        Assert.Equal(Csv, content.ToArray());
        var log = Assert.Single(await MailOutbox.ListAsync(db.Database, "acme", cancellationToken: Token));
        Assert.Equal((MailStatus.Sent, 1, Now, (string?)null), (log.Status, log.Attempts, log.SentAt, log.LastError));
    }

    [Fact]
    public async Task Smtp_RefusedWith4xxThen5xx_IsRetriedOnTheScheduleAndSentOnce()
    {
        await using var smtp = SmtpListener.Start(0, "451 4.3.0 mailbox busy, try later", "554 5.7.1 relay refused");
        var clock = new FakeTimeProvider(new DateTimeOffset(Now));
        await using var db = await MailTestDatabase.CreateAsync(clock);
        await MailOutbox.EnqueueAsync(db.Database, "acme", Report(), Token);
        var dispatcher = Dispatcher(db.Database, Smtp(smtp.Port), clock);

        var first = await dispatcher.SendDueAsync(Token);             // 451
        var afterFirst = Assert.Single(await MailOutbox.ListAsync(db.Database, "acme", cancellationToken: Token));
        clock.Advance(TimeSpan.FromSeconds(29));
        var early = await dispatcher.SendDueAsync(Token);             // the first retry waits 30 s
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = await dispatcher.SendDueAsync(Token);            // 554
        var afterSecond = Assert.Single(await MailOutbox.ListAsync(db.Database, "acme", cancellationToken: Token));
        clock.Advance(TimeSpan.FromMinutes(2));                       // the second retry waits 2 min
        var third = await dispatcher.SendDueAsync(Token);             // 250

        Assert.Equal((1, 0, 1, 1), (first, early, second, third));
        Assert.Equal(3, smtp.DataTransfers);
        Assert.Single(smtp.Messages);
        Assert.Equal((MailStatus.Pending, Now.AddSeconds(30)), (afterFirst.Status, afterFirst.NextAttemptAt));
        Assert.StartsWith("SMTP 451", afterFirst.LastError, StringComparison.Ordinal);
        Assert.Contains("mailbox busy", afterFirst.LastError, StringComparison.Ordinal);
        // 09:00:30 + 2 min = 09:02:30
        Assert.Equal((MailStatus.Pending, Now.AddSeconds(30).AddMinutes(2)), (afterSecond.Status, afterSecond.NextAttemptAt));
        Assert.StartsWith("SMTP 554", afterSecond.LastError, StringComparison.Ordinal);
        var done = Assert.Single(await MailOutbox.ListAsync(db.Database, "acme", cancellationToken: Token));
        Assert.Equal((MailStatus.Sent, 3, (string?)null), (done.Status, done.Attempts, done.LastError));
    }

    [Fact]
    public async Task Smtp_RelayDown_IsRetriedWhenItComesBack()
    {
        var port = SmtpListener.UnusedPort();
        var clock = new FakeTimeProvider(new DateTimeOffset(Now));
        await using var db = await MailTestDatabase.CreateAsync(clock);
        await MailOutbox.EnqueueAsync(db.Database, "acme", Report(), Token);
        var dispatcher = Dispatcher(db.Database, Smtp(port), clock);

        var whileDown = await dispatcher.SendDueAsync(Token);
        var log = Assert.Single(await MailOutbox.ListAsync(db.Database, "acme", cancellationToken: Token));
        await using var smtp = SmtpListener.Start(port);
        clock.Advance(TimeSpan.FromSeconds(30));
        var whenUp = await dispatcher.SendDueAsync(Token);

        Assert.Equal((1, 1), (whileDown, whenUp));
        Assert.Equal((MailStatus.Pending, 1), (log.Status, log.Attempts));
        Assert.StartsWith($"SMTP 127.0.0.1:{port}:", log.LastError, StringComparison.Ordinal);
        Assert.Single(smtp.Messages);
        Assert.Equal(MailStatus.Sent, Assert.Single(await MailOutbox.ListAsync(db.Database, "acme", cancellationToken: Token)).Status);
    }

    [Fact]
    public async Task DropFolder_WritesOneRfc5322EmlFilePerMail()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Now));
        await using var db = await MailTestDatabase.CreateAsync(clock);
        var id = await MailOutbox.EnqueueAsync(db.Database, "acme", Report(), Token);
        // No SMTP host: the default transport is the drop folder beside the database file.
        var transport = MailDispatcher.Transport(new MailOptions(), db.Database.Location);

        var attempts = await Dispatcher(db.Database, transport, clock).SendDueAsync(Token);

        Assert.Equal(1, attempts);
        var folder = Path.Combine(db.Directory, "mail-drop");
        Assert.Equal(folder, Assert.IsType<DropFolderMailTransport>(transport).Folder);
        var file = Assert.Single(Directory.GetFiles(folder));
        Assert.Equal($"20261201-090000-{id}.eml", Path.GetFileName(file));
        var bytes = await File.ReadAllBytesAsync(file, Token);
        var text = Encoding.ASCII.GetString(bytes);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal); // every line ends CRLF
        Assert.Contains("From: Tenure <tenure@example.com>\r\n", text, StringComparison.Ordinal);
        Assert.Contains("To: ann@example.com, bob@example.com\r\n", text, StringComparison.Ordinal);
        using var message = MimeMessage.Load(new MemoryStream(bytes), Token);
        Assert.Equal("Weekly SaaS report – Dec 2026", message.Subject);
        Assert.Equal(new DateTimeOffset(Now), message.Date);
        Assert.Equal("saas-cards.csv", Assert.Single(message.Attachments).ContentDisposition?.FileName);
        Assert.Equal(MailStatus.Sent, Assert.Single(await MailOutbox.ListAsync(db.Database, "acme", cancellationToken: Token)).Status);
    }

    [Fact]
    public async Task DropFolder_Unwritable_IsRetried()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Now));
        await using var db = await MailTestDatabase.CreateAsync(clock);
        await MailOutbox.EnqueueAsync(db.Database, "acme", Report(), Token);
        var blocker = Path.Combine(db.Directory, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where the folder should be", Token);

        await Dispatcher(db.Database, new DropFolderMailTransport(blocker), clock).SendDueAsync(Token);

        var log = Assert.Single(await MailOutbox.ListAsync(db.Database, "acme", cancellationToken: Token));
        Assert.Equal((MailStatus.Pending, Now.AddSeconds(30)), (log.Status, log.NextAttemptAt));
        Assert.StartsWith($"drop folder {blocker}:", log.LastError, StringComparison.Ordinal);
    }
}
