using System.Net;
using System.Text.RegularExpressions;

using Tenure.Storage;
using Tenure.Storage.Users;
using Tenure.Storage.Work;
using Tenure.Testing;

namespace Tenure.Web.Tests;

/// <summary>The account page's work panel and /my-work, rendered by the server, signed in as an admin, a CSM and a viewer.</summary>
public sealed partial class WorkPagesTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private const string Password = "correct horse battery staple";

    private static async Task<TenureTestServer> StartAsync(PostgresServer postgres)
    {
        var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres, new Dictionary<string, string?> { ["Tenure:Alerts:Evaluate"] = "false" });
        var client = await server.ClientAsync(Tenants.Default, ApiKeyRole.Admin);
        await client.PostCsvAsync("accounts", "account_id,name,created_at,csm\nX1,Xenon,2020-01-01,ann\nY1,Yak,2020-01-01,bo\n");
        await client.PostCsvAsync("surveys", "response_id,survey,account_id,user_id,score,scale,submitted_at\nr1,nps,X1,u7,2,0-10,2024-06-14\n");
        await client.PostAsync("/api/v1/alerts/evaluate", null, Token);
        await DashboardUsers.CreateAsync(server.Database, Tenants.Default, "admin@example.com", DashboardRole.Admin, null, Password, Token);
        await DashboardUsers.CreateAsync(server.Database, Tenants.Default, "ann@example.com", DashboardRole.Csm, "ann", Password, Token);
        await DashboardUsers.CreateAsync(server.Database, Tenants.Default, "viewer@example.com", DashboardRole.Viewer, null, Password, Token);
        var now = TenureTestServer.Now.UtcDateTime;
        await TaskStore.CreateAsync(server.Database, Tenants.Default, new NewTask("X1", "Overdue follow-up", DueAt: now.AddDays(-2)), now, Token);
        await TaskStore.CreateAsync(server.Database, Tenants.Default, new NewTask("X1", "Next week's QBR", DueAt: now.AddDays(7)), now, Token);
        await TaskStore.CreateAsync(server.Database, Tenants.Default, new NewTask("Y1", "Bo's renewal", DueAt: now.AddDays(1)), now, Token);
        return server;
    }

    private static async Task<HttpClient> SignedInAsync(TenureTestServer server, string email)
    {
        var client = server.BrowserLikeClient();
        var form = await (await client.Get("/signin")).Content.ReadAsStringAsync(Token);
        var signedIn = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = FormToken(form),
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        }), Token);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    private static async Task<string> PageAsync(HttpClient browser, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await browser.Get(path);
        var page = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == expected, $"{path}: {response.StatusCode} {page[..Math.Min(page.Length, 2000)]}");
        return WebUtility.HtmlDecode(page);
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, string page, string handler, params (string Name, string Value)[] fields) =>
        browser.PostAsync(path, new FormUrlEncodedContent(
            [new("_handler", handler), new("__RequestVerificationToken", FormToken(page)), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]), Token);

    [Fact]
    public async Task MyWork_AsTheCsm_ShowsTheirOverdueFirstTheirAlertAndNotBosTask()
    {
        await using var server = await StartAsync(postgres);
        var ann = await SignedInAsync(server, "ann@example.com");

        var page = await PageAsync(ann, "/my-work");

        Assert.Contains("href=\"/my-work\"", page); // the navigation link
        Assert.Contains("ann's work", page);
        var overdue = page.IndexOf("Overdue follow-up", StringComparison.Ordinal);
        var later = page.IndexOf("Next week's QBR", StringComparison.Ordinal);
        Assert.True(overdue >= 0 && later > overdue, "the overdue task comes first");
        Assert.Contains("2024-06-13 (overdue)", page);
        Assert.DoesNotContain("Bo's renewal", page);
        Assert.Contains("NPS 2 from u7 on 2024-06-14", page); // ann's open detractor alert
        Assert.Contains("<code>detractor</code> <a href=\"/accounts/X1\">Xenon</a> <span class=\"t-muted\">X1 · NPS 2", page); // named, as accounts.csv says
        Assert.Contains("data-testid=\"my-red\"", page);
    }

    [Fact]
    public async Task MyWork_AsAdminAndViewer_EveryonesWork_ViewerCannotComplete()
    {
        await using var server = await StartAsync(postgres);
        var admin = await SignedInAsync(server, "admin@example.com");
        var viewer = await SignedInAsync(server, "viewer@example.com");

        var adminPage = await PageAsync(admin, "/my-work");
        var bosPage = await PageAsync(admin, "/my-work?csm=bo");
        var viewerPage = await PageAsync(viewer, "/my-work");
        var refused = await PostFormAsync(viewer, "/my-work", viewerPage, "complete-my-task", ("task", "1"));

        Assert.Contains("Everyone's work", adminPage);
        Assert.Contains("Bo's renewal", adminPage);
        Assert.Contains("Overdue follow-up", adminPage);
        Assert.Contains("Bo's renewal", bosPage);
        Assert.DoesNotContain("Overdue follow-up", bosPage);
        Assert.Contains("data-testid=\"my-task\"", viewerPage);
        Assert.DoesNotContain(">Complete</button>", viewerPage);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.All(await TaskStore.ListAsync(server.Database, Tenants.Default, TaskStatusFilter.All, cancellationToken: Token), t => Assert.True(t.IsOpen));
    }

    [Fact]
    public async Task AccountPage_CsmAddsATaskWritesANoteCompletesATask_WithoutJavaScript()
    {
        await using var server = await StartAsync(postgres);
        var ann = await SignedInAsync(server, "ann@example.com");
        var page = await PageAsync(ann, "/accounts/X1");

        var added = await PostFormAsync(ann, "/accounts/X1", page, "add-task", ("title", "Send the rollout plan"), ("due_at", "2024-06-20"), ("owner", ""));
        var noted = await PostFormAsync(ann, "/accounts/X1", page, "add-note", ("text", "Sponsor worried about the price increase."), ("source", "call"));
        var completed = await PostFormAsync(ann, "/accounts/X1", page, "complete-task", ("task", "1"));
        var after = await PageAsync(ann, "/accounts/X1?saved=completed");

        Assert.Contains("data-testid=\"add-task-form\"", page);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode); // post/redirect/get
        Assert.EndsWith("/accounts/X1?saved=task#work", added.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, noted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);
        Assert.Contains("Send the rollout plan", after);
        Assert.Contains("Sponsor worried about the price increase.", after);
        Assert.Contains("Task completed.", after);
        var tasks = await TaskStore.ListAsync(server.Database, Tenants.Default, TaskStatusFilter.All, "X1", cancellationToken: Token);
        Assert.Equal(("ann", "ann@example.com"), (tasks.Single(t => t.Title == "Send the rollout plan").Owner, tasks.Single(t => t.Title == "Send the rollout plan").CreatedBy));
        Assert.Equal("ann@example.com", tasks.Single(t => t.Id == 1).CompletedBy);
        // The note is in the data the dashboards read: the account page's notes list (from the snapshot) shows it too.
        Assert.Equal(2, Regex.Matches(after, "Sponsor worried about the price increase.").Count);
    }

    [Fact]
    public async Task AccountPage_BadFormInput_4xxWithWhyAndNothingSaved()
    {
        await using var server = await StartAsync(postgres);
        var ann = await SignedInAsync(server, "ann@example.com");
        var viewer = await SignedInAsync(server, "viewer@example.com");
        var page = await PageAsync(ann, "/accounts/X1");
        var viewerPage = await PageAsync(viewer, "/accounts/X1");

        var empty = await PostFormAsync(ann, "/accounts/X1", page, "add-task", ("title", " "));
        var huge = await PostFormAsync(ann, "/accounts/X1", page, "add-task", ("title", new string('x', 10_240)));
        var year9999 = await PostFormAsync(ann, "/accounts/X1", page, "add-task", ("title", "ok"), ("due_at", "9999-01-01"));
        var repeated = await PostFormAsync(ann, "/accounts/X1", page, "add-task", ("title", "one"), ("title", "two"));
        var otherAccountsTask = await PostFormAsync(ann, "/accounts/X1", page, "complete-task", ("task", "3"));
        var byViewer = await PostFormAsync(viewer, "/accounts/X1", viewerPage, "add-note", ("text", "hello"));

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("title: required (must not be empty). Nothing was saved.", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync(Token)));
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Contains("title: 10240 characters is too long: at most 200.", WebUtility.HtmlDecode(await huge.Content.ReadAsStringAsync(Token)));
        Assert.Equal(HttpStatusCode.BadRequest, year9999.StatusCode);
        Assert.Contains("due_at: 9999-01-01 is not a plausible due date", WebUtility.HtmlDecode(await year9999.Content.ReadAsStringAsync(Token)));
        Assert.Equal(HttpStatusCode.BadRequest, repeated.StatusCode);
        Assert.Contains("title: given more than once in the form", WebUtility.HtmlDecode(await repeated.Content.ReadAsStringAsync(Token)));
        Assert.Equal(HttpStatusCode.BadRequest, otherAccountsTask.StatusCode);
        // A viewer's page has no note form, so the framework refuses a forged post to it before any handler runs.
        Assert.Equal(HttpStatusCode.BadRequest, byViewer.StatusCode);
        Assert.DoesNotContain("data-testid=\"add-note-form\"", viewerPage);
        Assert.Equal(3, (await TaskStore.ListAsync(server.Database, Tenants.Default, TaskStatusFilter.Open, cancellationToken: Token)).Count);
        Assert.Empty(await NoteStore.ListAsync(server.Database, Tenants.Default, cancellationToken: Token));
    }

    private static string FormToken(string html) =>
        AntiforgeryToken().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("no antiforgery token");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
