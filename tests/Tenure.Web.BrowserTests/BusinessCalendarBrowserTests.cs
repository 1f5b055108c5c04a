using Tenure.Storage.Users;

namespace Tenure.Web.BrowserTests;

/// <summary>The business-hours panel of /settings (a part of the one browser-test class, so it never runs beside a page check).</summary>
public sealed partial class DashboardBrowserTests
{
    private const string CalendarForm = "form.t-calendar-form";

    [BrowserFact]
    public async Task Manager_SetsBusinessHours_InvalidOnesAreRefusedWithEveryReason()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.ManagerEmail);
        try
        {
            await page.GotoAsync("/settings");
            Assert.Contains("Monday to Friday, 09:00-17:00 (UTC), no holidays", await page.InnerTextAsync("[data-testid=business-calendar-current]"), StringComparison.Ordinal);

            // Closing before opening and a date that is not yyyy-MM-dd: 400, both reasons, nothing stored.
            await page.FillAsync("[data-testid=calendar-opens]", "18:00");
            await page.FillAsync("[data-testid=calendar-closes]", "08:00");
            var refused = await PageChecks.NavigateByAsync(page, () => page.ClickAsync("[data-testid=calendar-save]"));
            Assert.Equal(400, refused!.Status);
            var reasons = await page.InnerTextAsync("[data-testid=business-calendar-invalid]");
            Assert.Contains("Closing time 08:00 must be after opening time 18:00", reasons, StringComparison.Ordinal);
            Assert.Contains("overnight hours are not supported", reasons, StringComparison.Ordinal);
            Assert.Null(await TenantSettings.GetAsync(server.Database, BrowserServer.Tenant, TenantSettings.BusinessCalendar, cancellationToken: Token));

            // Monday to Thursday, 08:00-16:30 Berlin time, Christmas off.
            await page.GotoAsync("/settings");
            await page.UncheckAsync("[data-testid=day-friday]");
            await page.FillAsync("[data-testid=calendar-opens]", "08:00");
            await page.FillAsync("[data-testid=calendar-closes]", "16:30");
            await page.FillAsync("[data-testid=calendar-time-zone]", "Europe/Berlin");
            await page.FillAsync("[data-testid=calendar-holidays]", "2026-12-25");
            var saved = await PageChecks.NavigateByAsync(page, () => page.ClickAsync("[data-testid=calendar-save]"));
            server.AssertOk(saved, "saving the business calendar");
            Assert.Contains("Monday, Tuesday, Wednesday, Thursday, 08:00-16:30 (Europe/Berlin), 1 holiday",
                await page.InnerTextAsync("[data-testid=business-calendar-saved]"), StringComparison.Ordinal);
            Assert.Equal(
                """{"workingDays":["monday","tuesday","wednesday","thursday"],"opens":"08:00","closes":"16:30","timeZone":"Europe/Berlin","holidays":["2026-12-25"]}""",
                await TenantSettings.GetAsync(server.Database, BrowserServer.Tenant, TenantSettings.BusinessCalendar, cancellationToken: Token));
            Assert.False(await page.IsCheckedAsync("[data-testid=day-friday]"));

            // The support dashboard's business-hours cards follow the setting, as the API does.
            await page.GotoAsync("/dashboards/support?" + Month);
            var cards = await PageChecks.CardsAsync(page);
            var api = await PageChecks.ApiValuesAsync(server, ["first-response-time-business", "resolution-time-business"], From, To);
            foreach (var id in new[] { "first-response-time-business", "resolution-time-business" })
                Assert.Equal(PageChecks.Display(id, api[(id, "all")]), cards.Single(c => c.MetricId == id).Display);
        }
        finally
        {
            await TenantSettings.SetAsync(server.Database, BrowserServer.Tenant, TenantSettings.BusinessCalendar, null, Token);
        }
    }

    [BrowserFact]
    public async Task Viewer_SeesBusinessHoursReadOnly_AndAForcedPostIsRefused()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.ViewerEmail);
        await page.GotoAsync("/settings");
        Assert.True(await page.IsDisabledAsync("[data-testid=calendar-opens]"));
        Assert.True(await page.IsDisabledAsync("[data-testid=day-monday]"));
        Assert.Equal(0, await page.Locator("[data-testid=calendar-save]").CountAsync());

        await page.Locator(CalendarForm).EvaluateAsync("f => { f.querySelector('fieldset').disabled = false; for (const e of f.elements) e.disabled = false; }");
        await page.FillAsync("[data-testid=calendar-time-zone]", "Asia/Tokyo");
        var response = await PageChecks.NavigateByAsync(page, () => page.Locator(CalendarForm).EvaluateAsync("f => f.requestSubmit()"));
        Assert.Equal(403, response!.Status);
        Assert.Null(await TenantSettings.GetAsync(server.Database, BrowserServer.Tenant, TenantSettings.BusinessCalendar, cancellationToken: Token));
    }
}
