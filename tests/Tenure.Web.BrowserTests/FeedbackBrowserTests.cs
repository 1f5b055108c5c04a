using Microsoft.Playwright;

namespace Tenure.Web.BrowserTests;

/// <summary>The Feedback page in a real browser over the demo data: themes, drivers, the filter form, a search, output encoding.</summary>
[Collection(BrowserServer.Collection)]
public sealed class FeedbackBrowserTests(BrowserServer server)
{
    [BrowserFact]
    public async Task FeedbackPage_FiltersByBandAndSearch_ShowsAScriptCommentAsText()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.ManagerEmail);
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        // The first request after start may still be analysing the comments (and training the sentiment model) on a
        // busy machine: wait for it once with a long timeout, outside the page checks' navigation timeout.
        var first = await context.APIRequest.GetAsync("/feedback", new() { Timeout = 180_000 });
        Assert.Equal(200, first.Status);
        await PageChecks.LoadAsync(server, page, "feedback", "/feedback");
        Assert.True(await page.Locator("[data-testid=feedback-themes] tbody tr").CountAsync() > 0);
        Assert.True(await page.Locator("[data-testid=feedback-drivers] li").CountAsync() > 0);

        // The form is a plain GET: choose detractors, apply, and every listed comment is a detractor's.
        await page.SelectOptionAsync("select[name=band]", "detractor");
        await PageChecks.NavigateByAsync(page, () => page.ClickAsync("[data-testid=feedback-filters] button[type=submit]"));
        Assert.Contains("band=detractor", page.Url, StringComparison.Ordinal);
        var bands = await page.Locator("[data-testid=feedback-comments] tbody tr td:nth-child(5)").AllInnerTextsAsync();
        Assert.NotEmpty(bands);
        Assert.All(bands, b => Assert.Equal("detractor", b.Trim()));

        // Full-text search finds the comment holding a script tag; it shows as text and runs nothing.
        await page.GotoAsync("/feedback?q=alert");
        var comments = await page.Locator("[data-testid=feedback-comments] td.t-comment").AllInnerTextsAsync();
        Assert.Contains(BrowserServer.ScriptComment, comments.Select(c => c.Trim()));
        Assert.Equal(0, dialogs);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.scripts].filter(s => s.textContent.includes('alert(1)')).length"));
    }
}
