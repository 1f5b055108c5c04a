using System.Net;

using Tenure.Storage;
using Tenure.Storage.Mail;
using Tenure.Storage.Users;
using Tenure.Testing;
using Tenure.Web.Mail;

namespace Tenure.Web.Tests.Mail;

/// <summary>
/// /settings without a browser: each signed-in user's own alert-mail and digest switches (every role), and the
/// scheduled reports panel (admins only), posted as the plain forms post them, with their antiforgery token.
/// </summary>
public sealed class MailSettingsPageTests(PostgresServer postgres)
{
    private const string Password = "mail-settings-password";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OwnMailChoices_AnyRole_TurnsOnlyTheirOwnOffAndOn()
    {
        await using var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres);
        var viewer = await SignedInAsync(server, "vic@example.com", DashboardRole.Viewer);
        await DashboardUsers.CreateAsync(server.Database, Tenants.Default, "ann@example.com", DashboardRole.Csm, "ann", Password, Token);
        var page = await (await viewer.Get("/settings")).Content.ReadAsStringAsync(Token);

        // Both boxes unchecked: the form posts neither field, which means both off.
        var off = await PostAsync(viewer, page, "mail-preferences", []);
        var afterOff = await MailPreferences.GetAsync(server.Database, Tenants.Default, "vic@example.com", Token);
        var alertsOnly = await PostAsync(viewer, page, "mail-preferences", new() { ["Input.AlertEmails"] = "True" });
        var afterAlertsOnly = await MailPreferences.GetAsync(server.Database, Tenants.Default, "vic@example.com", Token);

        Assert.Contains("data-testid=\"mail-preferences\"", page);
        Assert.Equal(HttpStatusCode.OK, off.StatusCode); // a viewer may change their own choices, unlike the workspace's
        Assert.Contains("Saved: alert e-mails off, weekly digest off.", await off.Content.ReadAsStringAsync(Token));
        Assert.Equal((false, false), (afterOff!.AlertEmails, afterOff.DigestEmails));
        Assert.Equal(HttpStatusCode.OK, alertsOnly.StatusCode);
        Assert.Equal((true, false), (afterAlertsOnly!.AlertEmails, afterAlertsOnly.DigestEmails));
        // Nobody else's row moved: ann still has both on (the default).
        var ann = await MailPreferences.GetAsync(server.Database, Tenants.Default, "ann@example.com", Token);
        Assert.Equal((true, true), (ann!.AlertEmails, ann.DigestEmails));
    }

    [Theory]
    [InlineData(DashboardRole.Viewer)]
    [InlineData(DashboardRole.Csm)]
    [InlineData(DashboardRole.Manager)]
    public async Task ReportSchedules_NotAnAdmin_AddIs403AndNothingSaved(DashboardRole role)
    {
        await using var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres);
        var browser = await SignedInAsync(server, "someone@example.com", role);
        var page = await (await browser.Get("/settings")).Content.ReadAsStringAsync(Token);

        var add = await PostAsync(browser, page, "report-add", ScheduleForm("/dashboards/kpi", "weekly", "8", "cfo@example.com"));

        Assert.DoesNotContain("data-testid=\"report-schedules\"", page); // not shown to them either
        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        Assert.Empty(await ReportSchedules.ListAsync(server.Database, Tenants.Default, Token));
    }

    [Fact]
    public async Task ReportSchedules_Admin_BadFieldsAreNamed_ThenAddsListsAndRemoves()
    {
        await using var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres);
        var admin = await SignedInAsync(server, "admin@example.com", DashboardRole.Admin);
        var page = await (await admin.Get("/settings")).Content.ReadAsStringAsync(Token);

        var cadence = await PostAsync(admin, page, "report-add", ScheduleForm("/dashboards/kpi", "hourly", "8", "cfo@example.com"));
        var hour = await PostAsync(admin, page, "report-add", ScheduleForm("/dashboards/kpi", "daily", "25", "cfo@example.com"));
        var notANumber = await PostAsync(admin, page, "report-add", ScheduleForm("/dashboards/kpi", "daily", "eight", "cfo@example.com"));
        var view = await PostAsync(admin, page, "report-add", ScheduleForm("/admin", "daily", "8", "cfo@example.com"));
        var nothingSaved = await ReportSchedules.ListAsync(server.Database, Tenants.Default, Token);
        var added = await PostAsync(admin, page, "report-add", ScheduleForm("/dashboards/kpi", "monthly", "7", "cfo@example.com, ceo@example.com"));
        var listed = await (await admin.Get("/settings")).Content.ReadAsStringAsync(Token);
        var stored = Assert.Single(await ReportSchedules.ListAsync(server.Database, Tenants.Default, Token));
        var removed = await PostAsync(admin, listed, "report-remove", new() { ["Remove.Id"] = stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.BadRequest, cadence.StatusCode);
        Assert.Contains("frequency: 'hourly' is not a schedule (daily, weekly or monthly). Nothing was saved.", await TextAsync(cadence));
        Assert.Equal(HttpStatusCode.BadRequest, hour.StatusCode);
        Assert.Contains("hour: 25 is not an hour of the day", await TextAsync(hour));
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
        Assert.Contains("hour: 'eight' is not a whole number", await TextAsync(notANumber));
        Assert.Equal(HttpStatusCode.BadRequest, view.StatusCode);
        Assert.Contains("view: '/admin' is not a dashboard", await TextAsync(view));
        Assert.Empty(nothingSaved);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains("Scheduled report 1: /dashboards/kpi, monthly at 07:00, to cfo@example.com, ceo@example.com.", await TextAsync(added));
        Assert.Equal(("/dashboards/kpi", "monthly", 7), (stored.View, stored.Frequency, stored.Hour));
        Assert.Equal(["cfo@example.com", "ceo@example.com"], stored.To);
        Assert.Contains("data-testid=\"report-schedule-row\"", listed);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Contains("Removed scheduled report 1.", await TextAsync(removed));
        Assert.Empty(await ReportSchedules.ListAsync(server.Database, Tenants.Default, Token));
    }

    private static Dictionary<string, string> ScheduleForm(string view, string frequency, string hour, string to) => new()
    {
        ["Add.View"] = view,
        ["Add.Frequency"] = frequency,
        ["Add.Hour"] = hour,
        ["Add.To"] = to,
    };

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string form, Dictionary<string, string> fields)
    {
        fields["_handler"] = form;
        fields["__RequestVerificationToken"] = FormToken(page);
        return client.PostAsync("/settings", new FormUrlEncodedContent(fields), Token);
    }

    private static async Task<string> TextAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Token));

    /// <summary>A cookie-keeping client signed in as a new user of the default workspace with this role.</summary>
    private static async Task<HttpClient> SignedInAsync(TenureTestServer server, string email, DashboardRole role)
    {
        await DashboardUsers.CreateAsync(server.Database, Tenants.Default, email, role, role == DashboardRole.Csm ? "ann" : null, Password, Token);
        var client = server.BrowserLikeClient();
        var signedIn = await SignIn.PostAsync(client, await SignIn.TokenAsync(client, "/signin"), email, Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    private static string FormToken(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"") is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("no antiforgery token on /settings");
}
