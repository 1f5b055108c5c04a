using Microsoft.Playwright;

using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Periods;
using Tenure.Storage.Users;

using static Tenure.Web.BrowserTests.PageChecks;

namespace Tenure.Web.BrowserTests;

/// <summary>
/// The dashboards in a real browser (headless Debian chromium) against the real server over the demo data:
/// sign-in, every page, numbers against the API, a segment filter, a drill-down, roles, output encoding.
/// </summary>
[Collection(BrowserServer.Collection)]
public sealed partial class DashboardBrowserTests(BrowserServer server)
{
    private const string From = "2026-10-01", To = "2026-11-01";

    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private const string Month = "period=month&date=" + From;

    private static readonly (string Name, string Path)[] Dashboards =
    [
        ("kpi", "/dashboards/kpi"),
        ("saas", "/dashboards/saas"),
        ("executive", "/dashboards/executive"),
        ("cs-manager", "/dashboards/cs-manager"),
        ("support", "/dashboards/support"),
    ];

    [BrowserFact]
    public async Task SignIn_WrongPasswordIsRefused_RightOneSignsIn()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();

        var wrong = await server.SignInAsync(context, BrowserServer.AdminEmail, "not-the-password");
        Assert.Equal("/signin", new Uri(wrong.Url).AbsolutePath);
        Assert.Contains("do not match", await wrong.Locator("[role=alert]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == Security.CookieSignIn.CookieName);

        var right = await server.SignInAsync(context, BrowserServer.AdminEmail);
        Assert.Equal("/", new Uri(right.Url).AbsolutePath);
        var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name == Security.CookieSignIn.CookieName);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
    }

    [BrowserFact]
    public async Task AnonymousPage_RedirectsToSignIn_AndBackAfterwards_ApiStaysBearer()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/dashboards/support?" + Month);
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
        Assert.Equal("?returnUrl=/dashboards/support?" + Month, Uri.UnescapeDataString(new Uri(page.Url).Query));
        await PageChecksSignInScreenshotAsync(page);

        await page.FillAsync("input[type=email]", BrowserServer.ManagerEmail);
        await page.FillAsync("input[type=password]", BrowserServer.Password);
        await PageChecks.NavigateByAsync(page, () => page.ClickAsync("button[type=submit]"));
        Assert.Equal("/dashboards/support", new Uri(page.Url).AbsolutePath);

        // The API never takes the cookie: no key is a 401 ProblemDetails, not a redirect to /signin.
        var api = await context.APIRequest.GetAsync("/api/v1/metrics?from=2026-10-01&to=2026-11-01&metric=mrr", new() { MaxRedirects = 0 });
        Assert.Equal(401, api.Status);
        Assert.StartsWith("application/problem+json", api.Headers["content-type"], StringComparison.Ordinal);
    }

    private async Task PageChecksSignInScreenshotAsync(IPage page)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserServer.ScreenshotDirectory, "signin.png"), FullPage = true });
        var timing = await page.EvaluateAsync<double[]>("() => { const n = performance.getEntriesByType('navigation')[0]; const p = performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint'); return [n.responseStart - n.requestStart, p ? p.startTime : -1]; }");
        lock (server.Timings)
            server.Timings.Add(new PageTiming("signin", "/signin", timing[0], null, timing[1] < 0 ? null : timing[1]));
    }

    [BrowserFact]
    public async Task EveryPage_LoadsCleanly_AndEveryCardEqualsTheApi()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.AdminEmail);
        var mismatches = new List<string>();
        var currency = Tenure.Web.Dashboards.CardMoney.CurrencyOf(server.Data);
        // The CLV card covers the 12 months ending with the period, one range.
        var clv = await ApiValuesAsync(server, ["clv"], "2025-11-01", To, period: "range");

        foreach (var (name, path) in Dashboards)
        {
            await LoadAsync(server, page, name, $"{path}?{Month}");
            var cards = await CardsAsync(page);
            Assert.NotEmpty(cards);
            var api = await ApiValuesAsync(server, cards.Select(c => c.MetricId), From, To);
            foreach (var (id, display) in cards.Where(c => c.Display is not null).DistinctBy(c => c.MetricId))
            {
                var expected = Display(id, id == "clv" ? clv[("clv", "all")] : api[(id, "all")], currency);
                if (display != expected)
                    mismatches.Add($"{name}: {id} shows '{display}', the API says '{expected}'");
            }
        }
        await LoadAsync(server, page, "accounts", "/accounts");
        await LoadAsync(server, page, "at-risk", "/at-risk");
        await LoadAsync(server, page, "account", "/accounts/" + Uri.EscapeDataString(server.ScriptAccountId));
        await LoadAsync(server, page, "metrics", "/metrics");
        await LoadAsync(server, page, "metric", "/metrics/churn-rate");
        await LoadAsync(server, page, "settings", "/settings");

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [BrowserFact]
    public async Task KpiPage_PayingCustomers_EqualsTheApi_AndAPlanFilterGivesThePlansValue()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.AdminEmail);
        await page.GotoAsync("/dashboards/kpi?" + Month);

        var all = await ApiValuesAsync(server, ["customers", "mrr", "churned-customers"], From, To, by: "plan");
        Assert.Equal(Display("customers", all[("customers", "all")]), await CardValueAsync(page, "customers"));

        // The plan whose paying customers differ most from the total: its card must change to its own value.
        var plan = all.Where(kv => kv.Key.Metric == "customers" && kv.Key.Segment.StartsWith("plan=", StringComparison.Ordinal) && kv.Value > 0)
            .OrderByDescending(kv => kv.Value).Last().Key.Segment["plan=".Length..];
        await page.SelectOptionAsync("form.t-filters select[name=plan]", plan);
        await PageChecks.NavigateByAsync(page, () => page.ClickAsync("form.t-filters button[type=submit]"));

        Assert.Contains("plan=" + Uri.EscapeDataString(plan), page.Url, StringComparison.Ordinal);
        var shown = await CardValueAsync(page, "customers");
        Assert.Equal(Display("customers", all[("customers", "plan=" + plan)]), shown);
        Assert.NotEqual(Display("customers", all[("customers", "all")]), shown);
        Assert.Equal(Display("customers", all[("customers", "plan=" + plan)]), await CardValueAsync(page, "customers"));
    }

    [BrowserFact]
    public async Task ChurnedCustomersDrillDown_ListsExactlyTheAccountsBehindTheNumber()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.AdminEmail);
        await page.GotoAsync("/dashboards/kpi?" + Month);
        var count = ParseCount(await CardValueAsync(page, "churned-customers"));
        Assert.True(count is > 0 and <= 50, $"churned customers in Oct 2026: {count} (the test needs one page of rows)");

        var card = page.Locator(".t-card").Filter(new() { Has = page.Locator("a.t-def[href='/metrics/churned-customers']") });
        await PageChecks.NavigateByAsync(page, () => card.Locator(".t-value a").ClickAsync());
        await LoadAsync(server, page, "drill-churned-customers", page.Url.Replace(server.BaseUrl, "", StringComparison.Ordinal));

        var listed = await page.Locator(".t-table tbody tr td:first-child .t-muted").AllInnerTextsAsync();
        var period = new Period(new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), Granularity.Month);
        var expected = AccountDrilldown.Drill(server.Data, "churned-customers", period, SegmentFilter.All).Accounts.Select(a => a.AccountId);
        Assert.Equal((int)count, listed.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), listed.Select(t => t.Trim()).Order(StringComparer.Ordinal));
    }

    [BrowserFact]
    public async Task SupportPage_RegionFilter_GivesTheRegionsTicketsAndBacklog()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.ManagerEmail);
        await page.GotoAsync("/dashboards/support?" + Month);

        string[] ids = ["tickets", "backlog"];
        var api = await ApiValuesAsync(server, ids, From, To, by: "region");
        // The region with the fewest tickets (but some): its figures differ from the team's.
        var region = api.Where(kv => kv.Key.Metric == "tickets" && kv.Key.Segment.StartsWith("region=", StringComparison.Ordinal) && kv.Value > 0)
            .OrderBy(kv => kv.Value).First().Key.Segment["region=".Length..];
        await page.SelectOptionAsync("form.t-filters select[name=region]", region);
        await PageChecks.NavigateByAsync(page, () => page.ClickAsync("form.t-filters button[type=submit]"));

        Assert.Contains("region=" + Uri.EscapeDataString(region), page.Url, StringComparison.Ordinal);
        foreach (var id in ids)
            Assert.Equal(Display(id, api[(id, "region=" + region)]), await CardValueAsync(page, id));
        Assert.NotEqual(Display("tickets", api[("tickets", "all")]), await CardValueAsync(page, "tickets"));
    }

    [BrowserFact]
    public async Task ChurnedMrrDrillDown_AmountsSumToTheCard()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.AdminEmail);
        await page.GotoAsync("/dashboards/kpi?" + Month);
        var exact = (await ApiValuesAsync(server, ["churned-mrr"], From, To))[("churned-mrr", "all")]!.Value;
        Assert.Equal(Display("churned-mrr", exact, Tenure.Web.Dashboards.CardMoney.CurrencyOf(server.Data)), await CardValueAsync(page, "churned-mrr"));
        var shown = decimal.Round(exact, 2, MidpointRounding.AwayFromZero); // as the list's amounts, 2 decimals
        Assert.True(shown > 0, "the demo has churned MRR in Oct 2026");

        var card = page.Locator(".t-card").Filter(new() { Has = page.Locator("a.t-def[href='/metrics/churned-mrr']") });
        await PageChecks.NavigateByAsync(page, () => card.Locator(".t-value a").ClickAsync());
        Assert.Contains("drill=churned-mrr", page.Url, StringComparison.Ordinal);

        // The drilled amount is the column headed like the drill's amount label; one page holds every row.
        var headers = (await page.Locator(".t-table thead th").AllInnerTextsAsync()).Select(h => h.Trim()).ToList();
        var column = headers.IndexOf("Churned MRR") + 1;
        Assert.True(column > 0, string.Join(" | ", headers));
        var amounts = await page.Locator($".t-table tbody tr td:nth-child({column})").AllInnerTextsAsync();
        Assert.NotEmpty(amounts);
        Assert.Equal(shown, amounts.Sum(a => ParseCount(a.Trim())));
        Assert.Contains("adds up", await page.InnerTextAsync("main"), StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task Viewer_SeesSettingsReadOnly_AndAForcedPostIsRefused()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.ViewerEmail);
        await page.GotoAsync("/settings");
        var select = page.Locator("select[data-testid=benchmark-industry]");
        Assert.True(await select.IsDisabledAsync());
        Assert.Equal(0, await page.Locator("form.t-settings-form button[type=submit]").CountAsync());
        var before = await TenantSettings.GetAsync(server.Database, BrowserServer.Tenant, TenantSettings.BenchmarkIndustry, cancellationToken: Token);

        // What a viewer could do by hand: re-enable the field and submit the form (with its antiforgery token).
        var industry = (await select.Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value).filter(v => v)")).First(v => v != before);
        await select.EvaluateAsync("s => s.disabled = false");
        await select.SelectOptionAsync(industry);
        var response = await PageChecks.NavigateByAsync(page, () => page.Locator("form.t-settings-form").Filter(new() { Has = select }).EvaluateAsync("f => f.requestSubmit()"));

        Assert.Equal(403, response!.Status);
        Assert.Contains("nothing was changed", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal(before, await TenantSettings.GetAsync(server.Database, BrowserServer.Tenant, TenantSettings.BenchmarkIndustry, cancellationToken: Token));
    }

    [BrowserFact]
    public async Task Manager_ChangesTheBenchmarkIndustry_ForTheTenant_AndTheExecutiveDashboardFollows()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.ManagerEmail);
        await page.GotoAsync("/settings");
        var select = page.Locator("select[data-testid=benchmark-industry]");
        var industry = (await select.Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value).filter(v => v)")).Last();

        await select.SelectOptionAsync(industry);
        var response = await PageChecks.NavigateByAsync(page, () => page.Locator("form.t-settings-form").Filter(new() { Has = select }).Locator("button[type=submit]").ClickAsync());

        server.AssertOk(response, "saving the benchmark industry");
        Assert.Contains("Saved", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal(industry, await TenantSettings.GetAsync(server.Database, BrowserServer.Tenant, TenantSettings.BenchmarkIndustry, cancellationToken: Token));
        var name = (await select.Locator($"option[value='{industry}']").InnerTextAsync()).Trim();
        try
        {
            // Without ?bench= the executive dashboard compares with the workspace's industry ...
            await page.GotoAsync("/dashboards/executive?" + Month);
            Assert.Contains($"({name})", await page.InnerTextAsync("h2.t-section"), StringComparison.Ordinal);
            // ... and ?bench= picks another for this view only, changing nothing stored.
            await page.GotoAsync("/dashboards/executive?" + Month + "&bench=any");
            Assert.DoesNotContain($"({name})", await page.InnerTextAsync("h2.t-section"), StringComparison.Ordinal);
            Assert.Equal(industry, await TenantSettings.GetAsync(server.Database, BrowserServer.Tenant, TenantSettings.BenchmarkIndustry, cancellationToken: Token));
            // The old GET that changed the setting is gone.
            var old = await context.APIRequest.GetAsync("/settings/benchmark-industry?industry=", new() { MaxRedirects = 0 });
            Assert.Equal(404, old.Status);
        }
        finally
        {
            await TenantSettings.SetAsync(server.Database, BrowserServer.Tenant, TenantSettings.BenchmarkIndustry, null, Token);
        }
    }

    [BrowserFact]
    public async Task Manager_SetsTheChurnGrace_ABadValueIsRefusedWithTheRule()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.ManagerEmail);
        try
        {
            await page.GotoAsync("/settings");
            var field = page.Locator("input[data-testid=churn-grace-days]");
            Assert.Equal("0", await field.InputValueAsync());

            await field.FillAsync("abc");
            var refused = await PageChecks.NavigateByAsync(page, () => page.ClickAsync("form.t-grace-form button[type=submit]"));
            Assert.Equal(400, refused!.Status);
            Assert.Contains("'abc' must be a whole number of days from 0 to 365", await page.InnerTextAsync("[data-testid=churn-grace-invalid]"), StringComparison.Ordinal);
            Assert.Null(await TenantSettings.GetAsync(server.Database, BrowserServer.Tenant, TenantSettings.ChurnGraceDays, cancellationToken: Token));

            await page.Locator("input[data-testid=churn-grace-days]").FillAsync("7");
            var saved = await PageChecks.NavigateByAsync(page, () => page.ClickAsync("form.t-grace-form button[type=submit]"));
            server.AssertOk(saved, "saving the churn grace days");
            Assert.Contains("churn grace of 7 days", await page.InnerTextAsync("[data-testid=churn-grace-saved]"), StringComparison.Ordinal);
            Assert.Equal("7", await TenantSettings.GetAsync(server.Database, BrowserServer.Tenant, TenantSettings.ChurnGraceDays, cancellationToken: Token));
        }
        finally
        {
            await TenantSettings.SetAsync(server.Database, BrowserServer.Tenant, TenantSettings.ChurnGraceDays, null, Token);
        }
    }

    [BrowserFact]
    public async Task MainLayout_ShowsWhoIsSignedIn_WithSettingsAndSignOut()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.ViewerEmail);
        await page.GotoAsync("/dashboards/kpi?" + Month);

        var menu = page.Locator("nav.t-nav [data-testid=user-menu]");
        Assert.Contains(BrowserServer.ViewerEmail, await menu.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Viewer", await menu.InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await menu.Locator("a[href='/settings']").CountAsync());
        Assert.Equal(1, await menu.Locator($"a[href='{Security.CookieSignIn.SignOutPath}']").CountAsync());
        // The dark sidebar runs the page's full height, not one window's (full-page screenshots, long pages).
        var heights = await page.EvaluateAsync<double[]>("() => [document.querySelector('nav.t-nav').getBoundingClientRect().height, document.documentElement.scrollHeight]");
        Assert.True(heights[0] >= heights[1] - 1, $"nav {heights[0]} px, page {heights[1]} px");
    }

    [BrowserFact]
    public async Task Csm_LandsOnAtRisk_AndTheirAccountsListIsTheirOwnBook()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();

        var page = await server.SignInAsync(context, BrowserServer.CsmEmail);

        // The landing page is the "At risk" view (HealthBrowserTests checks its rows); the book is still one click away.
        Assert.Equal("/at-risk", new Uri(page.Url).AbsolutePath);
        await page.GotoAsync("/accounts");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserServer.ScreenshotDirectory, "csm-book.png"), FullPage = true });
        var csms = await page.Locator(".t-table tbody tr td:nth-child(2)").AllInnerTextsAsync();
        var ownAccounts = server.Data.Accounts.Count(a => a.Csm == server.CsmName);
        Assert.NotEmpty(csms);
        Assert.All(csms, c => Assert.Equal(server.CsmName, c.Trim()));
        Assert.Equal(Math.Min(ownAccounts, 50), csms.Count);
    }

    [BrowserFact]
    public async Task SurveyCommentWithAScriptTag_ShowsAsText_AndRunsNothing()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.AdminEmail);
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        await page.GotoAsync("/accounts/" + Uri.EscapeDataString(server.ScriptAccountId));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var quotes = await page.Locator("blockquote").AllInnerTextsAsync();
        Assert.Contains(BrowserServer.ScriptComment, quotes.Select(q => q.Trim()));
        Assert.Equal(0, dialogs);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.scripts].filter(s => s.textContent.includes('alert(1)')).length"));
    }

    [BrowserFact]
    public async Task Csm_IsHeldToTheirBook_OnTheListTheAccountPageTheDashboardsAndTheApi()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.CsmEmail);
        var other = server.Data.Accounts.First(a => a.Csm is not null && a.Csm != server.CsmName);

        // Asking for everyone, or for another CSM, still lists only their book.
        foreach (var query in new[] { "csm=*", "csm=" + Uri.EscapeDataString(other.Csm!) })
        {
            await page.GotoAsync("/accounts?" + query);
            var csms = await page.Locator(".t-table tbody tr td:nth-child(2)").AllInnerTextsAsync();
            Assert.NotEmpty(csms);
            Assert.All(csms, c => Assert.Equal(server.CsmName, c.Trim()));
        }

        // Another CSM's account: 403 and nothing of it shown.
        var response = await page.GotoAsync("/accounts/" + Uri.EscapeDataString(other.AccountId));
        Assert.Equal(403, response!.Status);
        Assert.Contains("Not in your book", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.DoesNotContain(other.Name, await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserServer.ScreenshotDirectory, "account-other-book.png"), FullPage = true });

        // A dashboard asked for the other CSM shows their own segment.
        await LoadAsync(server, page, "csm-kpi", $"/dashboards/kpi?{Month}&csm={Uri.EscapeDataString(other.Csm!)}");
        var chips = await page.Locator(".t-header .t-chip").AllInnerTextsAsync();
        Assert.Equal([$"csm: {server.CsmName}"], chips.Select(c => c.Trim()));
        var api = await ApiValuesAsync(server, ["customers"], From, To, by: "csm");
        Assert.Equal(Display("customers", api[("customers", "csm=" + server.CsmName)]), await CardValueAsync(page, "customers"));

        // The API takes no cookie: a signed-in CSM gets 401 there, never another book.
        var apiResponse = await context.APIRequest.GetAsync("/api/v1/accounts", new() { MaxRedirects = 0 });
        Assert.Equal(401, apiResponse.Status);
    }

    [BrowserFact]
    public async Task Admin_TurnsOffOwnBook_AndTheCsmSeesEveryAccount()
    {
        server.RequireChromium();
        await using var admin = await server.NewContextAsync();
        var page = await server.SignInAsync(admin, BrowserServer.AdminEmail);
        await LoadAsync(server, page, "settings-own-book", "/settings");
        var box = page.Locator("input[data-testid=csm-own-book]");
        Assert.True(await box.IsCheckedAsync()); // on by default
        try
        {
            await box.UncheckAsync();
            var form = page.Locator("form.t-book-form");
            var saved = await PageChecks.NavigateByAsync(page, () => form.Locator("button[type=submit]").ClickAsync());
            server.AssertOk(saved, "saving the book of accounts");
            Assert.Contains("CSMs now see every account", await page.InnerTextAsync("main"), StringComparison.Ordinal);
            Assert.Equal("off", await TenantSettings.GetAsync(server.Database, BrowserServer.Tenant, TenantSettings.CsmOwnBook, cancellationToken: Token));

            await using var csmContext = await server.NewContextAsync();
            var csm = await server.SignInAsync(csmContext, BrowserServer.CsmEmail);
            await csm.GotoAsync("/accounts?csm=*");
            var csms = (await csm.Locator(".t-table tbody tr td:nth-child(2)").AllInnerTextsAsync()).Select(c => c.Trim()).Distinct().ToList();
            Assert.True(csms.Count > 1, string.Join(", ", csms));
        }
        finally
        {
            await TenantSettings.SetAsync(server.Database, BrowserServer.Tenant, TenantSettings.CsmOwnBook, null, Token);
        }
    }

    [BrowserFact]
    public async Task NpsDetractorsDrillDown_StatesDetractorsOfResponses_AndChecksTheCount()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.AdminEmail);
        await LoadAsync(server, page, "support", "/dashboards/support?" + Month);
        var card = page.Locator(".t-card").Filter(new() { Has = page.Locator("a.t-def[href='/metrics/nps']") });
        Assert.Matches(@"^· n = [\d,]+ responses?$", (await card.Locator("[data-testid=card-sample]").InnerTextAsync()).Trim());

        await PageChecks.NavigateByAsync(page, () => card.Locator("a[href*='drill=nps-detractors']").First.ClickAsync());
        await LoadAsync(server, page, "drill-nps-detractors", page.Url.Replace(server.BaseUrl, "", StringComparison.Ordinal));
        var statement = (await page.Locator("[data-testid=drill-statement]").InnerTextAsync()).Trim();
        var check = (await page.Locator("[data-testid=drill-check]").InnerTextAsync()).Trim();
        Assert.Matches(@"^[\d,]+ detractor answers? of [\d,]+ NPS responses? \([\d,]+ accounts?\)$", statement);
        Assert.Matches(@"^detractors on the card: [\d,]+ ✓ adds up$", check);
        // The detractor answers listed equal the count stated (one page of rows in Oct 2026).
        var counts = await page.Locator(".t-table tbody tr td:nth-child(6)").AllInnerTextsAsync();
        Assert.Equal(ParseCount(statement.Split(' ')[0]), counts.Sum(c => ParseCount(c.Trim())));
    }
}
