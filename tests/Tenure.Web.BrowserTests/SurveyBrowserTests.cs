using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

using Tenure.Storage.Surveys;

namespace Tenure.Web.BrowserTests;

/// <summary>
/// Issue #11's "done when": an NPS survey answered through the public page on a phone and through the widget on a
/// page served from another origin, then the NPS change on the executive dashboard and the comment in the feedback
/// list. Screenshots of the public page go to docs/images/ (docs/surveys.md shows them).
/// </summary>
[Collection(BrowserServer.Collection)]
public sealed class SurveyBrowserTests(BrowserServer server)
{
    /// <summary>October and November 2026: the demo's last month and the server's now (answers are stamped 2026-11-15).</summary>
    private const string From = "2026-10-01", To = "2026-12-01";

    private static string DocsImages => Directory.CreateDirectory(Path.Combine(BrowserServer.RepoRoot(), "docs", "images")).FullName;

    [BrowserFact]
    public async Task NpsAnsweredOnThePublicPageAndTheWidget_ChangesTheDashboardAndShowsTheComments()
    {
        server.RequireChromium();
        // The host app: another origin (another port) serving a page with the widget's script tag.
        await using var host = await HostPage.StartAsync();
        var survey = await SurveyStore.CreateAsync(server.Database, BrowserServer.Tenant,
            new SurveyRequest("nps", "Browser NPS", AllowedOrigins: [host.Origin]), TestContext.Current.CancellationToken);
        var account = server.Data.Accounts[0].AccountId;
        var link = await SurveySends.CreateLinkAsync(server.Database, BrowserServer.Tenant, survey.Id, account, "browser-user-1", cancellationToken: TestContext.Current.CancellationToken);
        var userToken = await SurveySends.MintUserTokenAsync(server.Database, BrowserServer.Tenant, account, "browser-user-2", cancellationToken: TestContext.Current.CancellationToken);
        host.Html = $"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host app</title><link rel="icon" href="data:,"></head>
            <body><h1>Host app</h1><p>Any page of the customer's product.</p>
            <script src="{server.BaseUrl}/widget.js" data-survey="{survey.Id}" data-user-token="{userToken}" async></script></body></html>
            """;

        await using var desk = await server.NewContextAsync();
        var manager = await server.SignInAsync(desk, BrowserServer.ManagerEmail);
        var dashboard = $"/dashboards/executive?period=custom&from={From}&to={To}";
        await PageChecks.LoadAsync(server, manager, "survey-executive-before", dashboard);
        var before = await PageChecks.CardValueAsync(manager, "nps");
        var apiBefore = (await PageChecks.ApiValuesAsync(server, ["nps"], From, To, period: "range"))[("nps", "all")];
        Assert.Equal(PageChecks.Display("nps", apiBefore), before);

        // 1. The public page on a phone, without script: score 9, then a comment, then thanks.
        await using (var phone = await server.NewContextAsync(390, 844))
        {
            var page = await phone.NewPageAsync();
            var dialogs = 0;
            page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
            var url = new Uri(SurveyJson.LinkUrl(server.BaseUrl, link.Token)).PathAndQuery;
            var shown = await page.GotoAsync(url);
            Assert.Equal(200, shown!.Status);
            Assert.Equal(0, await page.EvaluateAsync<int>("() => document.scripts.length"));
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390);
            await page.ScreenshotAsync(new() { Path = Path.Combine(DocsImages, "survey-score.png"), FullPage = true });
            await page.CheckAsync("input[name=score][value='9']");
            await PageChecks.NavigateByAsync(page, () => page.ClickAsync("button[type=submit]"));
            Assert.Equal(1, await page.Locator("textarea[name=comment]").CountAsync());
            await page.FillAsync("textarea[name=comment]", "Zanzibar reports save us hours <script>alert(1)</script>");
            await page.ScreenshotAsync(new() { Path = Path.Combine(DocsImages, "survey-comment.png"), FullPage = true });
            await PageChecks.NavigateByAsync(page, () => page.ClickAsync("button.s-button"));
            Assert.Contains("Thank you!", await page.InnerTextAsync("main"));
            await page.ScreenshotAsync(new() { Path = Path.Combine(DocsImages, "survey-thanks.png"), FullPage = true });
            // Replayed after close: refused with a page, not an error.
            var replay = await page.GotoAsync(url);
            Assert.Equal(410, replay!.Status);
            Assert.Equal(0, dialogs);
        }

        // 2. The widget on the other origin: score 10 and a comment; reloaded, it does not ask again (throttled).
        await using (var product = await server.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 800 } }))
        {
            var page = await product.NewPageAsync();
            var failures = new List<string>();
            page.Console += (_, message) => { if (message.Type == "error") failures.Add(message.Text); };
            await page.GotoAsync(host.Origin + "/");
            await page.WaitForSelectorAsync("[data-tenure-survey] [data-score='10']");
            await page.ScreenshotAsync(new() { Path = Path.Combine(DocsImages, "survey-widget.png") });
            await page.ClickAsync("[data-tenure-survey] [data-score='10']");
            await page.FillAsync("#tenure-survey-comment", "Quokka onboarding was smooth");
            await page.ClickAsync("[data-tenure-send]");
            await page.WaitForSelectorAsync("[data-tenure-thanks]");
            await page.ReloadAsync(new() { WaitUntil = WaitUntilState.NetworkIdle });
            Assert.Equal(0, await page.Locator("[data-tenure-survey]").CountAsync());
            Assert.Empty(failures);
        }

        // 3. Two more promoters: the NPS card changes to what the API computes for the same range.
        await PageChecks.LoadAsync(server, manager, "survey-executive-after", dashboard);
        var after = await PageChecks.CardValueAsync(manager, "nps");
        var apiAfter = (await PageChecks.ApiValuesAsync(server, ["nps"], From, To, period: "range"))[("nps", "all")];
        Assert.Equal(PageChecks.Display("nps", apiAfter), after);
        Assert.True(apiAfter > apiBefore, $"NPS {apiBefore} -> {apiAfter}: two promoters must raise it");

        // 4. Both comments in the feedback list, the script as text.
        var first = await desk.APIRequest.GetAsync("/feedback", new() { Timeout = 180_000 });
        Assert.Equal(200, first.Status);
        await PageChecks.LoadAsync(server, manager, "survey-feedback", "/feedback?q=zanzibar");
        var comments = (await manager.Locator("[data-testid=feedback-comments] td.t-comment").AllInnerTextsAsync()).Select(c => c.Trim()).ToList();
        Assert.Contains("Zanzibar reports save us hours <script>alert(1)</script>", comments);
        await manager.GotoAsync("/feedback?q=quokka");
        Assert.Contains("Quokka onboarding was smooth", (await manager.Locator("[data-testid=feedback-comments] td.t-comment").AllInnerTextsAsync()).Select(c => c.Trim()));
    }

    /// <summary>A tiny Kestrel app on 127.0.0.1 and a free port: GET / answers <see cref="Html"/>.</summary>
    private sealed class HostPage : IAsyncDisposable
    {
        private readonly WebApplication app;

        private HostPage(WebApplication app) => this.app = app;

        public string Html { get; set; } = "<!DOCTYPE html><title>Host app</title>";

        public string Origin => app.Urls.First().TrimEnd('/');

        public static async Task<HostPage> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var page = new HostPage(app);
            app.MapGet("/", () => Results.Content(page.Html, "text/html; charset=utf-8"));
            await app.StartAsync();
            return page;
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
