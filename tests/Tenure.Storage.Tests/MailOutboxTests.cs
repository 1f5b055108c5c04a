using Tenure.Storage.Mail;
using Tenure.Testing;

namespace Tenure.Storage.Tests;

public sealed class MailOutboxTests(PostgresServer server)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static readonly byte[] Csv = "account_id,mrr\r\nX1,100\r\n"u8.ToArray();

    static OutgoingMail Mail(string? key = null, params string[] to) =>
        new(to.Length == 0 ? ["ann@example.com"] : to, "Alert: X1 turned red", "Xenon (X1) is red.", MailKinds.Alert,
            Attachments: [new MailAttachment("x1.csv", "text/csv", Csv)], Key: key);

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Enqueue_SameKeyTwice_StoresOneMailPerTenant(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);

        var first = await MailOutbox.EnqueueAsync(test.Database, "acme", Mail("alert:1"), Token);
        var repeat = await MailOutbox.EnqueueAsync(test.Database, "acme", Mail("alert:1"), Token);
        var otherTenant = await MailOutbox.EnqueueAsync(test.Database, "globex", Mail("alert:1"), Token);
        var unkeyed = await MailOutbox.EnqueueAsync(test.Database, "acme", Mail(), Token);
        var unkeyedAgain = await MailOutbox.EnqueueAsync(test.Database, "acme", Mail(), Token);

        Assert.NotNull(first);
        Assert.Null(repeat);
        Assert.NotNull(otherTenant);
        Assert.NotNull(unkeyed);
        Assert.NotNull(unkeyedAgain);
        Assert.Equal(3, (await MailOutbox.ListAsync(test.Database, "acme", cancellationToken: Token)).Count);
        Assert.Single(await MailOutbox.ListAsync(test.Database, "globex", cancellationToken: Token));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Enqueue_InCallersTransaction_CommittedIsDueWithAttachments_RolledBackIsNot(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        var now = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

        await using (var context = test.Database.CreateContext())
        {
            await using var transaction = await context.Database.BeginTransactionAsync(Token);
            await MailOutbox.EnqueueAsync(context, "acme", Mail("survey:T1"), now, Token);
            await context.SaveChangesAsync(Token);
            await transaction.RollbackAsync(Token);
        }
        string? id;
        await using (var context = test.Database.CreateContext())
        {
            await using var transaction = await context.Database.BeginTransactionAsync(Token);
            id = await MailOutbox.EnqueueAsync(context, "acme", Mail("survey:T1", "ann@example.com", "ANN@example.com", "bob@example.com"), now, Token);
            var sameContext = await MailOutbox.EnqueueAsync(context, "acme", Mail("survey:T1"), now, Token); // not yet saved, still a repeat
            Assert.Null(sameContext);
            await context.SaveChangesAsync(Token);
            await transaction.CommitAsync(Token);
        }

        var notYet = await MailOutbox.DueAsync(test.Database, now.AddSeconds(-1), cancellationToken: Token);
        var due = Assert.Single(await MailOutbox.DueAsync(test.Database, now, cancellationToken: Token));

        Assert.Empty(notYet);
        Assert.Equal(id, due.Id);
        Assert.Equal(("acme", "alert", "Alert: X1 turned red", "Xenon (X1) is red.", (string?)null, 0, now),
            (due.Tenant, due.Kind, due.Subject, due.TextBody, due.HtmlBody, due.Attempts, due.CreatedAt));
        Assert.Equal(["ann@example.com", "bob@example.com"], due.To); // duplicates merged whatever their case
        var file = Assert.Single(due.Attachments);
        Assert.Equal(("x1.csv", "text/csv"), (file.FileName, file.ContentType));
        Assert.Equal(Csv, file.Content);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task RecordAttempt_FailingForTwoDays_RetriesOnTheScheduleThenGivesUp(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        await MailOutbox.EnqueueAsync(test.Database, "acme", Mail(), Token);
        var created = Assert.Single(await MailOutbox.ListAsync(test.Database, "acme", cancellationToken: Token)).CreatedAt;

        // Attempts at 0, +30 s, +2 min, +10 min, +30 min, +1 h, +2 h, +4 h, then every 6 h: 0:00:00, 0:00:30, 0:02:30,
        // 0:12:30, 0:42:30, 1:42:30, 3:42:30, 7:42:30, 13:42:30, 19:42:30, 25:42:30, 31:42:30, 37:42:30, 43:42:30;
        // the next would be 49:42:30, past 48 h: the 14th attempt gives up.
        var attempts = new List<MailRecord>();
        var at = created;
        while (true)
        {
            var due = Assert.Single(await MailOutbox.DueAsync(test.Database, at, cancellationToken: Token));
            var record = await MailOutbox.RecordAttemptAsync(test.Database, due, at, "SMTP 451 (MailboxBusy): try later", Token);
            Assert.NotNull(record);
            attempts.Add(record);
            if (record.NextAttemptAt is not { } next) break;
            Assert.Empty(await MailOutbox.DueAsync(test.Database, next.AddTicks(-10), cancellationToken: Token));
            at = next;
        }

        Assert.Equal(14, attempts.Count);
        Assert.Equal(created + new TimeSpan(43, 42, 30), attempts[^1].LastAttemptAt);
        Assert.Equal(created + new TimeSpan(0, 2, 30), attempts[1].NextAttemptAt);
        Assert.Equal((MailStatus.Failed, 14, "SMTP 451 (MailboxBusy): try later"), (attempts[^1].Status, attempts[^1].Attempts, attempts[^1].LastError));
        Assert.Empty(await MailOutbox.DueAsync(test.Database, created.AddDays(30), cancellationToken: Token));
    }

    public static TheoryData<string, OutgoingMail> BadMail => new()
    {
        { "to: 'ann@' is not an e-mail address", Mail(null, "ann@") },
        { "to: 'Ann <ann@example.com>' is not an e-mail address", Mail(null, "Ann <ann@example.com>") },
        { "to: at least one e-mail address is required", Mail() with { To = [] } },
        { "kind: 'newsletter' is not a mail kind", Mail() with { Kind = "newsletter" } },
        { "subject: must be one line", Mail() with { Subject = "Hello\r\nBcc: everyone@example.com" } },
        { "subject: required", Mail() with { Subject = " " } },
        { "text body: required", Mail() with { TextBody = "" } },
        { "attachments: '../x1.csv' is not a file name", Mail() with { Attachments = [new MailAttachment("../x1.csv", "text/csv", Csv)] } },
        { "attachments: 10485761 bytes in all; at most 10485760", Mail() with { Attachments = [new MailAttachment("big.bin", "application/octet-stream", new byte[(10 * 1024 * 1024) + 1])] } },
    };

    [Theory]
    [MemberData(nameof(BadMail))]
    public async Task Enqueue_BadMail_ClearErrorNothingSaved(string error, OutgoingMail mail)
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);

        var e = await Assert.ThrowsAsync<MailException>(() => MailOutbox.EnqueueAsync(test.Database, "acme", mail, Token));

        Assert.StartsWith(error, e.Message, StringComparison.Ordinal);
        Assert.Empty(await MailOutbox.ListAsync(test.Database, "acme", cancellationToken: Token));
    }
}
