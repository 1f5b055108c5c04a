using Tenure.Metrics.Inputs;
using Tenure.Testing;

namespace Tenure.Storage.Tests;

public sealed class DataSetImporterTests(PostgresServer server)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ImportAsync_SameDataTwice_EveryRowUnchanged(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        var data = DemoData.DataSet;
        var first = await DataSetImporter.ImportAsync(test.Database, "acme", data, cancellationToken: Token);

        var second = await DataSetImporter.ImportAsync(test.Database, "acme", data, cancellationToken: Token);

        Assert.Equal(first.Rows, second.Rows);
        Assert.Equal(0, second.Inserted);
        Assert.Equal(0, second.Updated);
        Assert.Equal(first.Rows, second.Unchanged);
        Assert.All(second.Kinds, k => Assert.Equal(k.Rows, k.Unchanged));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ImportAsync_OneRowChanged_OneUpdated(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        var data = DemoData.DataSet;
        await DataSetImporter.ImportAsync(test.Database, "acme", data, cancellationToken: Token);
        var invoices = data.Invoices.ToList();
        invoices[3] = invoices[3] with { Amount = invoices[3].Amount + 0.01m };
        var changed = new TenureDataSet { Accounts = data.Accounts, Invoices = invoices, Present = InputKind.Accounts | InputKind.Invoices };

        var summary = await DataSetImporter.ImportAsync(test.Database, "acme", changed, cancellationToken: Token);

        var kind = Assert.Single(summary.Kinds, k => k.Kind == InputKind.Invoices);
        Assert.Equal((invoices.Count, 0L, 1L, invoices.Count - 1L), (kind.Rows, kind.Inserted, kind.Updated, kind.Unchanged));
        var accounts = Assert.Single(summary.Kinds, k => k.Kind == InputKind.Accounts);
        Assert.Equal(data.Accounts.Count, accounts.Unchanged);
        var loaded = await StoredData.LoadAsync(test.Database, "acme", Token);
        Assert.Equal(invoices[3].Amount, Assert.Single(loaded.Invoices, i => i.InvoiceId == invoices[3].InvoiceId).Amount);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ImportAsync_CancelledMidway_LeavesTheDatabaseAsItWas(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        var data = DemoData.DataSet;
        // Before: only accounts and half the invoices, so the cancelled import would insert and update.
        var before = new TenureDataSet
        {
            Accounts = data.Accounts,
            Invoices = data.Invoices.Take(data.Invoices.Count / 2).Select(i => i with { Amount = i.Amount + 1m }).ToList(),
            Present = InputKind.Accounts | InputKind.Invoices,
        };
        await DataSetImporter.ImportAsync(test.Database, "acme", before, cancellationToken: Token);
        var checksum = DataSetComparison.Checksum(await StoredData.LoadAsync(test.Database, "acme", Token));
        long version = await StoredData.DataVersionAsync(test.Database, "acme", Token);

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var reports = new List<ImportProgress>();
        var progress = new SyncProgress(p =>
        {
            reports.Add(p);
            if (p.Kind == InputKind.Invoices)
            {
                cancel.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DataSetImporter.ImportAsync(test.Database, "acme", data, progress, cancel.Token));

        Assert.Contains(reports, r => r.Kind == InputKind.Accounts);
        Assert.DoesNotContain(reports, r => r.Kind == InputKind.Usage);
        Assert.Equal(checksum, DataSetComparison.Checksum(await StoredData.LoadAsync(test.Database, "acme", Token)));
        Assert.Equal(version, await StoredData.DataVersionAsync(test.Database, "acme", Token));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task LoadAsync_TwoTenantsWithTheSameAccountIds_EachSeesOnlyItsOwn(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        var created = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        TenureDataSet Accounts(string name) => new()
        {
            Accounts = [new Account("A1", name + " one", created), new Account("A2", name + " two", created)],
            Present = InputKind.Accounts,
        };
        await DataSetImporter.ImportAsync(test.Database, "alpha", Accounts("Alpha"), cancellationToken: Token);
        var beta = await DataSetImporter.ImportAsync(test.Database, "beta", Accounts("Beta"), cancellationToken: Token);

        Assert.Equal(2, beta.Inserted);
        var alpha = await StoredData.LoadAsync(test.Database, "alpha", Token);
        var betaLoaded = await StoredData.LoadAsync(test.Database, "beta", Token);
        Assert.Equal(["Alpha one", "Alpha two"], alpha.Accounts.Select(a => a.Name));
        Assert.Equal(["Beta one", "Beta two"], betaLoaded.Accounts.Select(a => a.Name));
        Assert.Equal(InputKind.Accounts, alpha.Present);
        Assert.Equal(2, (await StoredData.LoadAccountIndexAsync(test.Database, "alpha", Token)).Count);
        Assert.Equal(1, await StoredData.DataVersionAsync(test.Database, "alpha", Token));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ImportAsync_PresentButEmptyKind_IsPresentAfterLoad(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);

        await DataSetImporter.ImportAsync(test.Database, "acme", new TenureDataSet { Present = InputKind.Tickets }, cancellationToken: Token);

        var loaded = await StoredData.LoadAsync(test.Database, "acme", Token);
        Assert.Equal(InputKind.Tickets, loaded.Present);
        Assert.Empty(loaded.Tickets);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ImportAsync_CostsWithoutKey_SummedPerDateKindAndCategory(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        var day = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var costs = new TenureDataSet
        {
            Costs = [new CostEntry(day, 100m, CostKind.Retention, "tools"), new CostEntry(day, 50.5m, CostKind.Retention, "tools"), new CostEntry(day, 7m, CostKind.Retention)],
            Present = InputKind.Costs,
        };

        var first = await DataSetImporter.ImportAsync(test.Database, "acme", costs, cancellationToken: Token);
        var again = await DataSetImporter.ImportAsync(test.Database, "acme", costs, cancellationToken: Token);

        Assert.Equal((2L, 2L), (first.Rows, first.Inserted));
        Assert.Equal(2, again.Unchanged);
        var loaded = await StoredData.LoadAsync(test.Database, "acme", Token);
        Assert.Equal(150.5m, Assert.Single(loaded.Costs, c => c.Category == "tools").Amount);
        Assert.Equal(7m, Assert.Single(loaded.Costs, c => c.Category is null).Amount);
    }
}
