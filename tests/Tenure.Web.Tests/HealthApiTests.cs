using System.Net;
using System.Text.Json;

using Microsoft.Extensions.DependencyInjection;

using Tenure.Storage.Users;
using Tenure.Testing;
using Tenure.Web.Errors;
using Tenure.Web.Settings;

namespace Tenure.Web.Tests;

/// <summary>
/// GET /api/v1/health on <see cref="SampleData"/> at the server's "today", 2024-06-15 (default health model; no users,
/// usage, tasks or notes are loaded, so usage and engagement are missing everywhere; tickets are given).
/// A1: NPS in [2023-12-18, D): U1 9, U2 3 -> (1 - 1) / 2 = 0 -> 50 (x20); T1 open since 06-01 (before D-7d) -> trouble 1
/// -> 75 (x15); MRR 2400 at 2024-03-17 and at D -> 0 -> 50 (x15); open -> renewal 100 (x10):
/// (1000 + 1125 + 750 + 1000) / 60 = 3875 / 60 = 64.58 -> 64.6, yellow.
/// A2: no NPS before D (July); T3 created 06-10, not before D-7d -> trouble 0 -> 100 (x15); MRR 200 -> 200 -> 50 (x15);
/// renewal 2025-03-05, 263 days -> 100 (x10): (1500 + 750 + 1000) / 40 = 81.25 -> 81.3 (half away from zero), green.
/// A3: T4 is created after D -> 100 (x15); revenue 50 (x15); renewal 2024-08-01, 47 days -> 4700 / 90 = 52.22 (x10):
/// (1500 + 750 + 522.22) / 40 = 69.31 -> 69.3, yellow.
/// </summary>
public abstract class HealthApiTests(PostgresServer postgres, Provider provider)
{
    private static List<string> Ids(JsonElement body) =>
        [.. body.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("account_id").GetString()!)];

    [Fact]
    public async Task Health_ScoresEveryCustomer_WithTheCommandsShape()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        await SampleData.LoadAsync(await server.ClientAsync());
        var client = await server.ClientAsync(role: Storage.ApiKeyRole.Read);
        var body = await (await client.Get("/api/v1/health")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("2024-06-15", body.GetProperty("at").GetString());
        var accounts = body.GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("account_id").GetString()!);
        Assert.Equal(3, accounts.Count);
        Assert.Equal((64.6m, "yellow"), (accounts["A1"].GetProperty("score").GetDecimal(), accounts["A1"].GetProperty("band").GetString()));
        Assert.Equal((81.3m, "green"), (accounts["A2"].GetProperty("score").GetDecimal(), accounts["A2"].GetProperty("band").GetString()));
        Assert.Equal((69.3m, "yellow"), (accounts["A3"].GetProperty("score").GetDecimal(), accounts["A3"].GetProperty("band").GetString()));
        Assert.Equal("ann", accounts["A1"].GetProperty("csm").GetString());
        var a1 = accounts["A1"].GetProperty("factors").EnumerateArray().ToList();
        Assert.Equal(["usage", "sentiment", "support", "revenue-trend", "engagement", "renewal"], a1.Select(f => f.GetProperty("factor").GetString()));
        Assert.Equal([true, false, false, false, true, false], a1.Select(f => f.GetProperty("missing").GetBoolean()));
        Assert.Equal(1m, a1[2].GetProperty("value").GetDecimal());
        Assert.Equal(75.0m, a1[2].GetProperty("points").GetDecimal());
        Assert.Equal(JsonValueKind.Null, a1[0].GetProperty("points").ValueKind);
    }

    [Theory]
    [InlineData("band=green", "A2")]
    [InlineData("band=yellow", "A1,A3")]
    [InlineData("csm=ANN", "A1,A3")]
    [InlineData("csm=ann&band=yellow", "A1,A3")]
    [InlineData("csm=bo&band=yellow", "")]
    [InlineData("at=2024-08-01", "A1,A2")] // A3's coverage ended on 2024-08-01: no longer a customer
    public async Task Health_Filters(string query, string expected)
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        await SampleData.LoadAsync(await server.ClientAsync());
        var client = await server.ClientAsync(role: Storage.ApiKeyRole.Read);
        var body = await (await client.Get("/api/v1/health?" + query)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(expected, string.Join(",", Ids(body)));
    }

    /// <summary>
    /// The workspace's health model (settings page) is the API's: worst-factor scores each account by its lowest present
    /// points. A1: sentiment 50, support 75, revenue 50, renewal 100 -> 50.0 yellow; A2: support 100, revenue 50, renewal
    /// 100 -> 50.0 yellow; A3: support 100, revenue 50, renewal 52.22 -> 50.0 yellow. Cleared: the default model again.
    /// </summary>
    [Fact]
    public async Task Health_UsesTheWorkspaceHealthModel()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        await SampleData.LoadAsync(await server.ClientAsync());
        var client = await server.ClientAsync(role: Storage.ApiKeyRole.Read);
        using (var scope = server.Services.CreateScope())
        {
            var setting = scope.ServiceProvider.GetRequiredService<TenantHealthModelSetting>();
            Assert.Null(await setting.SetAsync("acme", """{"aggregation": "worst-factor"}""", TestContext.Current.CancellationToken));
        }
        var body = await (await client.Get("/api/v1/health")).JsonAsync(HttpStatusCode.OK);
        Assert.All(body.GetProperty("accounts").EnumerateArray(), a => Assert.Equal((50.0m, "yellow"), (a.GetProperty("score").GetDecimal(), a.GetProperty("band").GetString())));

        using (var scope = server.Services.CreateScope())
            Assert.Null(await scope.ServiceProvider.GetRequiredService<TenantHealthModelSetting>().SetAsync("acme", "", TestContext.Current.CancellationToken));
        body = await (await client.Get("/api/v1/health")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(64.6m, body.GetProperty("accounts")[0].GetProperty("score").GetDecimal());
    }

    [Fact]
    public async Task HealthModelSetting_RefusesABadModelNamingTheField_AndTheDefaultTextStoresNothing()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        using var scope = server.Services.CreateScope();
        var setting = scope.ServiceProvider.GetRequiredService<TenantHealthModelSetting>();
        var token = TestContext.Current.CancellationToken;
        Assert.Equal("Health model: factors.usage.weight: must be >= 0", await setting.SetAsync("acme", """{"factors": {"usage": {"weight": -5}}}""", token));
        Assert.StartsWith("Health model: not valid JSON", await setting.SetAsync("acme", "{", token), StringComparison.Ordinal);
        Assert.Null(await TenantSettings.GetAsync(server.Database, "acme", TenantSettings.HealthModel, token));
        // The default text, as a browser posts it (CRLF), is the default: nothing stored.
        Assert.Null(await setting.SetAsync("acme", TenantHealthModelSetting.DefaultText.Replace("\n", "\r\n", StringComparison.Ordinal), token));
        Assert.Null(await TenantSettings.GetAsync(server.Database, "acme", TenantSettings.HealthModel, token));
        Assert.Equal(WorkspaceHealthModel.Default, await setting.GetAsync("acme", token));
        // A stored text that no longer reads falls back to the default model.
        await TenantSettings.SetAsync(server.Database, "acme", TenantSettings.HealthModel, """{"factors": {"usage": {"weight": -5}}}""", token);
        Assert.Same(Metrics.Health.HealthModel.Default, (await setting.GetAsync("acme", token)).Model);
    }

    [Theory]
    [InlineData("at=June", "at")]
    [InlineData("at=2024-06-15T10:00:00Z", "at")]
    [InlineData("at=0001-01-01", "at")]
    [InlineData("band=blue", "band")]
    public async Task Health_BadParameters_Are400(string query, string parameter)
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync(role: Storage.ApiKeyRole.Read);
        var problem = await (await client.Get("/api/v1/health?" + query)).ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidParameter);
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
    }
}

public sealed class HealthApiTestsOnSqlite(PostgresServer postgres) : HealthApiTests(postgres, Provider.Sqlite);

public sealed class HealthApiTestsOnPostgres(PostgresServer postgres) : HealthApiTests(postgres, Provider.PostgreSql);
