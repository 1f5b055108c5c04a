using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

using Microsoft.Playwright;

using Tenure.Storage.Users;

using static Tenure.Web.BrowserTests.PageChecks;

namespace Tenure.Web.BrowserTests;

/// <summary>
/// Account health on screen (issue #10, docs/health.md): the "At risk" view a CSM lands on, an account's explanation
/// against GET /api/v1/health, the accounts list's band filter and health sort, and the health model on /settings.
/// A part of the one browser-test class, so it never runs beside a page check.
/// </summary>
public sealed partial class DashboardBrowserTests
{
    /// <summary>The server's today (BrowserServer.Now, 00:00 UTC): the day every health figure on the pages is for.</summary>
    private static string HealthDay => BrowserServer.Now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [BrowserFact]
    public async Task AtRisk_CsmLandsThere_RedAndYellowOnly_OrderedByMrrAtRisk_EqualToTheApi()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.CsmEmail);
        Assert.Equal("/at-risk", new Uri(page.Url).AbsolutePath);
        await LoadAsync(server, page, "at-risk-csm", "/at-risk");

        var rows = page.Locator("[data-testid=at-risk-row]");
        var ids = await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.account)");
        var bands = await page.Locator("[data-testid=at-risk-row] [data-band]").EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.band)");
        var mrr = (await page.Locator("[data-testid=at-risk-row] [data-testid=mrr]").AllInnerTextsAsync()).Select(m => ParseCount(m.Trim())).ToList();
        Assert.NotEmpty(ids);
        Assert.All(bands, b => Assert.Contains(b, new[] { "red", "yellow" }));
        // Largest MRR at risk first.
        Assert.Equal(mrr.OrderByDescending(m => m).ToList(), mrr);
        // Every row is the CSM's own, and they are exactly the API's red and yellow accounts of that CSM today.
        Assert.All(await page.Locator("[data-testid=at-risk-row] td:nth-child(6)").AllInnerTextsAsync(), c => Assert.Equal(server.CsmName, c.Trim()));
        var api = await HealthApiAsync($"at={HealthDay}&csm={Uri.EscapeDataString(server.CsmName)}");
        var expected = api.Where(a => a.Band is "red" or "yellow").Select(a => a.AccountId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, ids.Order(StringComparer.Ordinal).ToList());
        // The totals count the rows.
        var totals = await page.InnerTextAsync("[data-testid=at-risk-totals]");
        Assert.Contains($"{api.Count(a => a.Band == "red")} red", totals, StringComparison.Ordinal);
        Assert.Contains($"{api.Count(a => a.Band == "yellow")} yellow", totals, StringComparison.Ordinal);

        // Red only, from the form.
        await page.SelectOptionAsync("[data-testid=at-risk-band]", "red");
        await NavigateByAsync(page, () => page.ClickAsync("form.t-filters button[type=submit]"));
        Assert.All(await page.Locator("[data-testid=at-risk-row] [data-band]").EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.band)"), b => Assert.Equal("red", b));
    }

    [BrowserFact]
    public async Task AtRisk_IsInTheNavigation_ForAdminsWhoKeepTheirLanding()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.AdminEmail);
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        await NavigateByAsync(page, () => page.ClickAsync("nav a[href='/at-risk']"));
        Assert.Equal("/at-risk", new Uri(page.Url).AbsolutePath);
        await LoadAsync(server, page, "at-risk", "/at-risk");
        // An admin sees every CSM's at-risk accounts: the API's red and yellow accounts, all of them.
        var ids = await page.Locator("[data-testid=at-risk-row]").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.account)");
        var api = await HealthApiAsync($"at={HealthDay}");
        Assert.Equal(api.Count(a => a.Band is "red" or "yellow"), ids.Length);
        Assert.Contains(api, a => a.Band == "green"); // the demo has all three bands
        Assert.Contains(api, a => a.Band == "red");
    }

    [BrowserFact]
    public async Task AccountPage_ExplainsTheScore_FactorRowsEqualTheApi()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.AdminEmail);
        var api = await HealthApiAsync($"at={HealthDay}");
        // The riskiest account (the picture in docs/health.md), and an account with a missing factor (it must say why).
        var riskiest = api.Where(a => a.Score is not null).MinBy(a => a.Score)!;
        var withMissing = api.First(a => a.Score is not null && a.Factors.Any(f => f.Missing && f.Weight != "0"));
        foreach (var (account, name) in new[] { (withMissing, "account-health-missing"), (riskiest, "account-health") })
        {
            await LoadAsync(server, page, name, "/accounts/" + Uri.EscapeDataString(account.AccountId));
            Assert.Equal(account.Score!.Value.ToString("0.0", CultureInfo.InvariantCulture), (await page.InnerTextAsync("[data-testid=health-score]")).Trim());
            Assert.Equal(account.Band, await page.Locator("[data-testid=health-panel] .t-health-head [data-band]").GetAttributeAsync("data-band"));
            var rows = page.Locator("[data-testid=health-factor]");
            Assert.Equal(account.Factors.Count, await rows.CountAsync());
            for (var i = 0; i < account.Factors.Count; i++)
            {
                var f = account.Factors[i];
                var row = rows.Nth(i);
                Assert.Equal(f.Factor, await row.GetAttributeAsync("data-factor"));
                Assert.Equal(f.Missing ? "true" : "false", await row.GetAttributeAsync("data-missing"));
                Assert.Equal(f.Weight, (await row.Locator("[data-testid=weight]").InnerTextAsync()).Trim());
                Assert.Equal(f.Points ?? "missing", (await row.Locator("[data-testid=points]").InnerTextAsync()).Trim());
                Assert.Equal(f.Value ?? "—", (await row.Locator("[data-testid=value]").InnerTextAsync()).Trim());
                var measured = (await row.Locator("[data-testid=measured]").InnerTextAsync()).Trim();
                // A missing factor says why; a present one says what it measured.
                Assert.True(f.Missing == measured.StartsWith("Missing:", StringComparison.Ordinal), $"{f.Factor}: {measured}");
            }
        }
        Assert.Equal("red", riskiest.Band);
        await page.Locator("[data-testid=health-panel]").ScreenshotAsync(new() { Path = Path.Combine(BrowserServer.ScreenshotDirectory, "account-health-panel.png") });
    }

    [BrowserFact]
    public async Task AccountsList_BandFilter_AndSortByHealth()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.AdminEmail);
        var api = await HealthApiAsync($"at={HealthDay}");

        // Band filter from the form: every row yellow, as many as the API's yellow accounts.
        await page.GotoAsync("/accounts?csm=*");
        await page.SelectOptionAsync("[data-testid=band-filter]", "yellow");
        await NavigateByAsync(page, () => page.ClickAsync("form.t-filters button[type=submit]"));
        Assert.Contains("band=yellow", page.Url, StringComparison.Ordinal);
        await LoadAsync(server, page, "accounts-yellow", page.Url.Replace(server.BaseUrl, "", StringComparison.Ordinal));
        Assert.All(await page.Locator(".t-table tbody [data-testid=band] [data-band]").EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.band)"), b => Assert.Equal("yellow", b));
        var yellow = api.Count(a => a.Band == "yellow");
        Assert.Contains($"{yellow.ToString("#,0", CultureInfo.InvariantCulture)} accounts", await page.InnerTextAsync(".t-pager"), StringComparison.Ordinal);

        // Sort by health: the header link sorts ascending (riskiest first), again descending; the server does it (a new URL).
        await page.GotoAsync("/accounts?csm=*&band=red");
        await NavigateByAsync(page, () => page.ClickAsync("th[data-sort=score] a"));
        Assert.Contains("sort=score", page.Url, StringComparison.Ordinal);
        var ascending = await ScoresAsync(page);
        Assert.Equal(api.Where(a => a.Band == "red").Select(a => a.Score!.Value).Order().Take(50).ToList(), ascending);
        await NavigateByAsync(page, () => page.ClickAsync("th[data-sort=score] a"));
        Assert.Contains("sort=-score", page.Url, StringComparison.Ordinal);
        Assert.Equal(ascending.AsEnumerable().Reverse().ToList(), await ScoresAsync(page));

        // Every account by band: red first, then yellow, then green, then those without a score.
        await page.GotoAsync("/accounts?csm=*&sort=band");
        var bands = await page.Locator(".t-table tbody [data-testid=band] [data-band]").EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.band)");
        var rank = new Dictionary<string, int> { ["red"] = 0, ["yellow"] = 1, ["green"] = 2, ["none"] = 3 };
        Assert.Equal(bands.OrderBy(b => rank[b]).ToList(), bands.ToList());
        Assert.Equal("red", bands[0]);
    }

    [BrowserFact]
    public async Task Settings_HealthModel_BadValueNamesTheField_AGoodOneChangesTheScores_AdminOnly()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.AdminEmail);
        try
        {
            await LoadAsync(server, page, "settings-health-model", "/settings");
            Assert.Contains("\"aggregation\": \"weighted-mean\"", await page.InputValueAsync("[data-testid=health-model-json]"), StringComparison.Ordinal);

            // A negative weight: 400, the field and the rule named, nothing stored.
            await page.FillAsync("[data-testid=health-model-json]", """{"factors": {"usage": {"weight": -5}}}""");
            var refused = await NavigateByAsync(page, () => page.ClickAsync("[data-testid=health-model-save]"));
            Assert.Equal(400, refused.Status);
            Assert.Contains("Health model: factors.usage.weight: must be >= 0", await page.InnerTextAsync("[data-testid=health-model-invalid]"), StringComparison.Ordinal);
            await page.Locator("[data-testid=health-model]").ScreenshotAsync(new() { Path = Path.Combine(BrowserServer.ScreenshotDirectory, "settings-health-model-error.png") });
            Assert.Null(await TenantSettings.GetAsync(server.Database, BrowserServer.Tenant, TenantSettings.HealthModel, cancellationToken: Token));

            // Worst-factor: stored, and the API's score of every account is then its lowest present points.
            await page.GotoAsync("/settings");
            await page.FillAsync("[data-testid=health-model-json]", """{"aggregation": "worst-factor"}""");
            var saved = await NavigateByAsync(page, () => page.ClickAsync("[data-testid=health-model-save]"));
            server.AssertOk(saved, "saving the health model");
            Assert.Contains("this workspace's model", await page.InnerTextAsync("[data-testid=health-model-saved]"), StringComparison.Ordinal);
            Assert.Equal("""{"aggregation": "worst-factor"}""", await TenantSettings.GetAsync(server.Database, BrowserServer.Tenant, TenantSettings.HealthModel, cancellationToken: Token));
            var worst = await HealthApiAsync($"at={HealthDay}");
            var scored = worst.First(a => a.Score is not null && a.Factors.Count(f => !f.Missing) > 1);
            Assert.Equal(scored.Factors.Where(f => !f.Missing).Min(f => decimal.Parse(f.Points!, CultureInfo.InvariantCulture)), scored.Score);

            // A manager sees it read-only.
            await using var managerContext = await server.NewContextAsync();
            var manager = await server.SignInAsync(managerContext, BrowserServer.ManagerEmail);
            await manager.GotoAsync("/settings");
            Assert.True(await manager.IsDisabledAsync("[data-testid=health-model-json]"));
            Assert.Equal(0, await manager.Locator("[data-testid=health-model-save]").CountAsync());
        }
        finally
        {
            await TenantSettings.SetAsync(server.Database, BrowserServer.Tenant, TenantSettings.HealthModel, null, Token);
        }
    }

    private static async Task<List<decimal>> ScoresAsync(IPage page) =>
        [.. (await page.Locator(".t-table tbody [data-testid=score]").AllInnerTextsAsync()).Select(s => decimal.Parse(s.Trim(), CultureInfo.InvariantCulture))];

    /// <summary>One account of GET /api/v1/health, its numbers as the JSON writes them (text, so the page's text compares exactly).</summary>
    private sealed record ApiHealth(string AccountId, decimal? Score, string? Band, IReadOnlyList<ApiFactor> Factors);

    private sealed record ApiFactor(string Factor, string? Value, string? Points, string Weight, bool Missing);

    private async Task<List<ApiHealth>> HealthApiAsync(string query)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.ApiKey);
        using var response = await http.GetAsync("/api/v1/health?" + query, Token);
        Assert.True(response.IsSuccessStatusCode, $"/api/v1/health?{query}: {(int)response.StatusCode}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        static string? Text(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetRawText();
        return [.. json.RootElement.GetProperty("accounts").EnumerateArray().Select(a => new ApiHealth(
            a.GetProperty("account_id").GetString()!,
            a.GetProperty("score").ValueKind == JsonValueKind.Null ? null : a.GetProperty("score").GetDecimal(),
            a.GetProperty("band").GetString(),
            [.. a.GetProperty("factors").EnumerateArray().Select(f => new ApiFactor(
                f.GetProperty("factor").GetString()!, Text(f.GetProperty("value")), Text(f.GetProperty("points")),
                f.GetProperty("weight").GetRawText(), f.GetProperty("missing").GetBoolean()))]))];
    }
}
