using System.Net;
using System.Text;

using Tenure.Storage;
using Tenure.Testing;
using Tenure.Web.Errors;

namespace Tenure.Web.Tests;

/// <summary>/api/v1/alerts and /api/v1/webhooks at the test server's now, 2024-06-15.</summary>
public sealed class AlertsApiTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private const string Accounts = "account_id,name,created_at,csm\nX1,Xenon,2020-01-01,ann\nY1,Yak,2020-01-01,bo\n";

    // X1: NPS 2 from u7 the day before now -> a detractor alert. Y1: NPS 9 -> none.
    private const string Surveys = "response_id,survey,account_id,user_id,score,scale,submitted_at\nr1,nps,X1,u7,2,0-10,2024-06-14\nr2,nps,Y1,u1,9,0-10,2024-06-14\n";

    private static async Task<(TenureTestServer Server, HttpClient Client)> StartAsync(PostgresServer postgres)
    {
        // The hosted evaluation is off here: these tests drive POST /alerts/evaluate themselves.
        var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres, new Dictionary<string, string?> { ["Tenure:Alerts:Evaluate"] = "false" });
        var client = await server.ClientAsync(role: ApiKeyRole.Admin);
        Assert.Equal(HttpStatusCode.OK, (await client.PostCsvAsync("accounts", Accounts)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostCsvAsync("surveys", Surveys)).StatusCode);
        return (server, client);
    }

    [Fact]
    public async Task EvaluateListResolve_WithTheContractShape()
    {
        var (server, client) = await StartAsync(postgres);
        await using var _ = server;

        var evaluated = await (await client.PostAsync("/api/v1/alerts/evaluate", null, Token)).JsonAsync(HttpStatusCode.OK);
        var again = await (await client.PostAsync("/api/v1/alerts/evaluate", null, Token)).JsonAsync(HttpStatusCode.OK);
        var list = await (await client.Get("/api/v1/alerts")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(["detractor"], evaluated.GetProperty("opened").EnumerateArray().Select(a => a.GetProperty("rule").GetString()));
        Assert.Equal("not available until the churn model is trained", evaluated.GetProperty("not_evaluated").GetProperty("churn-risk").GetString());
        Assert.Equal(0, again.GetProperty("opened").GetArrayLength());
        Assert.Equal(1, again.GetProperty("still_open").GetInt32());
        var alert = Assert.Single(list.GetProperty("alerts").EnumerateArray());
        Assert.Equal(["id", "rule", "account_id", "csm", "opened_at", "status", "reason", "resolved_at", "resolution"], alert.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("detractor", "X1", "ann", "2024-06-15T00:00:00Z", "open", "NPS 2 from u7 on 2024-06-14"),
            (alert.GetProperty("rule").GetString(), alert.GetProperty("account_id").GetString(), alert.GetProperty("csm").GetString(),
             alert.GetProperty("opened_at").GetString(), alert.GetProperty("status").GetString(), alert.GetProperty("reason").GetString()));

        var id = alert.GetProperty("id").GetInt64();
        var resolved = await (await client.PostAsync($"/api/v1/alerts/{id}/resolve", null, Token)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("resolved", "by_hand"), (resolved.GetProperty("status").GetString(), resolved.GetProperty("resolution").GetString()));
        Assert.Equal(0, (await (await client.Get("/api/v1/alerts")).JsonAsync(HttpStatusCode.OK)).GetProperty("alerts").GetArrayLength());
        Assert.Equal(1, (await (await client.Get("/api/v1/alerts?status=all")).JsonAsync(HttpStatusCode.OK)).GetProperty("alerts").GetArrayLength());
        await (await client.PostAsync("/api/v1/alerts/999/resolve", null, Token)).ProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        var badStatus = await (await client.Get("/api/v1/alerts?status=closed")).ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidParameter);
        Assert.Equal("status 'closed' is not one of open, all.", badStatus.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Rules_ImpossibleThreshold_IsRefusedAndNothingSaved()
    {
        var (server, client) = await StartAsync(postgres);
        await using var _ = server;
        var before = await (await client.Get("/api/v1/alerts/rules")).Content.ReadAsStringAsync(Token);

        var bad = await client.PutAsync("/api/v1/alerts/rules", new StringContent("""{"rules":{"usage-drop":{"threshold":150}}}""", Encoding.UTF8, "application/json"), Token);
        var unknown = await client.PutAsync("/api/v1/alerts/rules", new StringContent("""{"rules":{"mrr-drop":{}}}""", Encoding.UTF8, "application/json"), Token);
        var after = await (await client.Get("/api/v1/alerts/rules")).Content.ReadAsStringAsync(Token);
        var good = await client.PutAsync("/api/v1/alerts/rules", new StringContent("""{"rules":{"detractor":{"enabled":false}}}""", Encoding.UTF8, "application/json"), Token);
        var evaluated = await (await client.PostAsync("/api/v1/alerts/evaluate", null, Token)).JsonAsync(HttpStatusCode.OK);

        var problem = await bad.ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidInput);
        Assert.Equal("alerts.json: rules.usage-drop.threshold: 150 is impossible for usage-drop: must be more than 0 and at most 100 (a drop is more than 0 % and at most 100 %); nothing was saved.",
            problem.GetProperty("detail").GetString());
        Assert.StartsWith("alerts.json: rules.mrr-drop: unknown rule 'mrr-drop'", (await unknown.ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidInput)).GetProperty("detail").GetString());
        Assert.Equal(before, after);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(0, evaluated.GetProperty("opened").GetArrayLength());
        Assert.Equal("disabled", evaluated.GetProperty("not_evaluated").GetProperty("detractor").GetString());
    }

    [Fact]
    public async Task Webhooks_AddListDeliveriesRemove_AdminOnly()
    {
        var (server, client) = await StartAsync(postgres);
        await using var _ = server;
        var reader = await server.ClientAsync(role: ApiKeyRole.Write);

        var ftp = await client.PostAsync("/api/v1/webhooks", new StringContent("""{"url":"ftp://example.com/x","secret":"0123456789abcdef"}""", Encoding.UTF8, "application/json"), Token);
        var listEmpty = await (await client.Get("/api/v1/webhooks")).JsonAsync(HttpStatusCode.OK);
        var added = await (await client.PostAsync("/api/v1/webhooks", new StringContent("""{"url":"https://hooks.example.com/t","secret":"0123456789abcdef","events":["alert.opened"]}""", Encoding.UTF8, "application/json"), Token)).JsonAsync(HttpStatusCode.OK);
        await client.PostAsync("/api/v1/alerts/evaluate", null, Token);
        var id = added.GetProperty("id").GetInt64();
        var deliveries = await (await client.Get($"/api/v1/webhooks/{id}/deliveries")).JsonAsync(HttpStatusCode.OK);
        var forbidden = await reader.Get("/api/v1/webhooks");
        var removed = await client.DeleteAsync($"/api/v1/webhooks/{id}", Token);
        var gone = await client.DeleteAsync($"/api/v1/webhooks/{id}", Token);

        Assert.StartsWith("url: 'ftp://example.com/x' is not an http:// or https:// URL", (await ftp.ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidInput)).GetProperty("detail").GetString());
        Assert.Equal(0, listEmpty.GetProperty("webhooks").GetArrayLength());
        Assert.Equal(["id", "url", "events", "created_at"], added.EnumerateObject().Select(p => p.Name)); // never the secret
        var delivery = Assert.Single(deliveries.GetProperty("deliveries").EnumerateArray());
        Assert.Equal(("alert.opened", "pending", 0), (delivery.GetProperty("event").GetString(), delivery.GetProperty("status").GetString(), delivery.GetProperty("attempts").GetInt32()));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    /// <summary>An ingest changes the data version; once the cache loads it (any read, or the dashboards' warm-up check), the rules run by themselves.</summary>
    [Fact]
    public async Task Ingest_ThenARead_EvaluatesTheRulesInTheBackground()
    {
        await using var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres);
        var client = await server.ClientAsync(role: ApiKeyRole.Admin);
        await client.PostCsvAsync("accounts", Accounts);
        await client.PostCsvAsync("surveys", Surveys);

        await client.Get("/api/v1/health"); // loads the new data version: the data-changed point
        var open = 0;
        for (var i = 0; i < 300 && open == 0; i++)
        {
            open = (await (await client.Get("/api/v1/alerts")).JsonAsync(HttpStatusCode.OK)).GetProperty("alerts").GetArrayLength();
            if (open == 0) await Task.Delay(100, Token);
        }

        Assert.Equal(1, open);
    }
}
