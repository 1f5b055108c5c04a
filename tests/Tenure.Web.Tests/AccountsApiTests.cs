using System.Net;
using System.Text.Json;

using Tenure.Testing;
using Tenure.Web.Errors;

namespace Tenure.Web.Tests;

public abstract class AccountsApiTests(PostgresServer postgres, Provider provider)
{
    private static async Task<(TenureTestServer Server, HttpClient Client)> StartWithSampleAsync(PostgresServer postgres, Provider provider)
    {
        var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync();
        await SampleData.LoadAsync(client);
        return (server, client);
    }

    private static List<string> Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("accountId").GetString()!)];

    [Fact]
    public async Task List_HasTheHandCheckedFigures_AtNowFromTheClock()
    {
        var (server, client) = await StartWithSampleAsync(postgres, provider);
        await using var _ = server;
        var page = await (await client.Get("/api/v1/accounts")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(50, page.GetProperty("pageSize").GetInt32());
        var items = page.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("accountId").GetString()!);
        Assert.Equal(["A3", "A2", "A1"], Ids(page)); // by name: Acme, Globex, Umbrella

        var a1 = items["A1"];
        Assert.Equal("Umbrella", a1.GetProperty("name").GetString());
        Assert.Equal("ann", a1.GetProperty("csm").GetString());
        Assert.Equal("EMEA", a1.GetProperty("region").GetString());
        Assert.Equal(new DateTime(2023, 1, 10, 0, 0, 0, DateTimeKind.Utc), a1.GetProperty("createdAt").GetDateTime().ToUniversalTime());
        Assert.Equal(2400m, a1.GetProperty("mrr").GetDecimal());
        Assert.Equal(JsonValueKind.Null, a1.GetProperty("nextRenewal").ValueKind);
        Assert.Equal(1, a1.GetProperty("openTickets").GetInt32());
        Assert.Equal(3, a1.GetProperty("nps").GetInt32());

        Assert.Equal(200m, items["A2"].GetProperty("mrr").GetDecimal());
        Assert.Equal("2025-03-05T00:00:00Z", items["A2"].GetProperty("nextRenewal").GetString());
        Assert.Equal(1, items["A2"].GetProperty("openTickets").GetInt32());
        Assert.Equal(JsonValueKind.Null, items["A2"].GetProperty("nps").ValueKind);

        Assert.Equal(200m, items["A3"].GetProperty("mrr").GetDecimal());
        Assert.Equal("2024-08-01T00:00:00Z", items["A3"].GetProperty("nextRenewal").GetString());
        Assert.Equal(0, items["A3"].GetProperty("openTickets").GetInt32());

        // Later "now": A2's July NPS answer counts, A3's subscription has lapsed, T3 and T4 changed state.
        server.Clock.SetUtcNow(new DateTimeOffset(2024, 8, 1, 0, 0, 0, TimeSpan.Zero));
        var later = (await (await client.Get("/api/v1/accounts")).JsonAsync(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("accountId").GetString()!);
        Assert.Equal(10, later["A2"].GetProperty("nps").GetInt32());
        Assert.Equal(0m, later["A3"].GetProperty("mrr").GetDecimal());
        Assert.Equal(0, later["A2"].GetProperty("openTickets").GetInt32());
        Assert.Equal(1, later["A3"].GetProperty("openTickets").GetInt32());
    }

    [Theory]
    [InlineData("sort=name", "A3,A2,A1")]
    [InlineData("sort=-name", "A1,A2,A3")]
    [InlineData("sort=-mrr", "A1,A2,A3")]      // 2400, then the 200s by id
    [InlineData("sort=mrr", "A2,A3,A1")]
    [InlineData("sort=renewal", "A3,A2,A1")]   // 2024-08-01, 2025-03-05, none last
    [InlineData("sort=-renewal", "A2,A3,A1")]  // none last either way
    [InlineData("sort=created", "A1,A2,A3")]
    [InlineData("sort=-open_tickets", "A1,A2,A3")]
    [InlineData("csm=ann", "A3,A1")]
    [InlineData("plan=PRO&sort=-mrr", "A1,A3")]
    [InlineData("region=na&segment=smb", "A3,A2")]
    [InlineData("industry=retail", "A1")]
    [InlineData("q=glo", "A2")]
    [InlineData("q=a3", "A3")]
    [InlineData("csm=nobody", "")]
    [InlineData("sort=name&pageSize=2&page=2", "A1")]
    [InlineData("sort=name&pageSize=2&page=3", "")]
    public async Task List_FiltersSortsAndPages(string query, string expected)
    {
        var (server, client) = await StartWithSampleAsync(postgres, provider);
        await using var _ = server;
        var page = await (await client.Get("/api/v1/accounts?asOf=2024-06-15&" + query)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(expected, string.Join(",", Ids(page)));
    }

    [Theory]
    [InlineData("sort=health", "sort")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("pageSize=ten", "pageSize")]
    [InlineData("asOf=yesterday", "asOf")]
    public async Task List_BadParameters_Are400(string query, string parameter)
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync(role: Storage.ApiKeyRole.Read);
        var problem = await (await client.Get("/api/v1/accounts?" + query)).ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidParameter);
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Detail_HasSubscriptionsHistoryTicketsAndSurveys()
    {
        var (server, client) = await StartWithSampleAsync(postgres, provider);
        await using var _ = server;
        var a1 = await (await client.Get("/api/v1/accounts/A1?asOf=2024-06-15&months=6")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("A1", a1.GetProperty("accountId").GetString());
        Assert.Equal(1500m, a1.GetProperty("acquisitionCost").GetDecimal());
        Assert.Equal("EUR", a1.GetProperty("currency").GetString());
        Assert.Equal(2400m, a1.GetProperty("mrr").GetDecimal());
        Assert.Equal(3, a1.GetProperty("nps").GetInt32());

        var subscriptions = a1.GetProperty("subscriptions").EnumerateArray().ToList();
        Assert.Equal(2, subscriptions.Count);
        Assert.Equal((1900m, false), (subscriptions[0].GetProperty("mrr").GetDecimal(), subscriptions[0].GetProperty("active").GetBoolean()));
        Assert.Equal((2400m, true), (subscriptions[1].GetProperty("mrr").GetDecimal(), subscriptions[1].GetProperty("active").GetBoolean()));
        Assert.Equal("month", subscriptions[1].GetProperty("interval").GetString());

        var history = a1.GetProperty("mrrHistory").EnumerateArray().Select(m => (m.GetProperty("month").GetString(), m.GetProperty("mrr").GetDecimal())).ToList();
        Assert.Equal(
            [("2023-12", 1900m), ("2024-01", 2400m), ("2024-02", 2400m), ("2024-03", 2400m), ("2024-04", 2400m), ("2024-05", 2400m)],
            history);

        var tickets = a1.GetProperty("tickets").EnumerateArray().Select(t => (t.GetProperty("ticketId").GetString(), t.GetProperty("open").GetBoolean())).ToList();
        Assert.Equal([("T1", true), ("T2", false)], tickets); // newest first

        var surveys = a1.GetProperty("surveys").EnumerateArray().ToList();
        Assert.Equal(["R2", "R1"], surveys.Select(s => s.GetProperty("responseId").GetString()));
        Assert.Equal("Fast, reliable", surveys[1].GetProperty("comment").GetString());
        Assert.Equal("0-10", surveys[1].GetProperty("scale").GetString());
    }

    [Fact]
    public async Task Detail_UnknownOrOtherCaseId_Is404()
    {
        var (server, client) = await StartWithSampleAsync(postgres, provider);
        await using var _ = server;
        await (await client.Get("/api/v1/accounts/a1")).ProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        await (await client.Get("/api/v1/accounts/NOPE")).ProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task Reads_FollowWrites_WithoutRestart()
    {
        var (server, client) = await StartWithSampleAsync(postgres, provider);
        await using var _ = server;
        var before = await (await client.Get("/api/v1/accounts?q=hooli")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, before.GetProperty("total").GetInt32());
        (await client.PostCsvAsync("accounts", "account_id,name,created_at\nA4,Hooli,2024-03-01\n")).EnsureSuccessStatusCode();
        var after = await (await client.Get("/api/v1/accounts?q=hooli")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["A4"], Ids(after));
    }
}

public sealed class AccountsApiTestsOnSqlite(PostgresServer postgres) : AccountsApiTests(postgres, Provider.Sqlite);

public sealed class AccountsApiTestsOnPostgres(PostgresServer postgres) : AccountsApiTests(postgres, Provider.PostgreSql);
