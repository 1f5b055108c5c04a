using Microsoft.Extensions.DependencyInjection;

using Tenure.Demo;
using Tenure.Testing;
using Tenure.Web.Dashboards;
using Tenure.Web.Data;

namespace Tenure.Web.Tests.Dashboards;

/// <summary>
/// The SaaS page's cohorts, trailing CLV and retention outlook depend on the segment and the period's end only: a view of
/// another period ending on the same date takes them from the server's cache (ADR 0495), and they are the figures a view
/// computed alone shows.
/// </summary>
public sealed class SharedPartsTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AQuarter_TakesTheSaasPartsOfTheMonthEndingWithIt_TheFiguresOfAViewAlone()
    {
        var data = DemoDataGenerator.Generate(new DemoOptions { Accounts = 40 }).ToTenureDataSet();
        await using var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres, new Dictionary<string, string?> { ["Tenure:Dashboards:WarmUp"] = "false" });
        server.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero));
        await Storage.DataSetImporter.ImportAsync(server.Database, "acme", data, cancellationToken: Token);
        using var scope = server.Services.CreateScope();
        var pages = ActivatorUtilities.CreateInstance<DashboardPages>(scope.ServiceProvider, new Manager("acme"));
        var plan = data.Accounts[0].Plan!;
        Func<string, string?> View(string period, string date, string? planFilter = null) =>
            k => k switch { "period" => period, "date" => date, "plan" => planFilter, _ => null };

        // March 2026, then the first quarter of 2026: both end on 2026-04-01.
        var month = (await pages.SaasAsync(View("month", "2026-03-10", plan), Token)).Model;
        var quarter = await pages.SaasAsync(View("quarter", "2026-02-01", plan), Token);
        Assert.False(quarter.FromCache); // a page of its own, computed
        Assert.Equal(month.Query.Current.End, quarter.Model.Query.Current.End);
        Assert.Same(month.Cohorts, quarter.Model.Cohorts);
        Assert.Same(month.Projection, quarter.Model.Projection);
        // The CLV of the 12 months ending 2026-04-01 is both views' current one (their previous ones end on other dates).
        Assert.Equal(Clv(month).Value, Clv(quarter.Model).Value);

        // The same figures as the quarter computed alone, without a cache to share.
        var snapshot = await server.Services.GetRequiredService<TenantDataCache>().GetCurrentAsync("acme", Token);
        var query = quarter.Model.Query;
        var alone = SaasDashboard.Build(new DashboardContext(snapshot.Data, query, () => query.Filter.Apply(snapshot.Data)));
        Assert.Equal(Rows(alone.Cohorts), Rows(quarter.Model.Cohorts));
        Assert.NotEmpty(alone.Cohorts);
        Assert.Equal(alone.Projection?.Projected, quarter.Model.Projection?.Projected);
        Assert.Equal(Clv(alone), Clv(quarter.Model));

        // Another segment, or another end, shares nothing.
        var unfiltered = (await pages.SaasAsync(View("quarter", "2026-02-01"), Token)).Model;
        Assert.NotSame(month.Cohorts, unfiltered.Cohorts);
        var april = (await pages.SaasAsync(View("month", "2026-04-10", plan), Token)).Model;
        Assert.NotSame(month.Cohorts, april.Cohorts);
    }

    private static (decimal? Value, string Display, decimal? Previous, string Name) Clv(SaasDashboardModel model) =>
        model.Cards.Single(c => c.MetricId == "clv") is var c ? (c.Value, c.Display, c.PreviousValue, c.Name) : default;

    private static IEnumerable<string> Rows(IReadOnlyList<CohortRow> rows) =>
        rows.Select(r => $"{r.Cohort} {r.NewCustomers} {r.StartingMrr} {string.Join(",", r.Logo)} {string.Join(",", r.Revenue)}");

    /// <summary>A manager of <paramref name="tenant"/>: every account.</summary>
    private sealed class Manager(string tenant) : ICurrentUser
    {
        public string Tenant => tenant;

        public string? Csm => null;

        public bool CanChange => true;

        public string DisplayName => "manager";
    }
}
