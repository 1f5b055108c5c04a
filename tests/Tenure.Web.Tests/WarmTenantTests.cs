using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;
using Tenure.Metrics.Reporting;
using Tenure.Storage;
using Tenure.Testing;
using Tenure.Web.Dashboards;
using Tenure.Web.Data;
using Tenure.Web.Hosting;

namespace Tenure.Web.Tests;

/// <summary>
/// The warm tenant (issue #13, item 3): the metrics API's cached answers are the engine's fresh computation over the
/// stored data, before and after an incremental change (usage applied in memory, an import); the tenants' data is
/// dropped least recently read first past Tenure:Cache:MaxBytes and loaded again the same; a tenant's computed
/// answers are held to Tenure:Cache:MaxTenantBytes; a load shares one string per id.
/// </summary>
public abstract partial class WarmTenantTests(PostgresServer postgres, Provider provider)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private const string Query = "from=2024-01-01&to=2024-07-01&period=month&by=plan&metric=customers,mrr,churn-rate,daily-usage,mau,nps";

    private static readonly MetricRequest Request = new(
        new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 7, 1, 0, 0, 0, DateTimeKind.Utc),
        Granularity.Month, SegmentBy.Plan, ["customers", "mrr", "churn-rate", "daily-usage", "mau", "nps"]);

    [Fact]
    public async Task MetricsApi_Cached_AndAfterIncrementalChanges_AnswersWhatAFreshComputationGives()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync();
        await SampleData.LoadAsync(client);
        await (await client.PostCsvAsync("usage", SampleData.Usage)).JsonAsync(HttpStatusCode.OK);

        // First and repeated: both exactly the engine over a fresh load of the database.
        var fresh = await FreshAsync(server);
        var first = await (await client.Get("/api/v1/metrics?" + Query)).Content.ReadAsStringAsync(Token);
        Assert.Equal(fresh, first);
        var again = await (await client.Get("/api/v1/metrics?" + Query)).Content.ReadAsStringAsync(Token);
        Assert.Equal(fresh, again);
        Assert.True(server.Services.GetRequiredService<DashboardCache>().BytesOf("acme") > 0); // the answer is held

        // Usage posted through the API is applied in memory (no reload): the next answer is the new fresh computation,
        // not the cached one (4 more events in June change daily-usage and may change mau).
        var cache = server.Services.GetRequiredService<TenantDataCache>();
        var loadedVersion = cache.Loaded("acme")!.LoadedVersion;
        await (await client.PostCsvAsync("usage", "account_id,user_id,timestamp\nA2,U9,2024-06-20\nA2,U9,2024-06-21\nA3,U7,2024-06-21\nA3,,2024-06-22\n")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(loadedVersion, cache.Loaded("acme")!.LoadedVersion);
        var afterUsage = await FreshAsync(server);
        Assert.NotEqual(fresh, afterUsage);
        Assert.Equal(afterUsage, await (await client.Get("/api/v1/metrics?" + Query)).Content.ReadAsStringAsync(Token));

        // An import through the API (A2 changes plan, a new subscription): again the fresh computation.
        await (await client.PostCsvAsync("accounts", "account_id,name,created_at,plan\nA2,Globex,2023-03-05T09:30:00Z,pro\n")).JsonAsync(HttpStatusCode.OK);
        await (await client.PostCsvAsync("subscriptions", "subscription_id,account_id,plan,start_date,end_date,amount,interval\nS9,A3,pro,2024-05-01,,300,month\n")).JsonAsync(HttpStatusCode.OK);
        var afterImport = await FreshAsync(server);
        Assert.NotEqual(afterUsage, afterImport);
        Assert.Equal(afterImport, await (await client.Get("/api/v1/metrics?" + Query)).Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task Responses_CarryTheServersTime()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync();
        await SampleData.LoadAsync(client);
        var response = await client.Get("/api/v1/metrics?" + Query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(ServerTimingValue(), Assert.Single(response.Headers.GetValues("Server-Timing")));
    }

    [Fact]
    public async Task Tenants_AreDroppedLeastRecentlyReadFirst_PastTheBound_AndLoadAgainTheSame()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        foreach (var (tenant, id) in new[] { ("t1", "A1"), ("t2", "B1"), ("t3", "C1") })
        {
            var data = new TenureDataSet { Accounts = [new Account(id, "Umbrella", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), Plan: "pro")], Present = InputKind.Accounts };
            await DataSetImporter.ImportAsync(server.Database, tenant, data, cancellationToken: Token);
        }
        // One account is one record and its index entry: 160 + 24 = 184 bytes. A bound of 400 holds two tenants (368), not three (552).
        using var cache = new TenantDataCache(server.Database, NullLogger<TenantDataCache>.Instance,
            (tenant, cancellationToken) => StoredData.LoadVersionedAsync(server.Database, tenant, cancellationToken), maxBytes: 400);
        var dropped = new List<string>();
        cache.Dropped += (_, tenant) => { lock (dropped) dropped.Add(tenant); };

        var t1 = await cache.GetAsync("t1", Token);
        Assert.Equal(184, t1.EstimatedBytes);
        await cache.GetAsync("t2", Token);
        await cache.GetAsync("t1", Token); // t1 is now read more recently than t2
        Assert.Empty(dropped);
        Assert.Equal(368, cache.HeldBytes);

        await cache.GetAsync("t3", Token);
        Assert.Equal(["t2"], dropped);
        Assert.Null(cache.Loaded("t2"));
        Assert.Same(t1, cache.Loaded("t1"));
        Assert.Equal(368, cache.HeldBytes);

        // t2's next read loads it again, the same data, and drops the least recent of the others (t1).
        var t2 = await cache.GetAsync("t2", Token);
        Assert.Equal(["B1"], t2.Data.Accounts.Select(a => a.AccountId));
        Assert.Equal(["t2", "t1"], dropped);
        Assert.Null(cache.Loaded("t1"));
    }

    [Fact]
    public async Task ALoad_SharesOneStringPerId()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync();
        await SampleData.LoadAsync(client);
        await (await client.PostCsvAsync("usage", SampleData.Usage)).JsonAsync(HttpStatusCode.OK);
        var data = await StoredData.LoadAsync(server.Database, "acme", Token);
        var a1 = data.Accounts.Single(a => a.AccountId == "A1").AccountId;
        Assert.All(data.Usage.Where(u => u.AccountId == "A1"), u => Assert.Same(a1, u.AccountId));
        Assert.All(data.Subscriptions.Where(s => s.AccountId == "A1"), s => Assert.Same(a1, s.AccountId));
        // U1 has two usage days (04-10 and 06-01): one string.
        var u1 = data.Usage.Where(u => u.UserId == "U1").ToList();
        Assert.Equal(2, u1.Count);
        Assert.Same(u1[0].UserId, u1[1].UserId);
    }

    private static async Task<string> FreshAsync(TenureTestServer server)
    {
        var data = await StoredData.LoadAsync(server.Database, "acme", Token);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
            MetricJson.WriteResults(json, MetricEngine.Compute(data, Request));
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [GeneratedRegex(@"^app;dur=[0-9]+\.[0-9](, queue;dur=[0-9]+\.[0-9])?$")]
    private static partial Regex ServerTimingValue();
}

public sealed class WarmTenantTestsOnSqlite(PostgresServer postgres) : WarmTenantTests(postgres, Provider.Sqlite);

public sealed class WarmTenantTestsOnPostgres(PostgresServer postgres) : WarmTenantTests(postgres, Provider.PostgreSql);

/// <summary>A tenant's computed answers are held to Tenure:Cache:MaxTenantBytes, least recently used dropped first, other tenants untouched.</summary>
public sealed class DashboardCacheBoundTests
{
    [Fact]
    public void ATenantsAnswers_PastItsBound_DropTheLeastRecentlyUsed()
    {
        // Room for three page models per tenant; trimmed down to three quarters of it (144 KiB: two pages).
        var cache = new DashboardCache(Options.Create(new CacheOptions { MaxTenantBytes = 3 * DashboardCache.PageModelBytes }));
        object Page(string tenant, string name, out bool computed) => cache.GetOrCompute(tenant, 1, "page", name, () => new object(), out computed);
        Page("a", "a1", out _);
        Page("a", "a2", out _);
        Page("a", "a3", out _);
        Page("b", "b1", out _);
        Page("a", "a1", out var a1Again); // a1 used again: now a2 is the least recent, then a3
        Assert.False(a1Again);
        Assert.Equal(3 * DashboardCache.PageModelBytes, cache.BytesOf("a"));

        // A fourth page: 4 x 64 KiB = 256 KiB > 192 KiB; a2 (192 KiB left, still > 144) then a3 (128 KiB) go.
        Page("a", "a4", out _);
        Assert.Equal(2 * DashboardCache.PageModelBytes, cache.BytesOf("a"));
        Page("a", "a1", out var a1Kept);
        Page("a", "a4", out var a4Kept);
        Page("b", "b1", out var b1Kept);
        Assert.False(a1Kept);
        Assert.False(a4Kept);
        Assert.False(b1Kept);
        Page("a", "a2", out var a2Recomputed);
        Assert.True(a2Recomputed);
    }

    [Fact]
    public void Drop_ForgetsOneTenant()
    {
        var cache = new DashboardCache();
        cache.GetOrCompute("a", 1, "page", "q", () => new object());
        cache.GetOrCompute("b", 1, "page", "q", () => new object());
        cache.Drop("a");
        Assert.Equal(0, cache.BytesOf("a"));
        Assert.Equal(DashboardCache.PageModelBytes, cache.BytesOf("b"));
    }
}
