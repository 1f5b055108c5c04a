using Tenure.Storage.Work;

namespace Tenure.Web.BrowserTests;

/// <summary>The account page's work panel and My work (a part of the one browser-test class, so it never runs beside a page check).</summary>
public sealed partial class DashboardBrowserTests
{
    [BrowserFact]
    public async Task Csm_WritesANoteAndCompletesATaskOnTheAccountPage_AndSeesTheirWorkOnMyWork()
    {
        server.RequireChromium();
        var now = BrowserServer.Now.UtcDateTime;
        // An account of the CSM's book (not the one carrying the script comment other tests look at).
        var account = server.Data.Accounts.First(a => a.Csm == server.CsmName && a.AccountId != server.ScriptAccountId).AccountId;
        var overdue = await TaskStore.CreateAsync(server.Database, BrowserServer.Tenant, new NewTask(account, "Browser test: overdue call", DueAt: now.AddDays(-1)), now, Token);
        var later = await TaskStore.CreateAsync(server.Database, BrowserServer.Tenant, new NewTask(account, "Browser test: send the deck", DueAt: now.AddDays(3)), now, Token);
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.CsmEmail);

        await page.GotoAsync($"/accounts/{Uri.EscapeDataString(account)}");
        await page.FillAsync("[data-testid=note-text]", "Browser test: the sponsor asked for a roadmap session.");
        var noted = await PageChecks.NavigateByAsync(page, () => page.ClickAsync("[data-testid=add-note]"));
        server.AssertOk(noted, "adding a note");
        Assert.Equal("Note saved.", (await page.InnerTextAsync("[data-testid=work-saved]")).Trim());
        Assert.Contains("Browser test: the sponsor asked for a roadmap session.", await page.InnerTextAsync("[data-testid=work-notes]"), StringComparison.Ordinal);

        var completed = await PageChecks.NavigateByAsync(page, () => page.ClickAsync($"[data-task-id='{overdue.Id}'] [data-testid=complete-task]"));
        server.AssertOk(completed, "completing a task");
        Assert.Equal("Task completed.", (await page.InnerTextAsync("[data-testid=work-saved]")).Trim());
        Assert.Contains("completed", await page.InnerTextAsync($"[data-task-id='{overdue.Id}']"), StringComparison.Ordinal);

        await page.GotoAsync("/my-work");
        var mine = await page.InnerTextAsync("[data-testid=my-tasks]");
        Assert.Contains("Browser test: send the deck", mine, StringComparison.Ordinal);
        Assert.DoesNotContain("Browser test: overdue call", mine, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator($"[data-testid=my-task][data-task-id='{later.Id}']").CountAsync());
        Assert.Equal(BrowserServer.CsmEmail, (await TaskStore.GetAsync(server.Database, BrowserServer.Tenant, overdue.Id, Token))!.Value.Task.CompletedBy);
        Assert.Contains(await NoteStore.ListAsync(server.Database, BrowserServer.Tenant, account, cancellationToken: Token),
            n => n.Text == "Browser test: the sponsor asked for a roadmap session." && n.Author == BrowserServer.CsmEmail);
    }
}
