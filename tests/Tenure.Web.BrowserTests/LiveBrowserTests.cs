using System.Net.Http.Headers;
using System.Text;

using Microsoft.Playwright;

using Tenure.Ingest;
using Tenure.Storage;
using Tenure.Storage.Users;

using static Tenure.Web.BrowserTests.PageChecks;

namespace Tenure.Web.BrowserTests;

/// <summary>
/// Live dashboards in a real browser: an open page changes its numbers when the tenant's data changes, without a
/// reload. A tenant of its own (four users, one day of usage), so the demo tenant the other tests read stays as it is.
/// </summary>
[Collection(BrowserServer.Collection)]
public sealed class LiveBrowserTests(BrowserServer server)
{
    private const string Tenant = "live";
    private const string Email = "live-manager@example.com";

    /// <summary>One day: daily-usage over it is active users / existing users x 100 for that day alone.</summary>
    private const string Url = "/dashboards/saas?period=custom&from=2026-10-15&to=2026-10-16";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [BrowserFact]
    public async Task SaasDashboard_AfterAnIngestBatch_ShowsTheNewDailyUsage_WithoutReloading_KeepingTheFormAsTyped()
    {
        server.RequireChromium();
        var writeKey = await SeedTenantAsync();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, Email, BrowserServer.Password);
        await page.GotoAsync(Url);
        await page.WaitForSelectorAsync("html[data-live=open]"); // the stream is open: no change can slip in unheard

        // U1 of the four users used the product on 2026-10-15: 1 / 4 x 100 = 25 %.
        Assert.Equal(Display("daily-usage", 25m), await CardValueAsync(page, "daily-usage"));
        await page.EvaluateAsync("() => { window.liveMarker = 'same page'; }");
        await page.SelectOptionAsync("select[name=period]", "quarter"); // typed into the filter form, not sent

        // The ingest batch: U2, U3 and U4 use it that day too: 4 / 4 x 100 = 100 %.
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", writeKey);
        using var posted = await http.PostAsync("/api/v1/usage", new StringContent(
            "account_id,user_id,timestamp,event\nL1,U2,2026-10-15T09:00:00Z,login\nL1,U3,2026-10-15T10:00:00Z,login\nL2,U4,2026-10-15T11:00:00Z,login\n",
            Encoding.UTF8, "text/csv"), Token);
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync(Token));

        var expected = Display("daily-usage", 100m);
        await page.WaitForFunctionAsync("""
            expected => [...document.querySelectorAll('.t-card')].some(c =>
                c.querySelector('a.t-def')?.getAttribute('href') === '/metrics/daily-usage' && c.querySelector('.t-value')?.innerText.trim() === expected)
            """, expected, new() { Timeout = 20_000 });
        Assert.Equal("same page", await page.EvaluateAsync<string>("() => window.liveMarker"));
        Assert.Equal(Url, new Uri(page.Url).PathAndQuery);
        Assert.Equal("quarter", await page.InputValueAsync("select[name=period]"));
        Assert.NotNull(await page.GetAttributeAsync("html", "data-live-updates")); // swapped in by live.js
    }

    /// <summary>The tenant: accounts L1 (users U1-U3) and L2 (U4), created 2026-01-01; U1 used the product on 2026-10-15. Returns a write key.</summary>
    private async Task<string> SeedTenantAsync()
    {
        var directory = Directory.CreateTempSubdirectory("tenure-live-browser-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "accounts.csv"), "account_id,name,created_at\nL1,Live One,2026-01-01\nL2,Live Two,2026-01-01\n");
            File.WriteAllText(Path.Combine(directory, "users.csv"), "user_id,account_id,created_at\nU1,L1,2026-01-01\nU2,L1,2026-01-01\nU3,L1,2026-01-01\nU4,L2,2026-01-01\n");
            File.WriteAllText(Path.Combine(directory, "usage.csv"), "account_id,user_id,timestamp,event\nL1,U1,2026-10-15T08:00:00Z,login\n");
            var read = DataSetReader.ReadDirectory(directory);
            Assert.Empty(read.Errors);
            await DataSetImporter.ImportAsync(server.Database, Tenant, read.DataSet!, cancellationToken: Token);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
        await DashboardUsers.CreateAsync(server.Database, Tenant, Email, DashboardRole.Manager, null, BrowserServer.Password, Token);
        return (await ApiKeys.CreateAsync(server.Database, Tenant, ApiKeyRole.Write, "live browser test", cancellationToken: Token)).Key;
    }
}
