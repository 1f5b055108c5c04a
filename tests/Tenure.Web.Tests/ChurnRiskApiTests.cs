using System.Net;
using System.Text.Json;

using Microsoft.Extensions.DependencyInjection;

using Tenure.Testing;
using Tenure.Web.Errors;

namespace Tenure.Web.Tests;

/// <summary>
/// GET /api/v1/churn-risk and /api/v1/accounts/{id}/churn-risk on <see cref="SampleData"/> at the server's "today",
/// 2024-06-15. No account has churned: history from S1's start 2023-01-10 = 17 months; training snapshots every
/// 30 days back from 2024-06-15 - 90 d = 2024-03-17 to 2023-01-22 (15 of them; 432 days / 30 -> k = 0..14).
/// </summary>
public abstract class ChurnRiskApiTests(PostgresServer postgres, Provider provider)
{
    private const string Reason = "no churned accounts in 17 months of history; at least 20 needed";

    [Fact]
    public async Task Account_TooShort_SaysWhy_AndKeepsTheShape()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        await SampleData.LoadAsync(await server.ClientAsync());
        var client = await server.ClientAsync(role: Storage.ApiKeyRole.Read);
        var body = await (await client.Get("/api/v1/accounts/A1/churn-risk")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["account_id", "name", "at", "horizon_days", "scored", "too_short", "history", "customer", "probability", "drivers"],
            body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("A1", body.GetProperty("account_id").GetString());
        Assert.Equal("Umbrella", body.GetProperty("name").GetString());
        Assert.Equal("2024-06-15", body.GetProperty("at").GetString());
        Assert.False(body.GetProperty("scored").GetBoolean());
        Assert.Equal(Reason, body.GetProperty("too_short").GetString());
        Assert.Equal(15, body.GetProperty("history").GetProperty("snapshots").GetInt32());
        Assert.True(body.GetProperty("customer").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("probability").ValueKind);
        Assert.Equal(0, body.GetProperty("drivers").GetArrayLength());
    }

    [Fact]
    public async Task List_TooShort_IsEmptyWithTheReason()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        await SampleData.LoadAsync(await server.ClientAsync());
        var client = await server.ClientAsync(role: Storage.ApiKeyRole.Read);
        var body = await (await client.Get("/api/v1/churn-risk")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["at", "horizon_days", "scored", "too_short", "history", "accounts"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Reason, body.GetProperty("too_short").GetString());
        Assert.Equal(0, body.GetProperty("accounts").GetArrayLength());
    }

    [Fact]
    public async Task UnknownAccount_Is404()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        await SampleData.LoadAsync(await server.ClientAsync());
        var client = await server.ClientAsync(role: Storage.ApiKeyRole.Read);
        await (await client.Get("/api/v1/accounts/a1/churn-risk")).ProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task Service_CachesPerDataVersionAndDay()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var writer = await server.ClientAsync();
        await SampleData.LoadAsync(writer);
        var service = server.Services.GetRequiredService<ChurnRisk.ChurnRiskService>();
        Assert.Null(service.ChurnRiskFor("acme", "A1")); // nothing computed yet; pages never compute
        var first = await service.GetAsync("acme", TestContext.Current.CancellationToken);
        Assert.Same(first, await service.GetAsync("acme", TestContext.Current.CancellationToken));
        Assert.Same(first, service.ChurnRiskFor("acme", "A1")!.Computed);

        // An ingest moves the data version: the next ask recomputes.
        await (await writer.PostJsonAsync("notes", """[{"note_id":"N9","account_id":"A2","date":"2024-04-07"}]""")).JsonAsync(HttpStatusCode.OK);
        var afterIngest = await service.GetAsync("acme", TestContext.Current.CancellationToken);
        Assert.True(afterIngest.Version > first.Version);

        // The next day: recomputed as of it.
        server.Clock.Advance(TimeSpan.FromDays(1));
        var nextDay = await service.GetAsync("acme", TestContext.Current.CancellationToken);
        Assert.Equal(new DateTime(2024, 6, 16, 0, 0, 0, DateTimeKind.Utc), nextDay.Day);
        Assert.Equal(afterIngest.Version, nextDay.Version);
        Assert.Same(nextDay, service.Latest("acme"));
    }

    /// <summary>
    /// A server started again on the same SQLite data the same day reads the churn risk kept beside the database instead
    /// of computing it (ADR 0280). The kept file is altered here so that reading it shows: the restarted server gives the
    /// altered reason; a new day, or the data moved on, computes again. PostgreSQL has no file beside it.
    /// </summary>
    [Fact]
    public async Task Restart_SameDataAndDay_ReadsTheKeptResult()
    {
        var token = TestContext.Current.CancellationToken;
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var writer = await server.ClientAsync();
        await SampleData.LoadAsync(writer);
        var first = await server.Services.GetRequiredService<ChurnRisk.ChurnRiskService>().GetAsync("acme", token);
        Assert.Equal(Reason, first.Risk.TooShort);
        var path = ChurnRisk.ChurnRiskFile.PathFor(server.Database, "acme");
        if (provider == Provider.PostgreSql)
        {
            Assert.Null(path);
            return;
        }
        Assert.True(File.Exists(path), "the result is kept beside the database");
        const string Altered = "altered in the kept file";

        // A server that has computed never reads the file again: even one made to name the next day is not read there.
        var kept = await File.ReadAllTextAsync(path, token);
        await File.WriteAllTextAsync(path, kept.Replace(Reason, Altered, StringComparison.Ordinal).Replace("\"day\":\"2024-06-15\"", "\"day\":\"2024-06-16\"", StringComparison.Ordinal), token);
        server.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(Reason, (await server.Services.GetRequiredService<ChurnRisk.ChurnRiskService>().GetAsync("acme", token)).Risk.TooShort);
        await File.WriteAllTextAsync(path, kept, token); // as kept on 2024-06-15, which a restarted server's clock is on
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path, token)).Replace(Reason, Altered, StringComparison.Ordinal), token);

        await using (var restarted = server.AnotherInstance())
        {
            var service = restarted.Services.GetRequiredService<ChurnRisk.ChurnRiskService>();
            var read = await service.GetAsync("acme", token);
            Assert.Equal(Altered, read.Risk.TooShort);
            Assert.Equal((first.Version, first.Day), (read.Version, read.Day));
            static object Summary(Predictive.Churn.TenantChurnRisk r) => (r.AsOf, r.HorizonDays, r.Snapshots, r.TrainingRows, r.ChurnedAccounts, r.HistoryMonths, r.Accounts.Count);
            Assert.Equal(Summary(first.Risk), Summary(read.Risk));

            // The next day: computed again (and kept for that day).
            restarted.Clock.Advance(TimeSpan.FromDays(1));
            Assert.Equal(Reason, (await service.GetAsync("acme", token)).Risk.TooShort);
        }

        // The same day, but the data moved on: the kept file is of another version, so it is computed.
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path, token)).Replace(Reason, Altered, StringComparison.Ordinal), token);
        await (await writer.PostJsonAsync("notes", """[{"note_id":"N9","account_id":"A2","date":"2024-04-07"}]""")).JsonAsync(HttpStatusCode.OK);
        await using (var restarted = server.AnotherInstance())
        {
            restarted.Clock.Advance(TimeSpan.FromDays(1));
            var computed = await restarted.Services.GetRequiredService<ChurnRisk.ChurnRiskService>().GetAsync("acme", token);
            Assert.True(computed.Version > first.Version);
            Assert.Equal(Reason, computed.Risk.TooShort);
        }
    }

    [Fact]
    public async Task WithoutAKey_Is401()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var response = await server.AnonymousClient().GetAsync(new Uri("/api/v1/churn-risk", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class ChurnRiskApiTestsOnSqlite(PostgresServer postgres) : ChurnRiskApiTests(postgres, Provider.Sqlite);

public sealed class ChurnRiskApiTestsOnPostgres(PostgresServer postgres) : ChurnRiskApiTests(postgres, Provider.PostgreSql);
