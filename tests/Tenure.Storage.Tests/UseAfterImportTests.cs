using Tenure.Metrics.Inputs;
using Tenure.Storage.Snapshots;
using Tenure.Testing;

namespace Tenure.Storage.Tests;

/// <summary>
/// The data after an import without reading the rows back (<see cref="StoredData.UseAfterImportAsync"/>): exactly what a
/// load from the database gives, compared through the snapshot file each writes (every row, in order, every value's
/// bits, a decimal's scale included).
/// </summary>
public sealed class UseAfterImportTests(PostgresServer server)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static readonly DateTime Day = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>What the import's own path gives, and the snapshot file it wrote.</summary>
    static async Task<(TenureDataSet Data, byte[] Snapshot)> UseAfterImportAsync(TestDatabase test, string tenant, ImportSummary import)
    {
        var data = await StoredData.UseAfterImportAsync(test.Database, tenant, import, Task.FromResult, Token);
        return (data, await File.ReadAllBytesAsync(TenantSnapshotFile.PathFor(test.Database, tenant)!, Token));
    }

    /// <summary>What a load from the rows gives (the snapshot file removed first), and the snapshot file that load wrote.</summary>
    static async Task<(TenureDataSet Data, byte[] Snapshot)> LoadFromRowsAsync(TestDatabase test, string tenant)
    {
        var path = TenantSnapshotFile.PathFor(test.Database, tenant)!;
        File.Delete(path);
        var (data, _) = await StoredData.LoadVersionedAsync(test.Database, tenant, Token);
        return (data, await File.ReadAllBytesAsync(path, Token));
    }

    [Fact]
    public async Task FirstImport_GivesWhatALoadGives_FromTheImportedRecords()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);
        var import = await DataSetImporter.ImportAsync(test.Database, "acme", DemoData.DataSet, cancellationToken: Token);

        var (used, usedSnapshot) = await UseAfterImportAsync(test, "acme", import);
        var (loaded, loadedSnapshot) = await LoadFromRowsAsync(test, "acme");

        Assert.Equal(loadedSnapshot, usedSnapshot);
        Assert.Equal(loaded.Usage, used.Usage);
        Assert.Equal(loaded.Invoices, used.Invoices);
        // Not read back: the ids are the imported records' own strings (a load makes new ones from the file's bytes).
        var first = used.Accounts[0];
        Assert.Same(DemoData.DataSet.Accounts.Single(a => a.AccountId == first.AccountId).AccountId, first.AccountId);
        Assert.NotSame(first.AccountId, loaded.Accounts[0].AccountId);
    }

    [Fact]
    public async Task FirstLargeImport_TextsCollectedWhileStoring_GiveTheFileALoadWrites()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);
        // Enough rows for the large import's path: a background checkpoint, and the snapshot's texts collected ahead.
        var data = Demo.DemoDataGenerator.Generate(DemoData.Options with { Accounts = 1500 }).ToTenureDataSet();
        Assert.True(Tables.StoredTables.All.Sum(t => t.RowCount(data)) >= Sqlite.SqliteDataSetImport.LargeFromRows);
        var import = await DataSetImporter.ImportAsync(test.Database, "acme", data, cancellationToken: Token);

        var (used, usedSnapshot) = await UseAfterImportAsync(test, "acme", import);
        var (loaded, loadedSnapshot) = await LoadFromRowsAsync(test, "acme");

        Assert.NotNull(await import.TextsAhead!);
        Assert.Equal(loadedSnapshot, usedSnapshot);
        Assert.Equal(loaded.Usage, used.Usage);
    }

    [Fact]
    public async Task FirstLargeImport_EveryKindGivenShuffled_StoredAndUsedAsALoadGivesThem()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);
        // The large import's path (ADR 0480): each kind's rows put in key order on another thread while SQLite takes the
        // kinds before it, whatever order they come in; every row stored once, and the import's rows as stored the same
        // as a load's, to the snapshot file's bytes.
        var demo = Demo.DemoDataGenerator.Generate(DemoData.Options with { Accounts = 1500 }).ToTenureDataSet();
        var random = new Random(11);
        T[] Shuffled<T>(IReadOnlyList<T> rows)
        {
            var copy = rows.ToArray();
            random.Shuffle(copy);
            return copy;
        }
        var data = demo with
        {
            Accounts = Shuffled(demo.Accounts),
            Subscriptions = Shuffled(demo.Subscriptions),
            Invoices = Shuffled(demo.Invoices),
            Usage = Shuffled(demo.Usage),
            Tickets = Shuffled(demo.Tickets),
            Surveys = Shuffled(demo.Surveys),
        };
        Assert.True(Tables.StoredTables.All.Sum(t => t.RowCount(data)) >= Sqlite.SqliteDataSetImport.LargeFromRows);
        Assert.NotEqual(demo.Usage, data.Usage);

        var import = await DataSetImporter.ImportAsync(test.Database, "acme", data, cancellationToken: Token);
        var (used, usedSnapshot) = await UseAfterImportAsync(test, "acme", import);
        var (loaded, loadedSnapshot) = await LoadFromRowsAsync(test, "acme");

        Assert.Equal(loadedSnapshot, usedSnapshot);
        Assert.Equal(demo.Usage.Count, import.Kinds.Single(k => k.Kind == InputKind.Usage).Inserted);
        Assert.Equal(demo.Invoices.Count, import.Kinds.Single(k => k.Kind == InputKind.Invoices).Inserted);
        Assert.Equal(loaded.Usage, used.Usage);
        Assert.Equal(loaded.Invoices.Select(i => i.InvoiceId), used.Invoices.Select(i => i.InvoiceId));
    }

    [Fact]
    public async Task FirstLargeImport_TheWalIsCopiedIntoTheFile_ByABackgroundCheckpoint()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);
        var data = Demo.DemoDataGenerator.Generate(DemoData.Options with { Accounts = 1500 }).ToTenureDataSet();
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(test.Database.Location.ConnectionString).DataSource;
        long before = new FileInfo(file).Length;

        await DataSetImporter.ImportAsync(test.Database, "acme", data, cancellationToken: Token);
        await test.Database.BackgroundCheckpoints;

        // The rows (megabytes of pages) are in the file itself, not only in its WAL: the commit did not copy them (its
        // automatic checkpoint was off), so the background checkpoint did.
        Assert.True(new FileInfo(file).Length > before + 1_000_000, $"{file}: {before} bytes before, {new FileInfo(file).Length} after");
    }

    [Fact]
    public async Task FirstImport_ValuesComeBackAsSqliteKeepsThem_AndKeysInItsOrder()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);
        var account = new Account("A1", "Acme", Day.AddTicks(7), AcquisitionCost: 1200.500m);
        var data = new TenureDataSet
        {
            Accounts = [account],
            Invoices = [new Invoice("I1", "A1", Day.AddTicks(15), 120.50m, InvoiceKind.Recurring)],
            // In key order (date, kind) as given; a whole microsecond puts them the other way round.
            Costs = [new CostEntry(Day.AddTicks(1), 10.00m, CostKind.Retention), new CostEntry(Day.AddTicks(3), 5m, CostKind.Acquisition)],
            Present = InputKind.Accounts | InputKind.Invoices | InputKind.Costs,
        };
        var import = await DataSetImporter.ImportAsync(test.Database, "acme", data, cancellationToken: Token);

        var (used, usedSnapshot) = await UseAfterImportAsync(test, "acme", import);
        var (_, loadedSnapshot) = await LoadFromRowsAsync(test, "acme");

        Assert.Equal(loadedSnapshot, usedSnapshot);
        Assert.Same(account.AccountId, used.Accounts[0].AccountId);
        // Sub-microsecond ticks dropped; trailing zeros dropped (120.50 is stored as "120.5", 1200.500 as "1200.5").
        Assert.Equal(Day, used.Accounts[0].CreatedAt);
        Assert.Equal(Day.AddTicks(10), used.Invoices[0].Date);
        Assert.Equal(1, used.Invoices[0].Amount.Scale);
        Assert.Equal(1, used.Accounts[0].AcquisitionCost!.Value.Scale);
        Assert.Equal([CostKind.Acquisition, CostKind.Retention], used.Costs.Select(c => c.Kind));
        Assert.Equal(0, used.Costs[1].Amount.Scale);
    }

    [Fact]
    public async Task FirstImport_ARowStoredAsGiven_IsTheImportedRecord_AnyOtherIsReadBack()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);
        var asGiven = new Account("A1", "Acme", Day, AcquisitionCost: 1200.5m);
        var trailingZero = new Account("A2", "Beta", Day, AcquisitionCost: 1200.50m);
        var subMicrosecond = new Account("A3", "Gamma", Day.AddTicks(7));
        var notUtc = new Account("A4", "Delta", DateTime.SpecifyKind(Day, DateTimeKind.Unspecified));
        var data = new TenureDataSet { Accounts = [asGiven, trailingZero, subMicrosecond, notUtc], Present = InputKind.Accounts };
        var import = await DataSetImporter.ImportAsync(test.Database, "acme", data, cancellationToken: Token);

        var (used, usedSnapshot) = await UseAfterImportAsync(test, "acme", import);
        var (_, loadedSnapshot) = await LoadFromRowsAsync(test, "acme");

        Assert.Equal(loadedSnapshot, usedSnapshot);
        Assert.Same(asGiven, used.Accounts[0]);
        // Equal as records (1200.50 == 1200.5, ticks compared without the kind), stored otherwise: read back.
        Assert.NotSame(trailingZero, used.Accounts[1]);
        Assert.Equal(1, used.Accounts[1].AcquisitionCost!.Value.Scale);
        Assert.Equal(Day, used.Accounts[2].CreatedAt);
        Assert.NotSame(notUtc, used.Accounts[3]);
        Assert.Equal(DateTimeKind.Utc, used.Accounts[3].CreatedAt.Kind);
    }

    [Fact]
    public void RowsAsStored_ARowATableMapsToAnother_IsTheMappedRow()
    {
        // usage_days keeps "no user" as "" (a key column cannot be null) and reads "" back as no user.
        var given = new TenureDataSet { Usage = [new UsageDay("A1", "", Day, 3), new UsageDay("A1", "U1", Day, 2)], Present = InputKind.Usage };

        var stored = new Tables.UsageDaysTable().RowsAsStored(given, DatabaseProvider.Sqlite)!(new TenureDataSet());

        Assert.Equal([new UsageDay("A1", null, Day, 3), new UsageDay("A1", "U1", Day, 2)], stored.Usage);
    }

    [Fact]
    public async Task ImportIntoATenantWithRows_LoadsEveryStoredRow()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);
        await DataSetImporter.ImportAsync(test.Database, "acme", DemoData.DataSet, cancellationToken: Token);
        var added = new Account("ZZ-NEW", "Newco", Day);
        var import = await DataSetImporter.ImportAsync(test.Database, "acme", new TenureDataSet { Accounts = [added], Present = InputKind.Accounts }, cancellationToken: Token);

        var (used, usedSnapshot) = await UseAfterImportAsync(test, "acme", import);
        var (_, loadedSnapshot) = await LoadFromRowsAsync(test, "acme");

        Assert.Equal(loadedSnapshot, usedSnapshot);
        Assert.Equal(DemoData.DataSet.Accounts.Count + 1, used.Accounts.Count);
        Assert.Equal(DemoData.DataSet.Usage.Count, used.Usage.Count);
        Assert.NotSame(added.AccountId, used.Accounts.Single(a => a.AccountId == "ZZ-NEW").AccountId);
    }

    [Fact]
    public async Task ATextSqliteWouldReEncode_IsReadBack()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);
        var account = new Account("A1", "Half \uD800 a pair", Day);
        var import = await DataSetImporter.ImportAsync(test.Database, "acme", new TenureDataSet { Accounts = [account], Present = InputKind.Accounts }, cancellationToken: Token);

        var (used, usedSnapshot) = await UseAfterImportAsync(test, "acme", import);
        var (loaded, loadedSnapshot) = await LoadFromRowsAsync(test, "acme");

        Assert.Equal(loadedSnapshot, usedSnapshot);
        Assert.Equal(loaded.Accounts[0].Name, used.Accounts[0].Name);
        Assert.NotSame(account.AccountId, used.Accounts[0].AccountId);
    }

    [Fact]
    public async Task ATextWithAnEmoji_IsTakenAsGiven()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);
        var account = new Account("A1", "Happy \U0001F600 customer", Day); // a surrogate pair: valid UTF-16, stored as its UTF-8
        var import = await DataSetImporter.ImportAsync(test.Database, "acme", new TenureDataSet { Accounts = [account], Present = InputKind.Accounts }, cancellationToken: Token);

        var (used, usedSnapshot) = await UseAfterImportAsync(test, "acme", import);
        var (loaded, loadedSnapshot) = await LoadFromRowsAsync(test, "acme");

        Assert.Equal(loadedSnapshot, usedSnapshot);
        Assert.Equal(loaded.Accounts[0].Name, used.Accounts[0].Name);
        Assert.Same(account, used.Accounts[0]);
    }

    [Fact]
    public void RowsAsStored_ALoneSurrogate_IsNotTakenAsGiven()
    {
        // Built in code: an attribute's string cannot hold a lone surrogate (it is kept as UTF-8, so replaced).
        string[] names = ["a\uDC00b", "a\uD800", "\uD800\uD800\uDC00"]; // a low one first, a high one last, a high one before a pair
        foreach (var name in names)
        {
            var data = new TenureDataSet { Accounts = [new Account("A1", name, Day)], Present = InputKind.Accounts };
            Assert.Null(Tables.StoredTables.Accounts.RowsAsStored(data, DatabaseProvider.Sqlite));
        }
        var paired = new TenureDataSet { Accounts = [new Account("A1", "\uD83D\uDE00", Day)], Present = InputKind.Accounts };
        Assert.NotNull(Tables.StoredTables.Accounts.RowsAsStored(paired, DatabaseProvider.Sqlite));
    }

    [Fact]
    public async Task AWriteAfterTheImport_IsReadBack()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);
        var import = await DataSetImporter.ImportAsync(test.Database, "acme", new TenureDataSet { Accounts = [new Account("A1", "Acme", Day)], Present = InputKind.Accounts }, cancellationToken: Token);
        // The same rows, one changed: only the data version tells.
        await DataSetImporter.ImportAsync(test.Database, "acme", new TenureDataSet { Accounts = [new Account("A1", "Acme Renamed", Day)], Present = InputKind.Accounts }, cancellationToken: Token);

        var (used, _) = await UseAfterImportAsync(test, "acme", import);

        Assert.Equal("Acme Renamed", Assert.Single(used.Accounts).Name);
    }

    [Fact]
    public async Task OnPostgreSql_ABatchIsTakenAsPostgreSqlKeepsIt_ALargeImportIsLoaded()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql, server);
        var account = new Account("A1", "Acme", Day.AddTicks(10), AcquisitionCost: 1200.500m);
        var import = await DataSetImporter.ImportAsync(test.Database, "acme", new TenureDataSet { Accounts = [account], Present = InputKind.Accounts }, cancellationToken: Token);
        var used = await StoredData.UseAfterImportAsync(test.Database, "acme", import, Task.FromResult, Token);
        var (loaded, _) = await StoredData.LoadVersionedAsync(test.Database, "acme", Token);

        // Not read back (the import's own string), and what a load reads: numeric keeps the scale written.
        Assert.Same(account.AccountId, used.Accounts[0].AccountId);
        Assert.Equal(loaded.Accounts.Select(a => a.ToString()), used.Accounts.Select(a => a.ToString()));
        Assert.Equal(3, used.Accounts[0].AcquisitionCost!.Value.Scale);

        var many = new TenureDataSet
        {
            Accounts = [.. Enumerable.Range(0, PostgreSql.PostgreSqlDataSetImport.MaxRowsKept + 1).Select(i => new Account($"B{i:D6}", "Bulk", Day))],
            Present = InputKind.Accounts,
        };
        var large = await DataSetImporter.ImportAsync(test.Database, "acme", many, cancellationToken: Token);
        var usedAfterLarge = await StoredData.UseAfterImportAsync(test.Database, "acme", large, Task.FromResult, Token);
        Assert.Equal(PostgreSql.PostgreSqlDataSetImport.MaxRowsKept + 2, usedAfterLarge.Accounts.Count);
        Assert.NotSame(many.Accounts[0].AccountId, usedAfterLarge.Accounts.Single(a => a.AccountId == "B000000").AccountId); // loaded
    }
}
