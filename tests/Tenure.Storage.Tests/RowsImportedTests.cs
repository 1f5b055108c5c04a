using Tenure.Demo;
using Tenure.Metrics.Inputs;
using Tenure.Storage.Snapshots;
using Tenure.Testing;

namespace Tenure.Storage.Tests;

/// <summary>
/// An import's rows upserted into a copy of the tenant's data in memory (<see cref="RowsImported"/>, what the server does
/// with an ingest batch instead of reloading the tenant): the result is what a load from the database reads after the
/// import, compared through the snapshot file each gives (every row of every kind, in order, every value's bits, a
/// decimal's scale included); where that cannot be known the change is refused (null), never guessed.
/// </summary>
public sealed class RowsImportedTests(PostgresServer server)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static readonly DateTime Day = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The snapshot file <paramref name="data"/> makes, under one identity for every data set compared.</summary>
    static byte[] Snapshot(TenureDataSet data)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tenure-rows-imported-{Guid.NewGuid():N}.snapshot");
        try
        {
            Assert.True(TenantSnapshotFile.Write(path, new TenantSnapshotFile.Identity("acme", "created", 1, data.Present), data));
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A load from the rows (the snapshot file removed first, so the database is read).</summary>
    static async Task<TenureDataSet> LoadFromRowsAsync(TestDatabase test)
    {
        if (TenantSnapshotFile.PathFor(test.Database, "acme") is { } path && File.Exists(path))
            File.Delete(path);
        return (await StoredData.LoadVersionedAsync(test.Database, "acme", Token)).Data;
    }

    /// <summary>About a quarter of the accounts (the sum of an id's characters is 1 modulo 4): a batch of their rows of every kind.</summary>
    sealed class EveryFourthAccount : SegmentMembership
    {
        public override bool AccountIn(string? accountId) => accountId is { } id && id.Sum(c => c) % 4 == 1;

        public override bool OwnedIn(string? owner, string? accountId) => AccountIn(accountId);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ABatchOfEveryKind_UpsertedInMemory_IsWhatALoadReads(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        await DataSetImporter.ImportAsync(test.Database, "acme", DemoData.DataSet, cancellationToken: Token);
        var before = await LoadFromRowsAsync(test);
        // Another seed's rows of a quarter of the accounts: the same ids with other values (updates) and rows whose keys
        // the first set does not have (inserts), all over each kind's key order.
        var other = DemoDataGenerator.Generate(DemoData.Options with { Seed = 8 }).ToTenureDataSet();
        var batch = new TenureDataSet { Present = other.Present };
        foreach (var kind in InputKinds.All)
            batch = kind.Filter(batch, other, new EveryFourthAccount());
        batch = batch with { Costs = other.Costs.Take(5).ToArray() }; // costs name no account

        var import = await DataSetImporter.ImportAsync(test.Database, "acme", batch, cancellationToken: Token);
        var change = await RowsImported.OfAsync(import);
        var applied = change?.ApplyTo(before);
        var loaded = await LoadFromRowsAsync(test);

        Assert.True(import.Inserted > 0 && import.Updated > 0, $"the batch inserts and updates rows ({import.Inserted} inserted, {import.Updated} updated)");
        Assert.All(InputKinds.All, kind => Assert.True(batch.Has(kind.Kind) && kind.CountIn(batch) > 0, $"{kind.Name}: rows in the batch"));
        Assert.Equal(import.DataVersion, change!.Version);
        Assert.NotNull(applied);
        Assert.Equal(Snapshot(loaded), Snapshot(applied));
        Assert.Equal(before.Accounts.Count + import.Kinds.Single(k => k.Kind == InputKind.Accounts).Inserted, applied.Accounts.Count);
    }

    [Fact]
    public async Task RowsBeforeBetweenAndAfterTheStoredKeys_GoWhereALoadReadsThem()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);
        static Account Named(string id, string name) => new(id, name, Day);
        await DataSetImporter.ImportAsync(test.Database, "acme", new TenureDataSet { Accounts = [Named("B", "b"), Named("D", "d"), Named("x\uE000", "e")], Present = InputKind.Accounts }, cancellationToken: Token);
        var before = await LoadFromRowsAsync(test);

        var import = await DataSetImporter.ImportAsync(test.Database, "acme", new TenureDataSet
        {
            Accounts = [Named("x\uF000", "f"), Named("A", "a"), Named("D", "d2"), Named("C", "c")],
            Present = InputKind.Accounts,
        }, cancellationToken: Token);
        var applied = (await RowsImported.OfAsync(import))!.ApplyTo(before)!;

        Assert.Equal(["A", "B", "C", "D", "x\uE000", "x\uF000"], applied.Accounts.Select(a => a.AccountId));
        Assert.Equal("d2", applied.Accounts[3].Name);
        Assert.Equal(Snapshot(await LoadFromRowsAsync(test)), Snapshot(applied));
        Assert.Equal(3, before.Accounts.Count); // the data given is not changed
    }

    [Fact]
    public async Task DataThatIsNotTheStoredRowsBeforeTheImport_IsRefused()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);
        await DataSetImporter.ImportAsync(test.Database, "acme", new TenureDataSet { Accounts = [new Account("A1", "Acme", Day)], Present = InputKind.Accounts }, cancellationToken: Token);
        var import = await DataSetImporter.ImportAsync(test.Database, "acme", new TenureDataSet { Accounts = [new Account("A1", "Acme Renamed", Day)], Present = InputKind.Accounts }, cancellationToken: Token);
        var change = (await RowsImported.OfAsync(import))!;

        // The import updated A1; data without A1 would take it as new: not the data the import was written over.
        Assert.Null(change.ApplyTo(new TenureDataSet { Accounts = [new Account("A0", "Other", Day)], Present = InputKind.Accounts }));
        Assert.Equal("Acme Renamed", Assert.Single(change.ApplyTo(await LoadFromRowsAsync(test) with { Accounts = [new Account("A1", "Acme", Day)] })!.Accounts).Name);
    }

    [Fact]
    public async Task TasksBesideTenuresOwn_AreRefused_ForAReload()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);
        var task = new CsTask("K1", "ann", null, "call", Day);
        var import = await DataSetImporter.ImportAsync(test.Database, "acme", new TenureDataSet { Tasks = [task], Present = InputKind.Tasks }, cancellationToken: Token);
        var change = (await RowsImported.OfAsync(import))!;

        // A load appends Tenure's own tasks after the imported ones: where an imported one goes among them is not known here.
        Assert.Null(change.ApplyTo(new TenureDataSet { Tasks = [new CsTask("tenure-task-1", "ann", null, null, Day)], Present = InputKind.Tasks }));
        Assert.Equal(["A0", "K1"], change.ApplyTo(new TenureDataSet { Tasks = [new CsTask("A0", "bo", null, null, Day)], Present = InputKind.Tasks })!.Tasks.Select(t => t.TaskId));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, 1, 0)] // SQLite keeps a decimal without its trailing zeros
    [InlineData(DatabaseProvider.PostgreSql, 2, 3)] // numeric keeps the scale written, and an equal value is not rewritten
    public async Task AnUnchangedRow_KeepsTheStoredValues_AsEachDatabaseDoes(DatabaseProvider provider, int unchangedScale, int newScale)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        await DataSetImporter.ImportAsync(test.Database, "acme", new TenureDataSet { Accounts = [new Account("A1", "Acme", Day, AcquisitionCost: 1200.50m)], Present = InputKind.Accounts }, cancellationToken: Token);
        var before = await LoadFromRowsAsync(test);

        var import = await DataSetImporter.ImportAsync(test.Database, "acme", new TenureDataSet
        {
            Accounts = [new Account("A1", "Acme", Day, AcquisitionCost: 1200.5m), new Account("A2", "Globex", Day, AcquisitionCost: 10.000m)],
            Present = InputKind.Accounts,
        }, cancellationToken: Token);
        var applied = (await RowsImported.OfAsync(import))!.ApplyTo(before)!;
        var loaded = await LoadFromRowsAsync(test);

        Assert.Equal((1, 1, 0), (import.Inserted, import.Unchanged, import.Updated));
        Assert.Equal([unchangedScale, newScale], applied.Accounts.Select(a => (int)a.AcquisitionCost!.Value.Scale));
        Assert.Equal(Snapshot(loaded), Snapshot(applied));
    }

    [Fact]
    public async Task RowsADatabaseKeepsInAFormNotFollowed_AreNotKnown()
    {
        await using var sqlite = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);
        // A surrogate (here half a pair) goes through SQLite's UTF-16 to UTF-8 conversion, which the rows as stored do not follow.
        var halfAPair = await DataSetImporter.ImportAsync(sqlite.Database, "acme", new TenureDataSet { Accounts = [new Account("A1", "Half \uD800 a pair", Day)], Present = InputKind.Accounts }, cancellationToken: Token);
        await using var postgres = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql, server);
        async Task<ImportSummary> OnPostgreSqlAsync(TenureDataSet data) => await DataSetImporter.ImportAsync(postgres.Database, "acme", data, cancellationToken: Token);
        // PostgreSQL rounds a fraction of a microsecond towards 2000-01-01, has no negative zero, and a large import is not kept.
        var tick = await OnPostgreSqlAsync(new TenureDataSet { Accounts = [new Account("A1", "Acme", new DateTime(1990, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(-3))], Present = InputKind.Accounts });
        var negativeZero = await OnPostgreSqlAsync(new TenureDataSet { Accounts = [new Account("A2", "Globex", Day, AcquisitionCost: -0.00m)], Present = InputKind.Accounts });
        var plain = await OnPostgreSqlAsync(new TenureDataSet { Accounts = [new Account("A3", "Initech", Day, AcquisitionCost: 0.00m)], Present = InputKind.Accounts });
        var large = await OnPostgreSqlAsync(new TenureDataSet
        {
            Usage = [.. Enumerable.Range(0, PostgreSql.PostgreSqlDataSetImport.MaxRowsKept + 1).Select(i => new UsageDay("A3", $"u{i % 1000}", Day.AddDays(i / 1000), 1))],
            Present = InputKind.Usage,
        });

        Assert.Null(await RowsImported.OfAsync(halfAPair));
        Assert.Null(await RowsImported.OfAsync(tick));
        Assert.Null(await RowsImported.OfAsync(negativeZero));
        Assert.NotNull(await RowsImported.OfAsync(plain));
        Assert.Null(await RowsImported.OfAsync(large));
    }
}
