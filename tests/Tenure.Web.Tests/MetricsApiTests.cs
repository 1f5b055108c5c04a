using System.Net;
using System.Text;
using System.Text.Json;

using Microsoft.Extensions.DependencyInjection;

using Tenure.Demo;
using Tenure.Ingest;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;
using Tenure.Metrics.Reporting;
using Tenure.Testing;
using Tenure.Web.Errors;

namespace Tenure.Web.Tests;

public abstract class MetricsApiTests(PostgresServer postgres, Provider provider)
{
    [Fact]
    public async Task Metrics_OnTheDemoData_AreExactlyTheEnginesJson()
    {
        var directory = Directory.CreateTempSubdirectory("tenure-web-demo-").FullName;
        try
        {
            DemoCsvWriter.Write(new DemoOptions { Accounts = 40 }, directory);
            var read = DataSetReader.ReadDirectory(directory);
            Assert.True(read.IsValid, string.Join("\n", read.Errors));

            await using var server = await TenureTestServer.StartAsync(provider, postgres);
            var client = await server.ClientAsync();
            foreach (var (kind, file) in InputKinds.All)
            {
                var path = Path.Combine(directory, file);
                if (!File.Exists(path)) continue;
                var response = await client.PostBytesAsync(file[..^4], await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken), "text/csv");
                await response.JsonAsync(HttpStatusCode.OK);
            }

            foreach (var (query, request) in new[]
            {
                ("from=2025-11-01&to=2026-11-01", new MetricRequest(Utc(2025, 11, 1), Utc(2026, 11, 1))),
                ("from=2024-11-01&to=2026-11-01&period=quarter&by=plan&metric=mrr,churn-rate,nps", new MetricRequest(Utc(2024, 11, 1), Utc(2026, 11, 1), Granularity.Quarter, SegmentBy.Plan, ["mrr", "churn-rate", "nps"])),
            })
            {
                var response = await client.Get("/api/v1/metrics?" + query);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
                var actual = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                var expected = Json(json => MetricJson.WriteResults(json, MetricEngine.Compute(read.DataSet!, request)));
                Assert.Equal(expected, actual);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// A monthly query on month bounds is answered from the tenant's metric grid once it is built (ADR 0275), and a
    /// quarterly or yearly one from the grid of its period length (ADR 0285): the same JSON as the engine's for that
    /// query alone, unsplit and split, for ranges the first query did not ask for. A dashboard view asks for the grids too.
    /// </summary>
    [Fact]
    public async Task MonthlyMetrics_FromTheGrid_AreExactlyTheEnginesJson()
    {
        var token = TestContext.Current.CancellationToken;
        var data = DemoDataGenerator.Generate(new DemoOptions { Accounts = 40 }).ToTenureDataSet();
        // Without the warm-up, which asks for every split's grids of a tenant once it is known (ADR 0495): here each grid is
        // asked for by the query or view that finds none.
        await using var server = await TenureTestServer.StartAsync(provider, postgres, new Dictionary<string, string?> { ["Tenure:Dashboards:WarmUp"] = "false" });
        // The demo's data runs to late 2026: the server's today after it, so the grid's months reach it.
        server.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero));
        await Storage.DataSetImporter.ImportAsync(server.Database, "acme", data, cancellationToken: token);
        var client = await server.ClientAsync();
        var grids = server.Services.GetRequiredService<Tenure.Web.Dashboards.MetricGrids>();
        var snapshot = await server.Services.GetRequiredService<Tenure.Web.Data.TenantDataCache>().GetCurrentAsync("acme", token);

        foreach (var by in new[] { SegmentBy.None, SegmentBy.Plan })
        {
            var split = by == SegmentBy.None ? "" : "&by=" + Segmentation.KeyName(by);
            // The first monthly query is computed and asks for the grid; wait for it to be built.
            await (await client.Get($"/api/v1/metrics?from=2025-11-01&to=2026-11-01&metric=mrr{split}")).JsonAsync(HttpStatusCode.OK);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!grids.IsBuilt(snapshot, by, new MetricOptions()))
            {
                Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), $"the grid split by {by} was not built");
                await Task.Delay(50, token);
            }
            foreach (var (query, request) in new[]
            {
                ("from=2026-02-01&to=2026-06-01", new MetricRequest(Utc(2026, 2, 1), Utc(2026, 6, 1), Granularity.Month, by)),
                ("from=2025-12-01&to=2026-01-01&metric=nps,customers,daily-usage&period=month", new MetricRequest(Utc(2025, 12, 1), Utc(2026, 1, 1), Granularity.Month, by, ["nps", "customers", "daily-usage"])),
            })
            {
                var actual = await (await client.Get($"/api/v1/metrics?{query}{split}")).Content.ReadAsStringAsync(token);
                var expected = Json(json => MetricJson.WriteResults(json, MetricEngine.Compute(data, request)));
                Assert.Equal(expected, actual);
            }
        }

        // Quarters and years have grids of their own (ADR 0285): a quarterly query by region, a yearly one unsplit.
        foreach (var (granularity, by, first, later) in new[]
        {
            (Granularity.Quarter, SegmentBy.Region, "from=2025-10-01&to=2026-10-01&period=quarter&by=region", (Utc(2025, 4, 1), Utc(2026, 7, 1))),
            (Granularity.Year, SegmentBy.None, "from=2024-01-01&to=2026-01-01&period=year", (Utc(2025, 1, 1), Utc(2027, 1, 1))),
        })
        {
            await (await client.Get($"/api/v1/metrics?{first}")).JsonAsync(HttpStatusCode.OK);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!grids.IsBuilt(snapshot, by, new MetricOptions(), granularity))
            {
                Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), $"the grid of {granularity} split by {by} was not built");
                await Task.Delay(50, token);
            }
            var split = by == SegmentBy.None ? "" : "&by=" + Segmentation.KeyName(by);
            var actual = await (await client.Get($"/api/v1/metrics?from={later.Item1:yyyy-MM-dd}&to={later.Item2:yyyy-MM-dd}&period={granularity.ToString().ToLowerInvariant()}{split}")).Content.ReadAsStringAsync(token);
            Assert.Equal(Json(json => MetricJson.WriteResults(json, MetricEngine.Compute(data, new MetricRequest(later.Item1, later.Item2, granularity, by)))), actual);
        }

        // A dashboard view reads the grids too: a quarter under one plan asks for the quarterly grid split by plan, and a
        // later view's cards are the engine's figures for that plan.
        Assert.False(grids.IsBuilt(snapshot, SegmentBy.Plan, new MetricOptions(), Granularity.Quarter));
        var plan = data.Accounts[0].Plan!;
        using var scope = server.Services.CreateScope();
        var pages = ActivatorUtilities.CreateInstance<Tenure.Web.Dashboards.DashboardPages>(scope.ServiceProvider, new Manager("acme"));
        Func<string, string?> View(string date) => k => k switch { "period" => "quarter", "date" => date, "plan" => plan, _ => null };
        await pages.SupportAsync(View("2026-05-01"), token);
        var asked = System.Diagnostics.Stopwatch.StartNew();
        while (!grids.IsBuilt(snapshot, SegmentBy.Plan, new MetricOptions(), Granularity.Quarter))
        {
            Assert.True(asked.Elapsed < TimeSpan.FromMinutes(2), "the support page's quarter under one plan asked for no grid");
            await Task.Delay(50, token);
        }
        var page = await pages.SupportAsync(View("2026-02-01"), token);
        Assert.False(page.FromCache);
        var view = page.Model.Query;
        var cards = Tenure.Web.Dashboards.SupportDashboard.CardMetrics;
        var engine = Tenure.Web.Dashboards.MetricSeries.CurrentAndPrevious(snapshot.Data, view, () => view.Filter.Apply(snapshot.Data), cards, new MetricOptions());
        static (string, decimal?, string, decimal?, string, string?) Shown(Tenure.Web.Dashboards.MetricCard c) => (c.MetricId, c.Value, c.Display, c.PreviousValue, c.PreviousDisplay, c.Change);
        var shown = cards.Select(id => Tenure.Web.Dashboards.MetricCard.Of(id, engine[id, -1], engine[id, -2], view, snapshot.Data.Present,
            Tenure.Web.Dashboards.CardMoney.CurrencyOf(snapshot.Data))).ToList();
        Assert.Equal(shown.Select(Shown), page.Model.Cards.Select(Shown));
        Assert.Contains(page.Model.Cards, c => c.Value is > 0);

        // Unfiltered, the per-agent table of a whole quarter asks for the agents' quarterly grid, and reads it once built.
        Func<string, string?> Quarter(string date) => k => k switch { "period" => "quarter", "date" => date, _ => null };
        await pages.SupportAsync(Quarter("2026-05-01"), token);
        var agents = System.Diagnostics.Stopwatch.StartNew();
        while (!grids.IsBuilt(snapshot, Tenure.Web.Dashboards.AgentDataSet.By, new MetricOptions(), Granularity.Quarter, Tenure.Web.Dashboards.GridData.Agents))
        {
            Assert.True(agents.Elapsed < TimeSpan.FromMinutes(2), "the support page's per-agent table asked for no grid");
            await Task.Delay(50, token);
        }
        var unfiltered = await pages.SupportAsync(Quarter("2026-02-01"), token);
        Assert.False(unfiltered.FromCache);
        var table = Tenure.Web.Dashboards.MetricTable.BySegment(Tenure.Web.Dashboards.AgentDataSet.Of(snapshot.Data), unfiltered.Model.Query.Current,
            Tenure.Web.Dashboards.AgentDataSet.By, Tenure.Web.Dashboards.SupportDashboard.AgentColumns, options: new MetricOptions());
        Assert.Equal(table.Rows.Select(r => (r.Label, string.Join("|", r.Cells))), unfiltered.Model.PerAgent.Rows.Select(r => (r.Label, string.Join("|", r.Cells))));
        Assert.NotEmpty(table.Rows);

        // A churn grace of the query's own is computed (the engine's figures with it) and asks for no grid: a key could
        // otherwise have a grid built for every grace day. A grid of 40 accounts builds in well under the second waited.
        var graced = await (await client.Get("/api/v1/metrics?from=2026-02-01&to=2026-06-01&churnGraceDays=45")).Content.ReadAsStringAsync(token);
        Assert.Equal(Json(json => MetricJson.WriteResults(json, MetricEngine.Compute(data, new MetricRequest(Utc(2026, 2, 1), Utc(2026, 6, 1), Options: new MetricOptions { ChurnGraceDays = 45 })))), graced);
        await Task.Delay(TimeSpan.FromSeconds(2), token);
        Assert.False(grids.IsBuilt(snapshot, SegmentBy.None, new MetricOptions { ChurnGraceDays = 45 }));
        Assert.True(grids.IsBuilt(snapshot, SegmentBy.None, new MetricOptions()));
    }

    [Fact]
    public async Task Metrics_OnSampleData_HandChecked()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync();
        await SampleData.LoadAsync(client);
        var json = await (await client.Get("/api/v1/metrics?from=2024-05-01&to=2024-07-01&metric=mrr&by=csm")).JsonAsync(HttpStatusCode.OK);
        var values = json.GetProperty("results").EnumerateArray().ToDictionary(
            r => (r.GetProperty("period").GetProperty("start").GetString(), r.GetProperty("segment").GetString()),
            r => r.GetProperty("value").GetDecimal());
        Assert.Equal(2800m, values[("2024-05-01", "all")]);      // 2400 + 200 + 200
        Assert.Equal(2600m, values[("2024-05-01", "csm=ann")]);  // A1 + A3
        Assert.Equal(200m, values[("2024-06-01", "csm=bo")]);
    }

    [Fact]
    public async Task Catalog_IsTheSharedCatalogueJson()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync(role: Storage.ApiKeyRole.Read);
        var response = await client.Get("/api/v1/metrics/catalog");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var actual = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Json(MetricJson.WriteCatalogue), actual);
        Assert.Contains(JsonDocument.Parse(actual).RootElement.GetProperty("metrics").EnumerateArray(), m => m.GetProperty("id").GetString() == "churn-rate");
    }

    [Theory]
    [InlineData("to=2024-02-01", "from")]
    [InlineData("from=2024-01-01", "to")]
    [InlineData("from=2024-13-01&to=2024-02-01", "from")]
    [InlineData("from=last-monday&to=2024-02-01", "from")]
    [InlineData("from=2024-02-01&to=2024-01-01", "to")]
    [InlineData("from=2024-01-01&to=2024-02-01&period=fortnight", "period")]
    [InlineData("from=2024-01-01&to=2024-02-01&by=colour", "by")]
    [InlineData("from=2024-01-01&to=2024-02-01&metric=mrr,no-such-metric", "metric")]
    [InlineData("from=2024-01-01&to=2024-02-01&trailing=0", "trailing")]
    [InlineData("from=2024-01-01&to=2024-02-01&trailing=abc", "trailing")]
    [InlineData("from=2024-01-01&to=2024-02-01&churnGraceDays=366", "churnGraceDays")]
    [InlineData("from=2024-01-01&to=2024-02-01&lifespanMonths=-3", "lifespanMonths")]
    [InlineData("from=2024-01-01&to=2024-02-01&by=csm", "by")] // no accounts stored
    public async Task BadParameters_Are400NamingTheParameter(string query, string parameter)
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync(role: Storage.ApiKeyRole.Read);
        var problem = await (await client.Get("/api/v1/metrics?" + query)).ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidParameter);
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.Contains(parameter, problem.GetProperty("detail").GetString());
    }

    /// <summary>The API's message is the shared parser's (the CLI prints the same with its option names).</summary>
    [Theory]
    [InlineData("trailing=0", "0")]
    [InlineData("trailing=abc", "abc")]
    public async Task Trailing_Bad_IsTheSharedParsersMessage(string query, string value)
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync(role: Storage.ApiKeyRole.Read);
        var problem = await (await client.Get("/api/v1/metrics?from=2024-01-01&to=2024-02-01&" + query)).ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidParameter);
        var expected = Assert.Throws<MetricRequestException>(() => MetricRequestParser.Parse(
            new MetricRequestText { From = "2024-01-01", To = "2024-02-01", Trailing = value }, MetricParameterNames.Api));
        Assert.Equal(expected.Message, problem.GetProperty("detail").GetString());
        Assert.Equal($"trailing '{value}' must be a whole number of months from 1 to 1200.", expected.Message);
    }

    /// <summary>
    /// The late renewal (95,604 a year = MRR 7,967 ending 2026-01-01; 74,268 a year = MRR 6,189 from
    /// 2026-01-07): the workspace's churn grace applies to the API; churnGraceDays overrides it.
    /// </summary>
    [Fact]
    public async Task ChurnGrace_WorkspaceSettingApplies_AndTheParameterOverridesIt()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync("acme");
        await (await client.PostCsvAsync("accounts", "account_id,name,created_at\nacme,Acme,2024-12-01\n")).JsonAsync(HttpStatusCode.OK);
        await (await client.PostCsvAsync("subscriptions",
            "subscription_id,account_id,start_date,end_date,amount,interval\n" +
            "y1,acme,2025-01-01,2026-01-01,95604,year\n" +
            "y2,acme,2026-01-07,2027-01-07,74268,year\n")).JsonAsync(HttpStatusCode.OK);

        async Task<Dictionary<string, decimal>> January(string extra = "")
        {
            var json = await (await client.Get("/api/v1/metrics?from=2026-01-01&to=2026-02-01&metric=churned-mrr,contraction-mrr,reactivation-mrr,churned-mrr" + extra)).JsonAsync(HttpStatusCode.OK);
            var results = json.GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(3, results.Count); // churned-mrr asked for twice, computed once
            return results.ToDictionary(r => r.GetProperty("metric").GetString()!, r => r.GetProperty("value").GetDecimal());
        }

        Assert.Equal((7_967m, 6_189m), ((await January())["churned-mrr"], (await January())["reactivation-mrr"]));
        Assert.Null(await new Settings.TenantChurnGraceSetting(server.Database).SetAsync("acme", "7", TestContext.Current.CancellationToken));
        var grace = await January();
        Assert.Equal((0m, 0m, 1_778m), (grace["churned-mrr"], grace["reactivation-mrr"], grace["contraction-mrr"])); // 7,967 - 6,189
        Assert.Equal(7_967m, (await January("&churnGraceDays=0"))["churned-mrr"]);
    }

    [Theory]
    [InlineData("abc", "Churn grace (days) 'abc' must be a whole number of days from 0 to 365. Nothing was changed.")]
    [InlineData("-1", "Churn grace (days) '-1' must be a whole number of days from 0 to 365. Nothing was changed.")]
    [InlineData("366", "Churn grace (days) '366' must be a whole number of days from 0 to 365. Nothing was changed.")]
    public async Task ChurnGraceSetting_BadValue_IsRefusedWithAClearMessage(string text, string message)
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var setting = new Settings.TenantChurnGraceSetting(server.Database);
        Assert.Null(await setting.SetAsync("acme", "14", TestContext.Current.CancellationToken));
        Assert.Equal(message, await setting.SetAsync("acme", text, TestContext.Current.CancellationToken));
        Assert.Equal(14, await setting.GetAsync("acme", TestContext.Current.CancellationToken));
        Assert.Null(await setting.SetAsync("acme", "0", TestContext.Current.CancellationToken));
        Assert.Null(await Storage.Users.TenantSettings.GetAsync(server.Database, "acme", Storage.Users.TenantSettings.ChurnGraceDays, TestContext.Current.CancellationToken));
    }

    private static DateTime Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
            write(json);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A manager of <paramref name="tenant"/>: every account.</summary>
    private sealed class Manager(string tenant) : Tenure.Web.Dashboards.ICurrentUser
    {
        public string Tenant => tenant;

        public string? Csm => null;

        public bool CanChange => true;

        public string DisplayName => "manager";
    }
}

public sealed class MetricsApiTestsOnSqlite(PostgresServer postgres) : MetricsApiTests(postgres, Provider.Sqlite);

public sealed class MetricsApiTestsOnPostgres(PostgresServer postgres) : MetricsApiTests(postgres, Provider.PostgreSql);
