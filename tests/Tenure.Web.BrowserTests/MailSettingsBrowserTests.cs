using Tenure.Storage.Mail;
using Tenure.Storage.Users;
using Tenure.Web.Mail;

namespace Tenure.Web.BrowserTests;

/// <summary>The "Your e-mail" and "Scheduled reports" panels of /settings (a part of the one browser-test class, so it never runs beside a page check).</summary>
public sealed partial class DashboardBrowserTests
{
    [BrowserFact]
    public async Task Csm_TurnsOffOwnAlertEmails_AdminSchedulesAndRemovesAReport()
    {
        server.RequireChromium();
        await using var csmContext = await server.NewContextAsync();
        await using var adminContext = await server.NewContextAsync();
        try
        {
            // A CSM (who may change no workspace setting) turns off their own alert e-mails and keeps the digest.
            var csm = await server.SignInAsync(csmContext, BrowserServer.CsmEmail);
            await csm.GotoAsync("/settings");
            Assert.True(await csm.IsCheckedAsync("[data-testid=mail-alert-emails]"));
            await csm.UncheckAsync("[data-testid=mail-alert-emails]");
            var saved = await PageChecks.NavigateByAsync(csm, () => csm.ClickAsync("[data-testid=mail-preferences-save]"));
            server.AssertOk(saved, "saving the mail preferences");
            Assert.Contains("alert e-mails off, weekly digest on", await csm.InnerTextAsync("[data-testid=mail-preferences-saved]"), StringComparison.Ordinal);
            var stored = await MailPreferences.GetAsync(server.Database, BrowserServer.Tenant, BrowserServer.CsmEmail, Token);
            Assert.Equal((false, true), (stored!.AlertEmails, stored.DigestEmails));
            Assert.Equal(0, await csm.Locator("[data-testid=report-schedules]").CountAsync());

            // An admin: an hour that is not one is refused naming the field; a good schedule is listed, then removed.
            var admin = await server.SignInAsync(adminContext, BrowserServer.AdminEmail);
            await admin.GotoAsync("/settings");
            await admin.FillAsync("[data-testid=report-view]", "/dashboards/kpi");
            await admin.SelectOptionAsync("[data-testid=report-frequency]", "daily");
            await admin.FillAsync("[data-testid=report-hour]", "24");
            await admin.FillAsync("[data-testid=report-to]", "cfo@example.com");
            var refused = await PageChecks.NavigateByAsync(admin, () => admin.ClickAsync("[data-testid=report-add]"));
            Assert.Equal(400, refused!.Status);
            Assert.Contains("hour: 24 is not an hour of the day", await admin.InnerTextAsync("[data-testid=report-schedule-invalid]"), StringComparison.Ordinal);
            Assert.Empty(await ReportSchedules.ListAsync(server.Database, BrowserServer.Tenant, Token));

            await admin.FillAsync("[data-testid=report-hour]", "9");
            var added = await PageChecks.NavigateByAsync(admin, () => admin.ClickAsync("[data-testid=report-add]"));
            server.AssertOk(added, "adding a report schedule");
            Assert.Contains("/dashboards/kpi, daily at 09:00, to cfo@example.com", await admin.InnerTextAsync("[data-testid=report-schedule-done]"), StringComparison.Ordinal);
            Assert.Equal(1, await admin.Locator("[data-testid=report-schedule-row]").CountAsync());

            var removed = await PageChecks.NavigateByAsync(admin, () => admin.ClickAsync("[data-testid=report-schedule-row] button"));
            server.AssertOk(removed, "removing the report schedule");
            Assert.Equal(0, await admin.Locator("[data-testid=report-schedule-row]").CountAsync());
            Assert.Empty(await ReportSchedules.ListAsync(server.Database, BrowserServer.Tenant, Token));
        }
        finally
        {
            await MailPreferences.SetAsync(server.Database, BrowserServer.Tenant, BrowserServer.CsmEmail, true, true, Token);
            await TenantSettings.SetAsync(server.Database, BrowserServer.Tenant, ReportSchedules.Setting, null, Token);
        }
    }
}
