using System.Net;
using System.Text.Json;

using Microsoft.Extensions.DependencyInjection;

using Tenure.Metrics.Accounts;
using Tenure.Metrics.Benchmarks;
using Tenure.Storage;
using Tenure.Testing;
using Tenure.Web.Dashboards;
using Tenure.Web.Data;
using Tenure.Web.Hosting;
using Tenure.Web.Settings;

namespace Tenure.Web.Tests;

/// <summary>
/// Issue #9 items 10 and "one account query": the pages held to a CSM's book (setting csm_own_book, default on),
/// and the API and the accounts page answering the same query with the same accounts, ignoring case. Through the
/// real app and database; <see cref="SampleData"/>: A1 Umbrella (ann, pro), A2 Globex (bo, basic), A3 Acme (ann, pro).
/// </summary>
public abstract class AccountScopeTests(PostgresServer postgres, Provider provider)
{
    private const string Tenant = "acme";

    private sealed class User(string? csm) : ICurrentUser
    {
        public string Tenant => AccountScopeTests.Tenant;

        public string? Csm => csm;

        public bool CanChange => csm is null;

        public string DisplayName => csm ?? "manager";
    }

    private static DashboardPages Pages(TenureTestServer server, string? csm)
    {
        var services = server.Services;
        return new DashboardPages(
            services.GetRequiredService<TenantDataCache>(),
            services.GetRequiredService<DashboardCache>(),
            new User(csm),
            server.Clock,
            services.GetRequiredService<BenchmarkCatalogue>(),
            new TenantBenchmarkSetting(server.Database, services.GetRequiredService<BenchmarkCatalogue>()),
            new WorkspaceMetricOptions(
                new TenantChurnGraceSetting(server.Database),
                new TenantBusinessCalendarSetting(server.Database, Microsoft.Extensions.Logging.Abstractions.NullLogger<TenantBusinessCalendarSetting>.Instance)),
            new CsmOwnBookSetting(server.Database),
            new WorkspaceHealth(
                services.GetRequiredService<DashboardCache>(),
                new TenantChurnGraceSetting(server.Database),
                new TenantHealthModelSetting(server.Database, Microsoft.Extensions.Logging.Abstractions.NullLogger<TenantHealthModelSetting>.Instance)),
            services.GetRequiredService<MetricGrids>(),
            services.GetRequiredService<ComputeTurns>());
    }

    private static Func<string, string?> Query(string query)
    {
        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        return k => pairs.GetValueOrDefault(k);
    }

    private static async Task<List<string>> PageIdsAsync(DashboardPages pages, string query) =>
        [.. (await pages.AccountsAsync(Query(query), TestContext.Current.CancellationToken)).Model.Rows.Select(r => r.Summary.Account.AccountId).Order(StringComparer.Ordinal)];

    private static async Task<(TenureTestServer, HttpClient)> StartAsync(PostgresServer postgres, Provider provider)
    {
        var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync(Tenant);
        await SampleData.LoadAsync(client);
        return (server, client);
    }

    [Theory]
    [InlineData("plan=PRO", "A1,A3")]
    [InlineData("q=ACME", "A3")]
    [InlineData("q=glob", "A2")]
    [InlineData("csm=ANN&region=na", "A3")]
    [InlineData("segment=SMB&industry=Software", "A2,A3")]
    [InlineData("plan=enterprise", "")]
    public async Task ApiAndAccountsPage_AnswerTheSameQuery_IgnoringCase(string query, string expected)
    {
        var (server, client) = await StartAsync(postgres, provider);
        await using var _ = server;
        var api = await (await client.Get("/api/v1/accounts?" + query)).JsonAsync(HttpStatusCode.OK);
        var apiIds = api.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("accountId").GetString()!).Order(StringComparer.Ordinal).ToList();
        // A manager's page (no book), every CSM unless the query names one.
        var pageIds = await PageIdsAsync(Pages(server, null), query.Contains("csm=", StringComparison.Ordinal) ? query : query + "&csm=*");
        var want = expected.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
        Assert.Equal(want, apiIds);
        Assert.Equal(want, pageIds);
    }

    [Fact]
    public async Task Csm_SeesOnlyTheirBook_OnEveryPage_ByDefault()
    {
        var (server, client) = await StartAsync(postgres, provider);
        await using var _ = server;
        var ann = Pages(server, "ann");
        Assert.True((await ann.ScopeAsync(TestContext.Current.CancellationToken)).IsBook);

        // Accounts list: her book whatever csm the query asks for.
        Assert.Equal(["A1", "A3"], await PageIdsAsync(ann, ""));
        Assert.Equal(["A1", "A3"], await PageIdsAsync(ann, "csm=*"));
        Assert.Equal(["A1", "A3"], await PageIdsAsync(ann, "csm=bo"));

        // At risk (HealthApiTests: A1 64.6 and A3 69.3 yellow, A2 81.3 green): her book, A1's MRR 2400 before A3's 200,
        // whatever csm the query asks for; a manager asking for bo's sees none (A2 is green).
        foreach (var q in new[] { "", "csm=*", "csm=bo" })
            Assert.Equal(["A1", "A3"], (await ann.AtRiskAsync(Query(q), TestContext.Current.CancellationToken)).Model.Rows.Select(r => r.Summary.Account.AccountId));
        Assert.Empty((await Pages(server, null).AtRiskAsync(Query("csm=bo"), TestContext.Current.CancellationToken)).Model.Rows);

        // Account page: another CSM's account is forbidden, her own is shown, an unknown id is not found.
        var other = await ann.AccountAsync("A2", TestContext.Current.CancellationToken);
        Assert.True(other.Model.Forbidden);
        Assert.Null(other.Model.Detail);
        Assert.NotNull((await ann.AccountAsync("A1", TestContext.Current.CancellationToken)).Model.Detail);
        var missing = await ann.AccountAsync("nope", TestContext.Current.CancellationToken);
        Assert.False(missing.Model.Forbidden);
        Assert.Null(missing.Model.Detail);

        // Dashboards: filtered to her book even when asked for bo's; May's MRR is A1 2400 + A3 200 = 2600 (not 2800 for all).
        var saas = await ann.SaasAsync(Query("period=month&date=2024-05-01&csm=bo"), TestContext.Current.CancellationToken);
        Assert.Equal("ann", saas.Model.Query.Filter.Csm);
        Assert.Equal(2600m, saas.Model.Cards.Single(c => c.MetricId == "mrr").Value);
        var manager = await ann.CsManagerAsync(Query("period=month&date=2024-05-01"), TestContext.Current.CancellationToken);
        Assert.Equal(["ann"], manager.Model.PerCsm.Rows.Select(r => r.Label));

        // Drill-down: only her accounts, adding up to her card (2400 + 200).
        var drill = (await ann.AccountsAsync(Query("drill=mrr&from=2024-05-01&to=2024-06-01&csm=bo"), TestContext.Current.CancellationToken)).Model;
        Assert.Equal(["A1", "A3"], drill.Rows.Select(r => r.Summary.Account.AccountId).Order(StringComparer.Ordinal));
        Assert.Equal(DrillCheck.Matches, drill.Drill!.Check);
        Assert.Equal("2,600.00", drill.Drill.Total);

        // The filter choices offer her only herself as CSM.
        Assert.Equal(["ann"], (await ann.ChoicesAsync(TestContext.Current.CancellationToken))["csm"]);

        // An API key is tenant-wide: all three.
        Assert.Equal(3, (await (await client.Get("/api/v1/accounts")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task SettingOff_CsmSeesEveryAccount_AndManagersAlwaysDo()
    {
        var (server, _) = await StartAsync(postgres, provider);
        await using var __ = server;
        Assert.True(await new CsmOwnBookSetting(server.Database).GetAsync(Tenant, TestContext.Current.CancellationToken)); // default on
        Assert.Equal(["A1", "A2", "A3"], await PageIdsAsync(Pages(server, null), "csm=*"));

        await new CsmOwnBookSetting(server.Database).SetAsync(Tenant, false, TestContext.Current.CancellationToken);
        Assert.Equal("off", await Storage.Users.TenantSettings.GetAsync(server.Database, Tenant, Storage.Users.TenantSettings.CsmOwnBook, TestContext.Current.CancellationToken));
        var ann = Pages(server, "ann");
        Assert.False((await ann.ScopeAsync(TestContext.Current.CancellationToken)).IsBook);
        // Her list still opens on her book, but she may ask for everyone, and open bo's account.
        Assert.Equal(["A1", "A3"], await PageIdsAsync(ann, ""));
        Assert.Equal(["A1", "A2", "A3"], await PageIdsAsync(ann, "csm=*"));
        Assert.NotNull((await ann.AccountAsync("A2", TestContext.Current.CancellationToken)).Model.Detail);
    }

    [Fact]
    public async Task Dashboards_SayWhenThePeriodIsPastTheData_AndDefaultToTheLastMonthWithData()
    {
        var (server, _) = await StartAsync(postgres, provider);
        await using var __ = server;
        // The sample's latest instant: A2's NPS answer on 2024-07-01. "Now" is 2024-06-15.
        var pages = Pages(server, null);
        Assert.Null((await pages.KpiAsync(Query("period=month&date=2024-06-01"), TestContext.Current.CancellationToken)).DataNotice);
        Assert.Equal("Data ends 2024-07-01: Jul 2024 runs past the last data, so its figures cover only part of it.",
            (await pages.KpiAsync(Query("period=month&date=2024-07-01"), TestContext.Current.CancellationToken)).DataNotice);
        Assert.StartsWith("Data ends 2024-07-01: Dec 2024 is after the last data",
            (await pages.SupportAsync(Query("period=month&date=2024-12-01"), TestContext.Current.CancellationToken)).DataNotice, StringComparison.Ordinal);

        // Months later the clock's last complete month (Sep 2024) has no data: the default is June, and it says so.
        server.Clock.SetUtcNow(new DateTimeOffset(2024, 10, 20, 0, 0, 0, TimeSpan.Zero));
        var later = await Pages(server, null).SaasAsync(_ => null, TestContext.Current.CancellationToken);
        Assert.Equal("Jun 2024", later.Model.Query.CurrentLabel);
        Assert.Equal("Data ends 2024-07-01: showing Jun 2024, the last complete month with data.", later.DataNotice);
    }

    [Fact]
    public async Task MetricsCsv_IsTheSharedCsv_WithExactValues()
    {
        var (server, client) = await StartAsync(postgres, provider);
        await using var _ = server;
        var response = await client.Get("/api/v1/metrics?from=2024-05-01&to=2024-07-01&metric=mrr,nps&by=csm&format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Metrics.Reporting.MetricCsv.Header, lines[0]);
        Assert.Contains("mrr,2024-05-01,2024-06-01,all,2800,,,,,money,", lines);      // 2400 + 200 + 200
        Assert.Contains("mrr,2024-05-01,2024-06-01,csm=ann,2600,,,,,money,", lines);  // A1 + A3
        // June NPS: A1's 3 only (A2's 10 is in July): -100 = (0 - 1) / 1 x 100.
        Assert.Contains("nps,2024-06-01,2024-07-01,all,-100,-1,1,,,pts,", lines);

        var json = await (await client.Get("/api/v1/metrics?from=2024-05-01&to=2024-07-01&metric=mrr&format=JSON")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Array, json.GetProperty("results").ValueKind);
        var problem = await (await client.Get("/api/v1/metrics?from=2024-05-01&to=2024-07-01&format=xml")).ProblemAsync(HttpStatusCode.BadRequest, Errors.ProblemTypes.InvalidParameter);
        Assert.Equal("format", problem.GetProperty("parameter").GetString());
    }
}

public sealed class AccountScopeTestsOnSqlite(PostgresServer postgres) : AccountScopeTests(postgres, Provider.Sqlite);

public sealed class AccountScopeTestsOnPostgres(PostgresServer postgres) : AccountScopeTests(postgres, Provider.PostgreSql);
