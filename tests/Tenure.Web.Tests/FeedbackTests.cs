using System.Net;
using System.Text.RegularExpressions;

using Tenure.Storage.Users;
using Tenure.Testing;
using Tenure.Web.Errors;

namespace Tenure.Web.Tests;

/// <summary>
/// Issue #11 item 9: GET /api/v1/feedback/themes and /comments, and the Feedback page, on <see cref="SampleData.Accounts"/>
/// with five comments: F1 (A1, nps 2, detractor) "Support is slow and never replies"; F2 (A2, nps 4, detractor) "Way too
/// expensive for what we use"; F3 (A1, nps 10, promoter) "Great support team"; F4 (A3, nps 9, promoter) "Love the
/// reports"; F5 (A3, csat 5 of 1-5, promoter) a script tag. Detractors D = 2, promoters P = 3.
/// </summary>
public abstract partial class FeedbackTests(PostgresServer postgres, Provider provider)
{
    private const string Password = "correct horse battery";

    private static readonly string Surveys =
        "response_id,survey,account_id,score,scale,comment,submitted_at\n" +
        "F1,nps,A1,2,0-10,Support is slow and never replies,2024-05-01\n" +
        "F2,nps,A2,4,0-10,Way too expensive for what we use,2024-05-02\n" +
        "F3,nps,A1,10,0-10,Great support team,2024-05-03\n" +
        "F4,nps,A3,9,0-10,Love the reports,2024-05-04\n" +
        $"F5,csat,A3,5,1-5,\"{SampleData.ScriptComment.Replace("\"", "\"\"", StringComparison.Ordinal)}\",2024-05-05\n";

    private async Task<TenureTestServer> StartAsync()
    {
        var server = await TenureTestServer.StartAsync(provider, postgres);
        var writer = await server.ClientAsync();
        await (await writer.PostCsvAsync("accounts", SampleData.Accounts)).JsonAsync(HttpStatusCode.OK);
        await (await writer.PostCsvAsync("surveys", Surveys)).JsonAsync(HttpStatusCode.OK);
        return server;
    }

    [Fact]
    public async Task Themes_RankedByMentionsAndByDetractorLift()
    {
        await using var server = await StartAsync();
        var client = await server.ClientAsync(role: Storage.ApiKeyRole.Read);
        var body = await (await client.Get("/api/v1/feedback/themes")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((5, 2, 3), (body.GetProperty("comments").GetInt32(), body.GetProperty("detractors").GetInt32(), body.GetProperty("promoters").GetInt32()));
        var themes = body.GetProperty("themes").EnumerateArray().ToDictionary(t => t.GetProperty("theme").GetString()!);
        // support: F1 (d) and F3 (p): lift (1 + 1) / (2 + 2) / ((1 + 1) / (3 + 2)) = 0.5 / 0.4 = 1.25.
        Assert.Equal(2, themes["support"].GetProperty("mentions").GetInt32());
        Assert.Equal(1.25, themes["support"].GetProperty("lift").GetDouble(), 12);
        // pricing (F2) and performance (F1, "slow"): d 1, p 0: 0.5 / (1 / 5) = 2.5; reports: d 0, p 1: 0.25 / 0.4 = 0.625.
        Assert.Equal(2.5, themes["pricing"].GetProperty("lift").GetDouble(), 12);
        Assert.Equal(0.625, themes["reports"].GetProperty("lift").GetDouble(), 12);
        Assert.Equal("F1", themes["support"].GetProperty("examples")[1].GetProperty("id").GetString());
        // Drivers: the tie at 2.5 keeps dictionary order (pricing before performance); reports has no detractor mention.
        Assert.Equal(["pricing", "performance", "support"], body.GetProperty("drivers").EnumerateArray().Select(d => d.GetProperty("theme").GetString()));

        // One survey: F5 (csat) drops out, so P = 2: pricing (2 / 4) / (1 / 4) = 2.
        var nps = await (await client.Get("/api/v1/feedback/themes?survey=nps&from=2024-05-01&to=2024-06-01&by=segment")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(4, nps.GetProperty("comments").GetInt32());
        Assert.Equal(2.0, nps.GetProperty("drivers")[0].GetProperty("lift").GetDouble(), 12);
        Assert.Equal(["enterprise", "smb"], nps.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("segment").GetString()));
    }

    [Fact]
    public async Task Comments_SearchAndFilter_NewestFirst()
    {
        await using var server = await StartAsync();
        var client = await server.ClientAsync(role: Storage.ApiKeyRole.Read);
        var slow = await (await client.Get("/api/v1/feedback/comments?q=SLOW")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, slow.GetProperty("total").GetInt32());
        var f1 = slow.GetProperty("comments")[0];
        Assert.Equal(("F1", "detractor", "negative"), (f1.GetProperty("id").GetString(), f1.GetProperty("band").GetString(), f1.GetProperty("sentiment").GetString()));
        Assert.Equal(["support", "performance"], f1.GetProperty("themes").EnumerateArray().Select(t => t.GetString()));

        var detractors = await (await client.Get("/api/v1/feedback/comments?band=detractor")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["F2", "F1"], detractors.GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        var limited = await (await client.Get("/api/v1/feedback/comments?limit=2&theme=support&segment=ENTERPRISE")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, limited.GetProperty("total").GetInt32());

        // The comment is stored and returned as text; JSON escapes it.
        var script = await (await client.Get("/api/v1/feedback/comments?survey=csat")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(SampleData.ScriptComment, script.GetProperty("comments")[0].GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("by=cohort", "by")]
    [InlineData("band=blue", "band")]
    [InlineData("theme=weather", "theme")]
    [InlineData("sentiment=angry", "sentiment")]
    [InlineData("from=June", "from")]
    [InlineData("from=2024-06-01&to=2024-05-01", "to")]
    [InlineData("limit=0", "limit")]
    public async Task BadParameters_Are400NamingThem(string query, string parameter)
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync(role: Storage.ApiKeyRole.Read);
        var problem = await (await client.Get("/api/v1/feedback/comments?" + query)).ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidParameter);
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Page_ShowsThemesDriversAndComments_CommentsAsText()
    {
        await using var server = await StartAsync();
        var ct = TestContext.Current.CancellationToken;
        await DashboardUsers.CreateAsync(server.Database, "acme", "vi@example.com", DashboardRole.Viewer, null, Password, ct);
        var client = server.BrowserLikeClient();
        var signIn = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = await TokenAsync(client, "/signin"),
            ["Input.Email"] = "vi@example.com",
            ["Input.Password"] = Password,
        }), ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var html = await (await client.Get("/feedback")).Content.ReadAsStringAsync(ct);
        Assert.Contains("data-testid=\"feedback-themes\"", html, StringComparison.Ordinal);
        Assert.Contains("Way too expensive for what we use", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(", html, StringComparison.Ordinal);

        var detractors = await (await client.Get("/feedback?band=detractor&theme=pricing")).Content.ReadAsStringAsync(ct);
        Assert.Contains("Way too expensive for what we use", detractors, StringComparison.Ordinal);
        Assert.DoesNotContain("Love the reports", detractors, StringComparison.Ordinal);
        Assert.Contains("1 comments match", detractors, StringComparison.Ordinal);

        // The navigation links to the page from every page.
        Assert.Contains("href=\"/feedback\"", await (await client.Get("/accounts")).Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        var bad = await (await client.Get("/feedback?band=blue")).Content.ReadAsStringAsync(ct);
        Assert.Contains("band &#x27;blue&#x27; is not one of detractor, passive, promoter.", bad, StringComparison.Ordinal);
    }

    private static async Task<string> TokenAsync(HttpClient client, string path)
    {
        var html = await (await client.Get(path)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return AntiforgeryToken().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"no antiforgery token on {path}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed class FeedbackTestsOnSqlite(PostgresServer postgres) : FeedbackTests(postgres, Provider.Sqlite);

public sealed class FeedbackTestsOnPostgres(PostgresServer postgres) : FeedbackTests(postgres, Provider.PostgreSql);
