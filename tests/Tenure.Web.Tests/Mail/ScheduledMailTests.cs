using System.Globalization;
using System.Text;

using Microsoft.Extensions.DependencyInjection;

using Tenure.Metrics.Inputs;
using Tenure.Storage;
using Tenure.Storage.Alerts;
using Tenure.Storage.Mail;
using Tenure.Storage.Users;
using Tenure.Testing;
using Tenure.Web.Dashboards;
using Tenure.Web.Mail;

namespace Tenure.Web.Tests.Mail;

/// <summary>Scheduled reports (a dashboard view with its numbers and CSV attachments) and the weekly CSM digest, through the running server's services.</summary>
public sealed class ScheduledMailTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly IReadOnlyDictionary<string, string?> Quiet = new Dictionary<string, string?>
    {
        ["Tenure:Alerts:Evaluate"] = "false",
        ["Tenure:Mail:Send"] = "false",
        ["Tenure:Mail:Schedule"] = "false",
    };

    private static DateTime Utc(int y, int m, int d, int h = 0) => new(y, m, d, h, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// A1 (CSM ann) pays 100 a month since 2024-01-01; A2 (CSM bob) 50 a month from 2024-05-10. An NPS 2 on A1 on 2024-06-14.
    /// Tasks: T1 ann's due 2024-06-19, T2 ann's completed, T3 bob's, T4 unowned on A1 due 2024-06-30 (after the digest's week).
    /// </summary>
    private static TenureDataSet Data() => new()
    {
        Accounts =
        [
            new Account("A1", "Acme", Utc(2024, 1, 1), Csm: "ann"),
            new Account("A2", "Beta", Utc(2024, 5, 10), Csm: "bob"),
        ],
        Subscriptions =
        [
            new SubscriptionPeriod("s1", "A1", "pro", Utc(2024, 1, 1), null, 100m, BillingInterval.Month),
            new SubscriptionPeriod("s2", "A2", "pro", Utc(2024, 5, 10), null, 50m, BillingInterval.Month),
        ],
        Surveys = [new SurveyResponse("r1", "nps", "A1", "u1", 2, Scale.ZeroToTen, null, Utc(2024, 6, 14))],
        Tasks =
        [
            new CsTask("T1", "ann", "A1", "call", Utc(2024, 6, 1), DueAt: Utc(2024, 6, 19)),
            new CsTask("T2", "ann", "A1", "call", Utc(2024, 6, 1), DueAt: Utc(2024, 6, 18), CompletedAt: Utc(2024, 6, 10)),
            new CsTask("T3", "bob", "A2", "qbr", Utc(2024, 6, 1), DueAt: Utc(2024, 6, 18)),
            new CsTask("T4", null, "A1", "qbr", Utc(2024, 6, 1), DueAt: Utc(2024, 6, 30)),
        ],
        Present = InputKind.Accounts | InputKind.Subscriptions | InputKind.Surveys | InputKind.Tasks,
    };

    [Fact]
    public async Task Report_KpiView_CardsInBodyAndCsvMatchTheDashboard_OncePerPeriod()
    {
        await using var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres, Quiet);
        var db = server.Database;
        await DataSetImporter.ImportAsync(db, Tenants.Default, Data(), cancellationToken: Token);
        var view = "/dashboards/kpi?period=month&date=2024-05-01";
        var schedule = await ReportSchedules.AddAsync(db, Tenants.Default, view, "weekly", 7, "cfo@example.com, ceo@example.com", Utc(2024, 6, 1), Token);
        var scheduler = server.Services.GetRequiredService<MailScheduler>();

        // Weekly on Mondays at 07:00 in the workspace's time zone (UTC by default): Monday 2024-06-03 07:00 is the first slot after 2024-06-01.
        var early = await scheduler.RunAsync(Utc(2024, 6, 3, 6), Token);   // the slot of Monday 06-03 at 07:00 has not come
        var first = await scheduler.RunAsync(Utc(2024, 6, 3, 7), Token);
        var again = await scheduler.RunAsync(Utc(2024, 6, 5, 12), Token);  // same week: nothing new
        var nextWeek = await scheduler.RunAsync(Utc(2024, 6, 10, 7), Token);

        Assert.Equal((1, "/dashboards/kpi?period=month&date=2024-05-01", "weekly", 7), (schedule.Id, schedule.View, schedule.Frequency, schedule.Hour));
        var reports = await MailOutbox.ListAsync(db, Tenants.Default, MailKinds.Report, cancellationToken: Token);
        Assert.Equal((0, 1, 0, 1), (early, first, again, nextWeek)); // no CSM users: no digests, only the report
        Assert.Equal(2, reports.Count);
        var mail = (await MailOutbox.DueAsync(db, Utc(2030, 1, 1), 100, Token)).First(m => m.Kind == MailKinds.Report);
        Assert.Equal(["cfo@example.com", "ceo@example.com"], mail.To);
        Assert.Equal("[Tenure] KPI report – May 2024", mail.Subject);

        // Hand calculation for May 2024: customers at the end = A1 and A2 = 2; new customers = A2 = 1; new MRR = A2's 50
        // (0 → 50, never paid before); net new MRR = 50 + 0 reactivation + 0 expansion - 0 contraction - 0 churn = 50.
        var cards = Csv(mail.Attachments.Single(a => a.FileName == "kpi-cards.csv"));
        Assert.Equal("metric,name,period,value,display,previous_period,previous_value,previous_display,change", cards[0]);
        var value = cards.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[3]);
        Assert.Equal(("2", "1", "50", "50"), (value["customers"], value["new-customers"], decimal.Parse(value["new-mrr"], CultureInfo.InvariantCulture).ToString("0.##", CultureInfo.InvariantCulture),
            decimal.Parse(value["net-new-mrr"], CultureInfo.InvariantCulture).ToString("0.##", CultureInfo.InvariantCulture)));

        // Every card of the page is in the CSV and in the body with the dashboard's own figures (the same builder, read directly).
        using var scope = server.Services.CreateScope();
        var page = (await ActivatorUtilities.CreateInstance<DashboardPages>(scope.ServiceProvider, new ReportUser(Tenants.Default)).KpiAsync(k => k switch { "period" => "month", "date" => "2024-05-01", _ => null }, Token)).Model;
        Assert.Equal(page.Cards.Count, cards.Length - 1);
        foreach (var card in page.Cards)
        {
            Assert.Equal(DashboardReport.Number(card.Value), value[card.MetricId]);
            Assert.Contains(DashboardReport.CardLine(card, page.Query.PreviousLabel) + "\n", mail.TextBody, StringComparison.Ordinal);
        }
        Assert.Contains(mail.Attachments, a => a.FileName == "kpi-mrr-trend.csv");
    }

    private static string[] Csv(MailAttachment file) => Encoding.UTF8.GetString(file.Content).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Digest_PerCsmOncePerWeek_ListsOpenAlertsAndTasksDue_HonoursOptOut()
    {
        await using var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres, Quiet);
        var db = server.Database;
        await DataSetImporter.ImportAsync(db, Tenants.Default, Data(), cancellationToken: Token);
        await DashboardUsers.CreateAsync(db, Tenants.Default, "ann@example.com", DashboardRole.Csm, "ann", "a-long-password-1", Token);
        await DashboardUsers.CreateAsync(db, Tenants.Default, "bob@example.com", DashboardRole.Csm, "bob", "a-long-password-2", Token);
        await MailPreferences.SetAsync(db, Tenants.Default, "bob@example.com", alertEmails: null, digestEmails: false, Token);
        await TenantAlerts.EvaluateAsync(db, Tenants.Default, Utc(2024, 6, 15), cancellationToken: Token); // the detractor alert on A1 (mailed to ann)
        await TenantSettings.SetAsync(db, Tenants.Default, MailScheduler.DigestSetting, "wednesday 09:00", Token);
        var scheduler = server.Services.GetRequiredService<MailScheduler>();

        // Wednesday 2024-06-12 09:00 is the latest slot at Saturday 06-15; the next is Wednesday 06-19 09:00.
        var first = await scheduler.RunAsync(Utc(2024, 6, 15, 10), Token);
        var sameWeek = await scheduler.RunAsync(Utc(2024, 6, 19, 8), Token);
        var nextWeek = await scheduler.RunAsync(Utc(2024, 6, 19, 9), Token);

        Assert.Equal((1, 0, 1), (first, sameWeek, nextWeek));   // ann only: bob turned the digest off
        var digests = await MailOutbox.ListAsync(db, Tenants.Default, MailKinds.Digest, cancellationToken: Token);
        Assert.All(digests, d => Assert.Equal("ann@example.com", Assert.Single(d.To)));
        var mail = Assert.Single(await MailOutbox.DueAsync(db, Utc(2030, 1, 1), 100, Token),
            m => m.Kind == MailKinds.Digest && m.TextBody.StartsWith("Weekly digest for ann, week of 2024-06-12\n", StringComparison.Ordinal));
        // ann's open alerts: the detractor (NPS 2 on 06-14) and a health-drop the same evaluation found on A1; bob's book has none.
        Assert.Contains("Open alerts (2)\n- detractor on A1 since 2024-06-15: NPS 2 from u1 on 2024-06-14\n- health-drop on A1 since 2024-06-15: ", mail.TextBody, StringComparison.Ordinal);
        // Due before 06-12 09:00 + 7 days = 06-19 09:00 and not completed: T1 (ann, 06-19 00:00); not T2 (completed), T3 (bob's), T4 (06-30).
        Assert.Contains("Tasks due (1)\n- T1 (call) on A1, due 2024-06-19\n", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Red accounts (", mail.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("[Tenure] Weekly digest for ann: ", mail.Subject, StringComparison.Ordinal);
        Assert.EndsWith(" red, 2 open alerts, 1 tasks due", mail.Subject, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dashboards/nope", "weekly", 8, "a@example.com", "view: '/dashboards/nope' is not a dashboard")]
    [InlineData("/dashboards/saas?period=fortnight", "weekly", 8, "a@example.com", "view: period 'fortnight' is not one of month, quarter, year, custom")]
    [InlineData("/dashboards/saas?colour=red", "weekly", 8, "a@example.com", "view: query parameter 'colour' is not one the dashboards read")]
    [InlineData("/dashboards/saas", "hourly", 8, "a@example.com", "frequency: 'hourly' is not a schedule (daily, weekly or monthly)")]
    [InlineData("/dashboards/saas", "daily", 25, "a@example.com", "hour: 25 is not an hour of the day")]
    [InlineData("/dashboards/saas", "daily", 8, "not-an-address, b@example.com", "to: 'not-an-address' is not an e-mail address")]
    [InlineData("/dashboards/saas", "daily", 8, "", "to: at least one e-mail address is required")]
    public async Task Schedule_BadInput_ClearErrorNothingSaved(string view, string frequency, int hour, string to, string error)
    {
        await using var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres, Quiet);

        var e = await Assert.ThrowsAsync<MailException>(() => ReportSchedules.AddAsync(server.Database, Tenants.Default, view, frequency, hour, to, Utc(2024, 6, 1), Token));

        Assert.StartsWith(error, e.Message, StringComparison.Ordinal);
        Assert.Empty(await ReportSchedules.ListAsync(server.Database, Tenants.Default, Token));
    }
}
