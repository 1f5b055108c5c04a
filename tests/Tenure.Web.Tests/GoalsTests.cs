using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;

using Tenure.Storage;
using Tenure.Storage.Goals;
using Tenure.Storage.Users;
using Tenure.Testing;

namespace Tenure.Web.Tests;

/// <summary>
/// Goals (issue #12 item 5) through the real app and database: the API (PUT/GET/DELETE /api/v1/goals), the goals page
/// and a card's progress. <see cref="SampleData"/>: A1 (ann, enterprise) MRR 2400, A2 (bo, smb) 200, A3 (ann, smb) 200.
/// </summary>
public abstract partial class GoalsTests(PostgresServer postgres, Provider provider)
{
    private const string Tenant = "acme";
    private const string Password = "correct horse battery staple";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Api_SetListReplaceRemove()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var admin = await server.ClientAsync(Tenant, ApiKeyRole.Admin);
        await SampleData.LoadAsync(admin);

        var set = await (await admin.PutAsync("/api/v1/goals", Json("""{"metric":"churn-rate","target":5,"direction":"at_most","period":"month"}"""), Token)).JsonAsync(HttpStatusCode.OK);
        var replaced = await (await admin.PutAsync("/api/v1/goals", Json("""{"metric":"churn-rate","target":4.5,"period":"month"}"""), Token)).JsonAsync(HttpStatusCode.OK);
        await (await admin.PutAsync("/api/v1/goals", Json("""{"metric":"nps","target":50,"period":"quarter","segment":"smb"}"""), Token)).JsonAsync(HttpStatusCode.OK);
        var list = await (await admin.Get("/api/v1/goals")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("at_most", set.GetProperty("direction").GetString());
        Assert.Equal(5m, set.GetProperty("target").GetDecimal());
        Assert.Equal("%", set.GetProperty("unit").GetString());
        Assert.Equal(4.5m, replaced.GetProperty("target").GetDecimal());
        Assert.Equal("at_most", replaced.GetProperty("direction").GetString()); // churn: lower is better
        var goals = list.GetProperty("goals").EnumerateArray().ToList();
        Assert.Equal(["churn-rate", "nps"], goals.Select(g => g.GetProperty("metric").GetString()));
        Assert.Equal("segment", goals[1].GetProperty("scope").GetString());
        Assert.Equal("smb", goals[1].GetProperty("segment").GetString());
        Assert.Equal("at_least", goals[1].GetProperty("direction").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/goals?metric=nps&period=quarter&segment=smb", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/v1/goals?metric=nps&period=quarter&segment=smb", Token)).StatusCode);
        Assert.Equal(["churn-rate"], (await GoalStore.ListAsync(server.Database, Tenant, Token)).Select(g => g.Goal.MetricId));
    }

    [Theory]
    [InlineData("""{"metric":"nope","target":5,"period":"month"}""", "metric")]
    [InlineData("""{"metric":"customers","target":-5,"period":"month"}""", "target")]
    [InlineData("""{"metric":"churn-rate","target":101,"period":"month"}""", "target")]
    [InlineData("""{"metric":"nps","target":1e308,"period":"month"}""", "target")]
    [InlineData("""{"metric":"nps","target":"NaN","period":"month"}""", "target")]
    [InlineData("""{"metric":"nps","target":50,"period":"week"}""", "period")]
    [InlineData("""{"metric":"nps","target":50,"period":"month","csm":"zed"}""", "csm")]
    [InlineData("""{"metric":"nps","target":50,"period":"month","segment":"SMB"}""", "segment")]
    [InlineData("""{"metric":"nps","target":50,"period":"month","colour":"red"}""", "colour")]
    [InlineData("""{"metric":"nps","metric":"csat","target":50,"period":"month"}""", "body")]
    [InlineData("""[1,2]""", "body")]
    public async Task Api_BadInput_400NamingTheField_NothingSaved(string body, string field)
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var admin = await server.ClientAsync(Tenant, ApiKeyRole.Admin);
        await SampleData.LoadAsync(admin);

        var problem = await (await admin.PutAsync("/api/v1/goals", Json(body), Token)).ProblemAsync(HttpStatusCode.BadRequest, "urn:tenure:problem:invalid-input");

        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
        Assert.EndsWith("Nothing was saved.", problem.GetProperty("detail").GetString());
        Assert.Empty(await GoalStore.ListAsync(server.Database, Tenant, Token));
    }

    [Fact]
    public async Task Api_ReadKeyMaySee_ButNotSet_AndRepeatedDeleteParametersAreRefused()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var reader = await server.ClientAsync(Tenant, ApiKeyRole.Read);
        var admin = await server.ClientAsync(Tenant, ApiKeyRole.Admin);

        Assert.Equal(HttpStatusCode.OK, (await reader.Get("/api/v1/goals")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PutAsync("/api/v1/goals", Json("""{"metric":"nps","target":50,"period":"month"}"""), Token)).StatusCode);
        var repeated = await (await admin.DeleteAsync("/api/v1/goals?metric=nps&metric=csat&period=month", Token)).ProblemAsync(HttpStatusCode.BadRequest, "urn:tenure:problem:invalid-input");
        Assert.Contains("metric: given 2 times", repeated.GetProperty("detail").GetString());
        Assert.Empty(await GoalStore.ListAsync(server.Database, Tenant, Token));
    }

    [Fact]
    public async Task Card_ShowsProgressTowardTheGoalOfItsPeriodAndScope()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var admin = await server.ClientAsync(Tenant, ApiKeyRole.Admin);
        await SampleData.LoadAsync(admin);
        await (await admin.PutAsync("/api/v1/goals", Json("""{"metric":"mrr","target":3000,"period":"month"}"""), Token)).JsonAsync(HttpStatusCode.OK);
        await (await admin.PutAsync("/api/v1/goals", Json("""{"metric":"mrr","target":2500,"period":"month","csm":"ann"}"""), Token)).JsonAsync(HttpStatusCode.OK);
        await (await admin.PutAsync("/api/v1/goals", Json("""{"metric":"mrr","target":1000,"period":"quarter"}"""), Token)).JsonAsync(HttpStatusCode.OK);
        var manager = await SignedInAsync(server, "mia@example.com", DashboardRole.Manager, null);
        var ann = await SignedInAsync(server, "ann@example.com", DashboardRole.Csm, "ann");

        var all = WebUtility.HtmlDecode(await (await manager.Get("/dashboards/saas?period=month&date=2024-05-01")).Content.ReadAsStringAsync(Token));
        var book = WebUtility.HtmlDecode(await (await ann.Get("/dashboards/saas?period=month&date=2024-05-01")).Content.ReadAsStringAsync(Token));

        // May 2024's MRR for every account: A1 2 x 1200 + A2 2400 / 12 + A3 600 / 3 = 2400 + 200 + 200 = 2800, 200 short of 3000.
        Assert.Contains("Goal ≥ 3,000 per month · May 2024: missed by 200.00", all);
        // The quarter goal is not compared with a month: the card links to the quarter view instead.
        Assert.Contains("Goal ≥ 1,000 per quarter: <a href=\"/dashboards/saas?date=2024-05-01&period=quarter\"", all);
        // ann's book (own book on): A1 2400 + A3 200 = 2600 >= 2500; the workspace goal is not hers to compare.
        Assert.Contains("Goal ≥ 2,500 per month, csm=ann · May 2024: met", book);
        Assert.DoesNotContain("Goal ≥ 3,000 per month", book);
    }

    [Fact]
    public async Task Page_ManagerSetsAndRemoves_BadInputAndCsmAreRefused()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        await SampleData.LoadAsync(await server.ClientAsync(Tenant));
        var manager = await SignedInAsync(server, "mia@example.com", DashboardRole.Manager, null);
        var csm = await SignedInAsync(server, "ann@example.com", DashboardRole.Csm, "ann");
        var page = await (await manager.Get("/goals")).Content.ReadAsStringAsync(Token);

        Dictionary<string, string> Form(string target) => new()
        {
            ["_handler"] = "goal-set",
            ["__RequestVerificationToken"] = FormToken(page),
            ["SetInput.Metric"] = "churn-rate",
            ["SetInput.Direction"] = "",
            ["SetInput.Target"] = target,
            ["SetInput.Period"] = "month",
            ["SetInput.Csm"] = "",
            ["SetInput.Segment"] = "smb",
        };
        var impossible = await manager.PostAsync("/goals", new FormUrlEncodedContent(Form("120")), Token);
        var twice = await manager.PostAsync("/goals", new FormUrlEncodedContent([.. Form("5"), new("SetInput.Target", "6")]), Token);
        Assert.Empty(await GoalStore.ListAsync(server.Database, Tenant, Token));
        var saved = await manager.PostAsync("/goals", new FormUrlEncodedContent(Form("5")), Token);
        var stored = Assert.Single(await GoalStore.ListAsync(server.Database, Tenant, Token));
        var csmPage = await (await csm.Get("/goals")).Content.ReadAsStringAsync(Token);
        var csmPost = await csm.PostAsync("/goals", new FormUrlEncodedContent(new Dictionary<string, string>(Form("1")) { ["__RequestVerificationToken"] = FormToken(csmPage) }), Token);
        var listed = await (await manager.Get("/goals")).Content.ReadAsStringAsync(Token);
        var removed = await manager.PostAsync("/goals", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "goal-remove",
            ["__RequestVerificationToken"] = FormToken(listed),
            ["RemoveInput.Key"] = "churn-rate|month|segment|smb",
        }), Token);

        Assert.Equal(HttpStatusCode.BadRequest, impossible.StatusCode);
        Assert.Contains("target: 120 is impossible for churn-rate", WebUtility.HtmlDecode(await impossible.Content.ReadAsStringAsync(Token)));
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("SetInput.Target: given more than once", WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync(Token)));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("mia@example.com", stored.UpdatedBy);
        Assert.Equal(Metrics.Goals.GoalScope.Segment("smb"), stored.Goal.Scope);
        Assert.Equal(5m, stored.Goal.Target);
        Assert.DoesNotContain("data-testid=\"goal-save\"", csmPage); // a CSM sees the goals and a disabled form, no button
        Assert.Equal(HttpStatusCode.Forbidden, csmPost.StatusCode);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Empty(await GoalStore.ListAsync(server.Database, Tenant, Token));
    }

    internal static async Task<HttpClient> SignedInAsync(TenureTestServer server, string email, DashboardRole role, string? csm)
    {
        await DashboardUsers.CreateAsync(server.Database, Tenant, email, role, csm, Password, Token);
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

    internal static string FormToken(string html) =>
        AntiforgeryToken().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("no antiforgery token");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed class GoalsTestsOnSqlite(PostgresServer postgres) : GoalsTests(postgres, Provider.Sqlite);

public sealed class GoalsTestsOnPostgres(PostgresServer postgres) : GoalsTests(postgres, Provider.PostgreSql);
