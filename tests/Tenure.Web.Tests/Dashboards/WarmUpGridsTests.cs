using System.Diagnostics;

using Microsoft.Extensions.DependencyInjection;

using Tenure.Demo;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Periods;
using Tenure.Testing;
using Tenure.Web.Dashboards;
using Tenure.Web.Data;

namespace Tenure.Web.Tests.Dashboards;

/// <summary>
/// The warm-up asks for the metric grids a first view under one filter reads (ADR 0495): every metric per month, quarter
/// and year split by each attribute the filters offer, and the agents' split by csm, besides the unsplit ones; and the SaaS
/// page's trailing CLV windows, unsplit and split by each attribute; and the per-CSM and per-agent tables' columns split by
/// csm (by agent) within each other attribute.
/// </summary>
public sealed class WarmUpGridsTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheWarmUp_BuildsTheGridsOfEveryFilterAttribute_AndTheAgents()
    {
        var data = DemoDataGenerator.Generate(new DemoOptions { Accounts = 40 }).ToTenureDataSet();
        await using var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres,
            new Dictionary<string, string?> { ["Tenure:Dashboards:WarmUpIntervalSeconds"] = "1" });
        // The demo's data runs to late 2026: the server's today after it, so the grids' months reach it.
        server.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero));
        // The default tenant is warmed without anyone opening it.
        await Storage.DataSetImporter.ImportAsync(server.Database, Storage.Tenants.Default, data, cancellationToken: Token);
        var grids = server.Services.GetRequiredService<MetricGrids>();
        var snapshot = await server.Services.GetRequiredService<TenantDataCache>().GetCurrentAsync(Storage.Tenants.Default, Token);
        // The demo's accounts have every attribute.
        Assert.All(new Func<Metrics.Inputs.Account, string?>[] { a => a.Csm, a => a.Plan, a => a.Segment, a => a.Industry, a => a.Region },
            attribute => Assert.Contains(data.Accounts, a => attribute(a) is not null));

        var expected = new List<(SegmentBy By, Granularity Granularity, GridData Source)>();
        foreach (var granularity in new[] { Granularity.Month, Granularity.Quarter, Granularity.Year })
        {
            foreach (var by in new[] { SegmentBy.None, SegmentBy.Csm, SegmentBy.Plan, SegmentBy.Segment, SegmentBy.Industry, SegmentBy.Region })
                expected.Add((by, granularity, GridData.Tenant));
            expected.Add((AgentDataSet.By, granularity, GridData.Agents));
        }
        // And the SaaS page's trailing CLV windows, unsplit and split by each attribute (the tenant's data only).
        foreach (var by in new[] { SegmentBy.None, SegmentBy.Csm, SegmentBy.Plan, SegmentBy.Segment, SegmentBy.Industry, SegmentBy.Region })
            expected.Add((by, Granularity.Range, GridData.Tenant));
        // And the per-CSM columns split by csm within each other attribute, and the per-agent columns split by agent within it.
        var within = new List<(SegmentBy Within, Granularity Granularity)>();
        foreach (var granularity in new[] { Granularity.Month, Granularity.Quarter, Granularity.Year })
        {
            foreach (var by in new[] { SegmentBy.Plan, SegmentBy.Segment, SegmentBy.Industry, SegmentBy.Region })
                within.Add((by, granularity));
        }
        var waited = Stopwatch.StartNew();
        List<(SegmentBy, Granularity, GridData)> missing;
        while ((missing = [.. expected.Where(g => !grids.IsBuilt(snapshot, g.By, new MetricOptions(), g.Granularity, g.Source)),
            .. within.Where(g => !grids.IsBuilt(snapshot, SegmentBy.Csm, new MetricOptions(), g.Granularity, GridData.Tenant, g.Within)).Select(g => (g.Within, g.Granularity, GridData.Tenant)),
            .. within.Where(g => !grids.IsBuilt(snapshot, AgentDataSet.By, new MetricOptions(), g.Granularity, GridData.Agents, g.Within)).Select(g => (g.Within, g.Granularity, GridData.Agents))]).Count > 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(3), $"not built: {string.Join(", ", missing)}");
            // The warm-up checks the tenants every second of the server's clock.
            server.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100, Token);
        }
        // A cohort split is no grid's (its queries are computed), and none was asked for; nor are the agents' windows.
        Assert.False(grids.IsBuilt(snapshot, SegmentBy.Cohort, new MetricOptions()));
        Assert.False(grids.IsBuilt(snapshot, AgentDataSet.By, new MetricOptions(), Granularity.Range, GridData.Agents));
        Assert.False(grids.IsBuilt(snapshot, SegmentBy.Csm, new MetricOptions(), Granularity.Month, GridData.Tenant, SegmentBy.Csm));
    }

    [Fact]
    public void FilterSplits_AreTheAttributesWithAValue_InTheFiltersOrder()
    {
        var choices = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["csm"] = ["ana"],
            ["plan"] = [],
            ["segment"] = ["smb", "enterprise"],
            ["industry"] = [],
            ["region"] = ["emea"],
        };
        Assert.Equal([SegmentBy.Csm, SegmentBy.Segment, SegmentBy.Region], DashboardWarmUp.FilterSplits(choices));
        Assert.Empty(DashboardWarmUp.FilterSplits(new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["plan"] = [], ["cohort"] = ["2024-01"], ["colour"] = ["red"] }));
    }
}
