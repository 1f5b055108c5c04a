using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;
using Tenure.Testing;

namespace Tenure.Storage.Tests;

/// <summary>The demo data set stored and loaded back gives the same rows and the same metrics.</summary>
public sealed class RoundTripTests(PostgresServer server)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task LoadAsync_AfterImport_GivesBackEveryRow(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        var data = DemoData.DataSet;

        var summary = await DataSetImporter.ImportAsync(test.Database, "acme", data, cancellationToken: Token);
        var loaded = await StoredData.LoadAsync(test.Database, "acme", Token);

        Assert.Equal(data.Present, loaded.Present);
        var costs = DataSetComparison.CostsAsStored(data.Costs);
        Assert.Equal(data.Accounts.Count + data.Subscriptions.Count + data.Invoices.Count + data.Users.Count
            + data.Usage.Count + data.Surveys.Count + data.Tickets.Count + costs.Count + data.Offers.Count
            + data.Referrals.Count + data.Milestones.Count + data.Programs.Count + data.Tasks.Count + data.Notes.Count,
            summary.Inserted);
        Assert.Equal(0, summary.Updated);
        Assert.Equal(0, summary.Unchanged);

        DataSetComparison.AssertSameRows(data.Accounts, loaded.Accounts, "accounts");
        DataSetComparison.AssertSameRows(data.Subscriptions, loaded.Subscriptions, "subscriptions");
        DataSetComparison.AssertSameRows(data.Invoices, loaded.Invoices, "invoices");
        DataSetComparison.AssertSameRows(data.Users, loaded.Users, "users");
        DataSetComparison.AssertSameRows(data.Usage, loaded.Usage, "usage");
        DataSetComparison.AssertSameRows(data.Surveys, loaded.Surveys, "surveys");
        DataSetComparison.AssertSameRows(data.Tickets, loaded.Tickets, "tickets");
        DataSetComparison.AssertSameRows(costs, loaded.Costs, "costs");
        DataSetComparison.AssertSameRows(data.Offers, loaded.Offers, "offers");
        DataSetComparison.AssertSameRows(data.Referrals, loaded.Referrals, "referrals");
        DataSetComparison.AssertSameRows(data.Milestones, loaded.Milestones, "milestones");
        DataSetComparison.AssertSameRows(data.Programs, loaded.Programs, "programs");
        DataSetComparison.AssertSameRows(data.Tasks, loaded.Tasks, "tasks");
        DataSetComparison.AssertSameRows(data.Notes, loaded.Notes, "notes");
        Assert.All(loaded.Subscriptions, s => Assert.Equal(DateTimeKind.Utc, s.Start.Kind));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task MetricEngine_OnLoadedData_EqualsTheOriginal(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        var data = DemoData.DataSet;
        await DataSetImporter.ImportAsync(test.Database, "acme", data, cancellationToken: Token);
        var loaded = await StoredData.LoadAsync(test.Database, "acme", Token);

        var asOf = DemoData.Options.AsOf;
        foreach (var by in new[] { SegmentBy.None, SegmentBy.Csm })
        {
            var request = new MetricRequest(asOf.AddYears(-2), asOf, Granularity.Month, by);
            var expected = MetricEngine.Compute(data, request);
            var actual = MetricEngine.Compute(loaded, request);
            Assert.NotEmpty(expected);
            Assert.Equal(expected.Select(Comparable), actual.Select(Comparable));
        }
    }

    /// <summary>A result with its breakdown as sorted pairs: the dictionary itself compares by reference.</summary>
    static object Comparable(MetricResult r) => (r with { Value = r.Value with { Breakdown = null } },
        string.Join(";", (r.Value.Breakdown ?? new Dictionary<string, decimal>()).OrderBy(b => b.Key, StringComparer.Ordinal)
            .Select(b => $"{b.Key}={b.Value / 1.000000000000000000000000000000000m}")));

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task LoadAsync_UnknownTenant_IsEmptyWithNothingPresent(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);

        var loaded = await StoredData.LoadAsync(test.Database, "nobody", Token);

        Assert.Equal(InputKind.None, loaded.Present);
        Assert.Empty(loaded.Accounts);
        Assert.Equal(0, await StoredData.DataVersionAsync(test.Database, "nobody", Token));
        Assert.Equal(0, (await StoredData.LoadAccountIndexAsync(test.Database, "nobody", Token)).Count);
    }
}
