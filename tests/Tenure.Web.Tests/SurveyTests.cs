using System.Globalization;
using System.Net;
using System.Text;

using Microsoft.Extensions.DependencyInjection;

using Tenure.Storage;
using Tenure.Storage.Surveys;
using Tenure.Testing;
using Tenure.Web.Dashboards;
using Tenure.Web.Data;
using Tenure.Web.Errors;

namespace Tenure.Web.Tests;

/// <summary>
/// Surveys through the server (docs/surveys.md): the public two-step page of a signed link, the widget's endpoints
/// with their origin checks, refusals, throttling, and CSAT after a resolved ticket down to CSAT per agent. Answers
/// are stamped with the server's clock (the test server's fake one).
/// </summary>
public sealed class SurveyTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private const string Accounts = "account_id,name,created_at,csm\nA1,Alpha,2020-01-01,ann\nB1,Beta,2020-01-01,bo\n";

    /// <summary>One period holding every instant a test can run at.</summary>
    private const string AllTime = "from=2020-01-01&to=2200-01-01&period=range";

    private static async Task<(TenureTestServer Server, HttpClient Admin)> StartAsync(PostgresServer postgres)
    {
        var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres, new Dictionary<string, string?> { ["Tenure:Alerts:Evaluate"] = "false" });
        var admin = await server.ClientAsync(role: ApiKeyRole.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostCsvAsync("accounts", Accounts)).StatusCode);
        return (server, admin);
    }

    private static async Task<string> CreateSurveyAsync(HttpClient admin, string json) =>
        (await (await admin.PostJsonAsync("survey-definitions", json)).JsonAsync(HttpStatusCode.OK)).GetProperty("id").GetString()!;

    /// <summary>The path (/s/{token}) of a new link.</summary>
    private static async Task<string> LinkAsync(HttpClient admin, string survey, string account, string? user = null, string? ticket = null)
    {
        var body = $"{{\"account\": \"{account}\", \"user\": {(user is null ? "null" : $"\"{user}\"")}, \"ticket\": {(ticket is null ? "null" : $"\"{ticket}\"")}, \"base_url\": \"https://tenure.example\"}}";
        var send = await (await admin.PostJsonAsync($"survey-definitions/{survey}/links", body)).JsonAsync(HttpStatusCode.OK);
        return new Uri(send.GetProperty("url").GetString()!).AbsolutePath;
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, params (string Name, string Value)[] fields) =>
        client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))), Token);

    private static async Task<string> HtmlAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return text;
    }

    private static async Task<decimal?> MetricAsync(HttpClient client, string metric)
    {
        var json = await (await client.Get($"/api/v1/metrics?{AllTime}&metric={metric}")).JsonAsync(HttpStatusCode.OK);
        var value = json.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("segment").GetString() == "all").GetProperty("value");
        return value.ValueKind == System.Text.Json.JsonValueKind.Null ? null : value.GetDecimal();
    }

    [Fact]
    public async Task PublicPage_TwoStepsWithoutScript_OneAnswerInNpsResponseRateAndFeedback()
    {
        var (server, admin) = await StartAsync(postgres);
        await using var _ = server;
        var survey = await CreateSurveyAsync(admin, "{\"type\": \"nps\", \"name\": \"Quarterly NPS\"}");
        var link = await LinkAsync(admin, survey, "A1", "u1");
        await LinkAsync(admin, survey, "B1", "u2"); // sent, never answered
        var person = server.AnonymousClient();

        var ask = await HtmlAsync(await person.Get(link), HttpStatusCode.OK);
        var follow = await HtmlAsync(await PostFormAsync(person, link, ("score", "3")), HttpStatusCode.OK);
        var changed = await HtmlAsync(await PostFormAsync(person, link, ("score", "10")), HttpStatusCode.OK); // answering again updates the answer
        var thanks = await HtmlAsync(await PostFormAsync(person, link + "/comment", ("comment", "<script>alert('x')</script> Fast support")), HttpStatusCode.OK);
        var replay = await HtmlAsync(await person.Get(link), HttpStatusCode.Gone);
        var replayedPost = await HtmlAsync(await PostFormAsync(person, link, ("score", "0")), HttpStatusCode.Gone);

        Assert.Contains("How likely are you to recommend us to a friend or colleague?", ask);
        Assert.Contains($"action=\"{link}\"", ask);
        Assert.Equal(11, ask.Split("name=\"score\"").Length - 1); // 0..10
        Assert.DoesNotContain("<script", ask);
        Assert.Contains("Help us by explaining your score.", follow);
        Assert.Contains("name=\"comment\"", follow);
        Assert.Contains("(you gave 10)", changed);
        Assert.Contains("Thank you!", thanks);
        Assert.Contains("Already answered", replay);
        Assert.Contains("Already answered", replayedPost);

        // One answer, 10: 1 promoter of 1 response -> NPS (1 - 0) / 1 x 100 = 100. Two sends, one answered -> 50 %.
        Assert.Equal(100m, await MetricAsync(admin, "nps"));
        Assert.Equal(50m, await MetricAsync(admin, "response-rate"));
        var comments = await (await admin.Get($"/api/v1/feedback/comments?{AllTime[..AllTime.LastIndexOf('&')]}")).JsonAsync(HttpStatusCode.OK);
        var comment = Assert.Single(comments.GetProperty("comments").EnumerateArray());
        Assert.Equal("<script>alert('x')</script> Fast support", comment.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Answers_AreAppliedToTheWarmTenantInMemory_EqualToAFreshLoad()
    {
        var (server, admin) = await StartAsync(postgres);
        await using var _ = server;
        var survey = await CreateSurveyAsync(admin, "{\"type\": \"nps\", \"name\": \"Quarterly NPS\"}");
        var link = await LinkAsync(admin, survey, "A1", "u1");
        await LinkAsync(admin, survey, "B1", "u2");
        var cache = server.Services.GetRequiredService<TenantDataCache>();
        var loaded = await cache.GetCurrentAsync("acme", Token); // the tenant is warm, with both sends
        var person = server.AnonymousClient();

        await HtmlAsync(await PostFormAsync(person, link, ("score", "3")), HttpStatusCode.OK);
        await HtmlAsync(await PostFormAsync(person, link, ("score", "10")), HttpStatusCode.OK);
        await HtmlAsync(await PostFormAsync(person, link + "/comment", ("comment", "Fast support")), HttpStatusCode.OK);

        // Each write waited until reads see it: the snapshot is at the stored version, made in memory from the one
        // loaded before the answers (no reload), and row for row what a load of the database gives.
        var snapshot = cache.Loaded("acme")!;
        Assert.Equal(await StoredData.DataVersionAsync(server.Database, "acme", Token), snapshot.Version);
        Assert.True(snapshot.Version >= loaded.Version + 6, $"three answers write two versions each; {loaded.Version} -> {snapshot.Version}");
        Assert.Equal(loaded.LoadedVersion, snapshot.LoadedVersion);
        var fresh = await StoredData.LoadAsync(server.Database, "acme", Token);
        Assert.Equal(fresh.Surveys, snapshot.Data.Surveys);
        Assert.Equal(fresh.SurveySends!, snapshot.Data.SurveySends!);
        Assert.Equal(fresh.Present, snapshot.Data.Present);
        var answer = Assert.Single(snapshot.Data.Surveys);
        Assert.Equal((10, "Fast support", "A1", "u1"), (answer.Score, answer.Comment, answer.AccountId, answer.UserId));

        // One promoter of one response: NPS 100; two sends, one answered: response-rate 50 %.
        Assert.Equal(100m, await MetricAsync(admin, "nps"));
        Assert.Equal(50m, await MetricAsync(admin, "response-rate"));
    }

    [Fact]
    public async Task CommentPage_ShowsAScriptCommentAsText()
    {
        var (server, admin) = await StartAsync(postgres);
        await using var _ = server;
        var survey = await CreateSurveyAsync(admin, "{\"type\": \"csat\", \"name\": \"CSAT\", \"scale\": \"faces\"}");
        var link = await LinkAsync(admin, survey, "A1", "u1");
        var person = server.AnonymousClient();

        var faces = await HtmlAsync(await person.Get(link), HttpStatusCode.OK);
        await HtmlAsync(await PostFormAsync(person, link, ("score", "4")), HttpStatusCode.OK);
        var tooLong = "<script>alert(1)</script>" + new string('x', SurveyRules.MaxCommentLength);
        var refused = await HtmlAsync(await PostFormAsync(person, link + "/comment", ("comment", tooLong)), HttpStatusCode.BadRequest);
        var outOfScale = await HtmlAsync(await PostFormAsync(person, link, ("score", "6")), HttpStatusCode.BadRequest);

        Assert.Equal(5, faces.Split("name=\"score\"").Length - 1); // faces: 1..5
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", refused);
        Assert.DoesNotContain("<script>", refused);
        Assert.Contains("comment: longer than 2000 characters.", refused);
        Assert.Contains("score: &#x27;6&#x27; is not a whole number from 1 to 5.", outOfScale);
    }

    [Fact]
    public async Task Links_ForgedExpiredPausedUnknownAndThrottled_Refused()
    {
        var (server, admin) = await StartAsync(postgres);
        await using var _ = server;
        var survey = await CreateSurveyAsync(admin, "{\"type\": \"nps\", \"name\": \"Quarterly NPS\"}");
        var link = await LinkAsync(admin, survey, "A1", "u1");
        var token = link["/s/".Length..];
        var person = server.AnonymousClient();
        // Expired: a link made 31 days ago, valid for 30.
        string expired;
        await using (var past = TenureDatabase.Open(server.Database.Location, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(server.Clock.GetUtcNow().AddDays(-31))))
            expired = (await SurveySends.CreateLinkAsync(past, "acme", survey, "B1", "u9", expiresDays: 30, cancellationToken: Token)).Token;
        var payload = SurveyToken.ReadUnverified(token)!;
        var otherAccount = SurveyToken.Sign(payload with { AccountId = "B1" }, new byte[32]);
        var spliced = otherAccount[..otherAccount.IndexOf('.', StringComparison.Ordinal)] + token[token.IndexOf('.', StringComparison.Ordinal)..];

        Assert.Contains("Invalid survey link", await HtmlAsync(await person.Get("/s/" + spliced), HttpStatusCode.Forbidden));
        Assert.Contains("Invalid survey link", await HtmlAsync(await PostFormAsync(person, "/s/" + spliced, ("score", "0")), HttpStatusCode.Forbidden));
        Assert.Contains("Invalid survey link", await HtmlAsync(await person.Get("/s/" + otherAccount), HttpStatusCode.Forbidden));
        Assert.Contains("Invalid survey link", await HtmlAsync(await person.Get("/s/garbage"), HttpStatusCode.BadRequest));
        Assert.Contains("has expired", await HtmlAsync(await person.Get("/s/" + expired), HttpStatusCode.Gone));
        var throttled = await (await admin.PostJsonAsync($"survey-definitions/{survey}/links", "{\"account\": \"A1\", \"user\": \"u1\"}")).ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidInput);
        Assert.Contains("at most once per 90 days (throttle-days)", throttled.GetProperty("detail").GetString());
        await (await admin.PostJsonAsync($"survey-definitions/{survey}/pause", "{}")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains("Survey paused", await HtmlAsync(await person.Get(link), HttpStatusCode.Forbidden));
        var scale = await (await admin.PostJsonAsync("survey-definitions", "{\"type\": \"nps\", \"name\": \"x\", \"scale\": \"1-5\"}")).ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidInput);
        Assert.StartsWith("scale: '1-5' is not allowed: an nps survey must be on 0-10", scale.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Widget_AllowedOriginOnly_ThrottledAfterAnAnswer()
    {
        var (server, admin) = await StartAsync(postgres);
        await using var _ = server;
        var survey = await CreateSurveyAsync(admin, "{\"type\": \"nps\", \"name\": \"In-app NPS\", \"allowed_origins\": [\"https://app.example.com\"]}");
        var userToken = (await (await admin.PostJsonAsync("survey-definitions/user-tokens", "{\"account\": \"A1\", \"user\": \"u1\"}")).JsonAsync(HttpStatusCode.OK)).GetProperty("token").GetString()!;
        var host = server.AnonymousClient();
        var state = $"/api/public/surveys/{survey}/widget?token={Uri.EscapeDataString(userToken)}";
        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string origin, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            request.Headers.Add("Origin", origin);
            return await host.SendAsync(request, Token);
        }
        FormUrlEncodedContent Form(params (string, string)[] fields) => new(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));

        var foreign = await SendAsync(HttpMethod.Get, state, "https://evil.example");
        var lookalike = await SendAsync(HttpMethod.Get, state, "https://app.example.com:8443");
        var preflight = await SendAsync(HttpMethod.Options, $"/api/public/surveys/{survey}/widget/score", "https://app.example.com");
        var asked = await (await SendAsync(HttpMethod.Get, state, "https://app.example.com")).JsonAsync(HttpStatusCode.OK);
        var foreignPost = await SendAsync(HttpMethod.Post, $"/api/public/surveys/{survey}/widget/score", "https://evil.example", Form(("token", userToken), ("score", "2")));
        var scored = await SendAsync(HttpMethod.Post, $"/api/public/surveys/{survey}/widget/score", "https://app.example.com", Form(("token", userToken), ("score", "9")));
        var responseId = (await scored.JsonAsync(HttpStatusCode.OK)).GetProperty("response_id").GetString()!;
        var commented = await SendAsync(HttpMethod.Post, $"/api/public/surveys/{survey}/widget/comment", "https://app.example.com",
            Form(("token", userToken), ("response_id", responseId), ("comment", "Reports are great")));
        var after = await (await SendAsync(HttpMethod.Get, state, "https://app.example.com")).JsonAsync(HttpStatusCode.OK);
        var forged = await SendAsync(HttpMethod.Get, state[..^4] + "AAAA", "https://app.example.com");

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.False(foreign.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.Forbidden, lookalike.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal("https://app.example.com", preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.True(asked.GetProperty("show").GetBoolean());
        Assert.Equal((0, 10), (asked.GetProperty("min").GetInt32(), asked.GetProperty("max").GetInt32()));
        Assert.Equal(HttpStatusCode.Forbidden, foreignPost.StatusCode);
        Assert.Equal("https://app.example.com", scored.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(HttpStatusCode.OK, commented.StatusCode);
        Assert.False(after.GetProperty("show").GetBoolean()); // answered: not asked again within 90 days
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        // One answer, 9: 1 promoter of 1 -> NPS 100; no sends (the widget sends nothing) -> response-rate unavailable.
        Assert.Equal(100m, await MetricAsync(admin, "nps"));
        Assert.Null(await MetricAsync(admin, "response-rate"));
    }

    [Fact]
    public async Task ResolvedTicket_QueuesACsatRequest_AnsweredIntoCsatPerAgent()
    {
        var (server, admin) = await StartAsync(postgres);
        await using var _ = server;
        await CreateSurveyAsync(admin, "{\"type\": \"csat\", \"name\": \"Support CSAT\", \"after_tickets\": true}");
        var now = server.Clock.GetUtcNow().UtcDateTime;
        var yesterday = now.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var lastWeek = now.AddDays(-3).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var tickets = $"ticket_id,account_id,created_at,resolved_at,agent\nT1,A1,{lastWeek},{yesterday},zoe\nT2,B1,{lastWeek},,yan\n";

        Assert.Equal(HttpStatusCode.OK, (await admin.PostCsvAsync("tickets", tickets)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostCsvAsync("tickets", tickets)).StatusCode); // the same again queues nothing more
        var queued = Assert.Single(await SurveySends.ListAsync(server.Database, "acme", status: SurveySends.PendingMail, cancellationToken: Token));
        var person = server.AnonymousClient();
        var link = "/s/" + queued.Token;
        await HtmlAsync(await PostFormAsync(person, link, ("score", "5")), HttpStatusCode.OK);
        await HtmlAsync(await PostFormAsync(person, link + "/comment", ("skip", "1")), HttpStatusCode.OK);

        Assert.Equal(("A1", "T1", "email"), (queued.AccountId, queued.TicketId, queued.Channel));
        // zoe: one CSAT answer about T1, 5 on 1-5 (positive) -> 1 / 1 = 100 % from n = 1; yan: no answer.
        var snapshot = await server.Services.GetRequiredService<TenantDataCache>().GetCurrentAsync("acme", Token);
        var today = now;
        var query = DashboardQuery.Parse(k => k switch { "period" => "month", "date" => $"{today:yyyy-MM}-01", _ => null }, today.AddDays(1), out var unused);
        var support = SupportDashboard.Build(new DashboardContext(snapshot.Data, query, () => query.Filter.Apply(snapshot.Data)));
        var csat = support.PerAgent.Columns.ToList().FindIndex(c => c.MetricId == "csat");
        Assert.Equal("100.00 % (n = 1)", support.PerAgent.Rows.Single(r => r.Label == "zoe").Cells[csat]);
    }
}
