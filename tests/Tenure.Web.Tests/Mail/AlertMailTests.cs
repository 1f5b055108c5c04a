using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

using MimeKit;

using Tenure.Metrics.Inputs;
using Tenure.Storage;
using Tenure.Storage.Alerts;
using Tenure.Storage.Mail;
using Tenure.Storage.Users;
using Tenure.Web.Mail;

namespace Tenure.Web.Tests.Mail;

/// <summary>Alert e-mails: to the account's CSM user, once per alert, not to users who opted out, none when no user matches.</summary>
public sealed class AlertMailTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly DateTime Now = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>X1 (CSM ann) and X2 (CSM zed, who has no user) each with an NPS 2 one day before now: two detractor alerts.</summary>
    private static TenureDataSet Data() => new()
    {
        Accounts =
        [
            new Account("X1", "Xenon", new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), Csm: "ann"),
            new Account("X2", "Xylo", new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), Csm: "zed"),
        ],
        Surveys =
        [
            new SurveyResponse("r1", "nps", "X1", "u7", 2, Scale.ZeroToTen, null, Now.Date.AddDays(-1)),
            new SurveyResponse("r2", "nps", "X2", "u8", 3, Scale.ZeroToTen, null, Now.Date.AddDays(-1)),
        ],
        Present = InputKind.Accounts | InputKind.Surveys,
    };

    [Fact]
    public async Task AlertOpened_MailsTheCsmOnce_NoneForAnUnmatchedCsm()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Now));
        await using var db = await MailTestDatabase.CreateAsync(clock);
        await DashboardUsers.CreateAsync(db.Database, "acme", "Ann@Example.com", DashboardRole.Csm, "ann", "a-long-password-1", Token);
        await DashboardUsers.CreateAsync(db.Database, "acme", "boss@example.com", DashboardRole.Manager, null, "a-long-password-2", Token);
        await DataSetImporter.ImportAsync(db.Database, "acme", Data(), cancellationToken: Token);

        var (_, first) = await TenantAlerts.EvaluateAsync(db.Database, "acme", Now, cancellationToken: Token);
        await DataSetImporter.ImportAsync(db.Database, "acme", Data(), cancellationToken: Token);
        var (_, again) = await TenantAlerts.EvaluateAsync(db.Database, "acme", Now.AddHours(1), cancellationToken: Token);

        Assert.Equal(2, first.Opened.Count);
        Assert.Empty(again.Opened);
        var skip = Assert.Single(first.MailSkipped);
        Assert.Equal(("X2", "zed", "no active user of role csm has csm 'zed'"), (skip.AccountId, skip.Csm, skip.Why));
        var mail = Assert.Single(await MailOutbox.ListAsync(db.Database, "acme", cancellationToken: Token));
        Assert.Equal((MailKinds.Alert, "ann@example.com"), (mail.Kind, Assert.Single(mail.To)));
        Assert.Equal("[Tenure] detractor: X1 – NPS 2 from u7 on 2026-11-30", mail.Subject);

        var sent = await new MailDispatcher(db.Database, new DropFolderMailTransport(Path.Combine(db.Directory, "drop")), "tenure@example.com", clock,
            NullLogger<MailDispatcher>.Instance).SendDueAsync(Token);
        Assert.Equal(1, sent);
        using var message = MimeMessage.Load(Assert.Single(Directory.GetFiles(Path.Combine(db.Directory, "drop"))), Token);
        Assert.Contains("Why: NPS 2 from u7 on 2026-11-30", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Account: X1 (/accounts/X1)", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertOpened_CsmOptedOut_NoMail_OptedBackIn_NextAlertMailed()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Now));
        await using var db = await MailTestDatabase.CreateAsync(clock);
        await DashboardUsers.CreateAsync(db.Database, "acme", "ann@example.com", DashboardRole.Csm, "ann", "a-long-password-1", Token);
        var off = await MailPreferences.SetAsync(db.Database, "acme", "ANN@example.com", alertEmails: false, digestEmails: null, Token);
        await DataSetImporter.ImportAsync(db.Database, "acme", Data() with { Accounts = [Data().Accounts[0]], Surveys = [Data().Surveys[0]] }, cancellationToken: Token);

        var (_, optedOut) = await TenantAlerts.EvaluateAsync(db.Database, "acme", Now, cancellationToken: Token);
        var whileOff = await MailOutbox.ListAsync(db.Database, "acme", cancellationToken: Token);
        await MailPreferences.SetAsync(db.Database, "acme", "ann@example.com", alertEmails: true, digestEmails: null, Token);
        // A second detractor on X1 is the same open alert: still no mail; a new one on the next day after the first cleared is mailed.
        var (_, cleared) = await TenantAlerts.EvaluateAsync(db.Database, "acme", Now.AddDays(9), cancellationToken: Token);
        await DataSetImporter.ImportAsync(db.Database, "acme", Data() with
        {
            Accounts = [Data().Accounts[0]],
            Surveys = [Data().Surveys[0], new SurveyResponse("r3", "nps", "X1", "u9", 1, Scale.ZeroToTen, null, Now.Date.AddDays(9))],
        }, cancellationToken: Token);
        var (_, reopened) = await TenantAlerts.EvaluateAsync(db.Database, "acme", Now.AddDays(9).AddHours(1), cancellationToken: Token);

        Assert.Equal(new MailPreference("ann@example.com", false, true), off);
        Assert.Single(optedOut.Opened);
        Assert.Equal("alert e-mails turned off (or no sendable address)", Assert.Single(optedOut.MailSkipped).Why);
        Assert.Empty(whileOff);
        Assert.Single(cleared.Resolved);                           // 9 days later the 7-day look-back no longer sees r1
        Assert.Single(reopened.Opened);
        var mail = Assert.Single(await MailOutbox.ListAsync(db.Database, "acme", cancellationToken: Token));
        Assert.Equal("[Tenure] detractor: X1 – NPS 1 from u9 on 2026-12-10", mail.Subject);
    }
}
