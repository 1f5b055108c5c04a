using System.Net;
using System.Text.RegularExpressions;

using Tenure.Storage;
using Tenure.Storage.Alerts;
using Tenure.Storage.Webhooks;
using Tenure.Testing;

namespace Tenure.Web.Tests;

/// <summary>The /alerts page and the alert rules and webhooks panel on /settings, rendered by the server, signed in as an admin.</summary>
public sealed partial class AlertsPageTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<TenureTestServer> StartWithAnAlertAsync(PostgresServer postgres)
    {
        var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres, new Dictionary<string, string?> { ["Tenure:Alerts:Evaluate"] = "false" });
        var client = await server.ClientAsync(Tenants.Default, ApiKeyRole.Admin);
        await client.PostCsvAsync("accounts", "account_id,name,created_at,csm\nX1,Xenon,2020-01-01,ann\n");
        await client.PostCsvAsync("surveys", "response_id,survey,account_id,user_id,score,scale,submitted_at\nr1,nps,X1,u7,2,0-10,2024-06-14\n");
        await client.PostAsync("/api/v1/alerts/evaluate", null, Token);
        return server;
    }

    [Fact]
    public async Task AlertsPage_ListsTheOpenAlert_AndResolvesIt()
    {
        await using var server = await StartWithAnAlertAsync(postgres);
        var browser = await SignedInAsync(server);

        var response = await browser.Get("/alerts");
        var page = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode} {response.Headers.Location} {page[..Math.Min(page.Length, 3000)]}");
        var resolved = await browser.PostAsync("/alerts", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "resolve-alert",
            ["__RequestVerificationToken"] = FormToken(page),
            ["Resolve.Id"] = "1",
        }), Token);
        var after = await (await browser.Get("/alerts")).Content.ReadAsStringAsync(Token);

        Assert.True(page.Contains("__RequestVerificationToken", StringComparison.Ordinal), page[^Math.Min(page.Length, 4000)..]);
        Assert.Contains("href=\"/alerts\"", page); // the navigation link
        Assert.Contains("NPS 2 from u7 on 2024-06-14", page);
        Assert.Contains("<a href=\"/accounts/X1\">Xenon</a>", page); // the account by its name, as accounts.csv says
        Assert.Contains("<code>detractor</code>", page);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Contains("Resolved alert 1 (detractor on X1).", await resolved.Content.ReadAsStringAsync(Token));
        Assert.Contains("No open alerts.", after);
        Assert.Equal(AlertResolution.ByHand, Assert.Single(await AlertStore.ListAsync(server.Database, Tenants.Default, openOnly: false, Token)).Resolution);
    }

    [Fact]
    public async Task SettingsPanel_BadRulesAndNonHttpUrl_AreRefusedAndNothingSaved()
    {
        await using var server = await StartWithAnAlertAsync(postgres);
        var browser = await SignedInAsync(server);
        var settings = await (await browser.Get("/settings")).Content.ReadAsStringAsync(Token);

        var rules = await browser.PostAsync("/settings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "alert-rules",
            ["__RequestVerificationToken"] = FormToken(settings),
            ["Rules.Json"] = """{"rules":{"churn-risk":{"threshold":2}}}""",
        }), Token);
        var hook = await browser.PostAsync("/settings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "webhook-add",
            ["__RequestVerificationToken"] = FormToken(settings),
            ["Add.Url"] = "ftp://example.com/hook",
            ["Add.Secret"] = "0123456789abcdef",
        }), Token);

        Assert.Contains("data-testid=\"alert-rules-json\"", settings);
        Assert.Equal(HttpStatusCode.BadRequest, rules.StatusCode);
        Assert.Contains("rules.churn-risk.threshold: 2 is impossible for churn-risk", WebUtility.HtmlDecode(await rules.Content.ReadAsStringAsync(Token)));
        Assert.Null(await Tenure.Storage.Users.TenantSettings.GetAsync(server.Database, Tenants.Default, AlertSettingsStore.SettingName, Token));
        Assert.Equal(HttpStatusCode.BadRequest, hook.StatusCode);
        Assert.Contains("url: 'ftp://example.com/hook' is not an http:// or https:// URL", WebUtility.HtmlDecode(await hook.Content.ReadAsStringAsync(Token)));
        Assert.Empty(await Webhooks.ListAsync(server.Database, Tenants.Default, Token));
    }

    /// <summary>A cookie-keeping client signed in as an admin of the default workspace.</summary>
    private static async Task<HttpClient> SignedInAsync(TenureTestServer server)
    {
        const string Password = "correct horse battery staple";
        await Tenure.Storage.Users.DashboardUsers.CreateAsync(server.Database, Tenants.Default, "admin@example.com", Tenure.Storage.Users.DashboardRole.Admin, null, Password, Token);
        var client = server.BrowserLikeClient();
        var form = await (await client.Get("/signin")).Content.ReadAsStringAsync(Token);
        var signedIn = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = FormToken(form),
            ["Input.Email"] = "admin@example.com",
            ["Input.Password"] = Password,
        }), Token);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    private static string FormToken(string html) =>
        AntiforgeryToken().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("no antiforgery token");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
