using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;
using Tenure.Storage.Tables;
using Tenure.Testing;

namespace Tenure.Storage.Tests;

/// <summary>
/// SQLite's bulk import writes rows in key order and, for a table it fills from (nearly) empty, builds the secondary
/// indexes after the rows (docs/adr/0185-sqlite-import-in-key-order-indexes-after.md): the stored data and the
/// indexes are the same as a row-by-row insert gives.
/// </summary>
public sealed class BulkImportOrderTests(PostgresServer server)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static readonly DateTime Day = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task InWriteOrderAhead_EachKindAsItsOwnSortGivesIt_InTheWritersOrder()
    {
        // Invoices by id (code points: "a" < "b" < "c"), subscriptions by (id, start), accounts by id: each kind's task gives
        // what the table's own sort gives, made on the pool (ADR 0480).
        var data = new TenureDataSet
        {
            Accounts = [new Account("A2", "Two", Day), new Account("A1", "One", Day)],
            Subscriptions =
            [
                new SubscriptionPeriod("S2", "A1", "basic", Day.AddMonths(1), Day.AddMonths(2), 10m, BillingInterval.Month),
                new SubscriptionPeriod("S2", "A1", "basic", Day, Day.AddMonths(1), 10m, BillingInterval.Month),
                new SubscriptionPeriod("S1", "A2", "basic", Day, null, 10m, BillingInterval.Month),
            ],
            Invoices = [.. new[] { "c", "a", "b" }.Select(id => new Invoice(id, "A1", Day, 1m, InvoiceKind.Recurring))],
            Present = InputKind.Accounts | InputKind.Subscriptions | InputKind.Invoices,
        };
        KindTable[] tables = [StoredTables.Accounts, StoredTables.Subscriptions, StoredTables.Invoices];

        var ordered = Sqlite.SqliteDataSetImport.InWriteOrderAhead(tables, data, CancellationToken.None);

        Assert.Equal(["A1", "A2"], ((IReadOnlyList<Account>)await ordered[StoredTables.Accounts]).Select(a => a.AccountId));
        Assert.Equal([("S1", Day), ("S2", Day), ("S2", Day.AddMonths(1))],
            ((IReadOnlyList<SubscriptionPeriod>)await ordered[StoredTables.Subscriptions]).Select(p => (p.SubscriptionId, p.Start)));
        Assert.Equal(["a", "b", "c"], ((IReadOnlyList<Invoice>)await ordered[StoredTables.Invoices]).Select(i => i.InvoiceId));
        Assert.Equal(["c", "a", "b"], data.Invoices.Select(i => i.InvoiceId)); // the data set is left as given
    }

    [Fact]
    public async Task InWriteOrderAhead_Stopped_LeavesTheKindsNotSortedYetCancelled()
    {
        var data = new TenureDataSet
        {
            Accounts = [new Account("A1", "One", Day)],
            Invoices = [new Invoice("I1", "A1", Day, 1m, InvoiceKind.Recurring)],
            Present = InputKind.Accounts | InputKind.Invoices,
        };
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();

        var ordered = Sqlite.SqliteDataSetImport.InWriteOrderAhead([StoredTables.Accounts, StoredTables.Invoices], data, stop.Token);

        // Stopped before it began: no kind is sorted, and awaiting one says so (as the writer would, had it gone on).
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ordered[StoredTables.Accounts]);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ordered[StoredTables.Invoices]);
    }

    [Fact]
    public void KeyOrder_TextKeys_ByCodePointNotUtf16()
    {
        // Code points: "a" U+0061 < "b" U+0062 < U+E000 < U+1F600. UTF-16 ordinal would put U+1F600 (high surrogate
        // U+D83D) before U+E000; UTF-8 bytes, which SQLite compares, do not (EE 80 80 < F0 9F 98 80).
        var invoices = new[] { "\U0001F600", "b", "\uE000", "a" }
            .Select(id => new Invoice(id, "A1", Day, 1m, InvoiceKind.Recurring)).ToList();

        var sorted = KeyOrder.Sort(StoredTables.Invoices, invoices);

        Assert.Equal(["a", "b", "\uE000", "\U0001F600"], sorted.Select(i => i.InvoiceId));
        Assert.Equal("\U0001F600", invoices[0].InvoiceId); // the input is left as given
    }

    [Fact]
    public void UsageWriteOrder_OfAnIntTable_ByAccountThenUserThenDay_TextByCodePoint()
    {
        // Account ids by index: "b", "a", U+E000, U+1F600 (code point order: a, b, U+E000, U+1F600); user ids "u2", "u1",
        // and -1 for no user (stored as user "", before every user). Day numbers 10 and 11.
        var accounts = new[] { "b", "a", "\uE000", "\U0001F600" };
        var users = new[] { "u2", "u1" };
        UsageDayCount Row(int account, int user, int day) => new() { Account = account, User = user, Day = day, Events = 1 };
        var rows = new[] { Row(3, 0, 10), Row(0, -1, 11), Row(0, 1, 10), Row(1, 0, 11), Row(1, 0, 10), Row(2, 1, 10), Row(0, 1, 9) };
        var table = new UsageDayTable(rows, rows.Length, accounts, users);

        var sorted = StoredTables.Usage.InWriteOrder(table);

        DateTime On(int day) => new(day * TimeSpan.TicksPerDay, DateTimeKind.Utc);
        Assert.Equal(
            [("a", "u2", On(10)), ("a", "u2", On(11)), ("b", null, On(11)), ("b", "u1", On(9)), ("b", "u1", On(10)), ("\uE000", "u1", On(10)), ("\U0001F600", "u2", On(10))],
            sorted.Select(u => (u.AccountId, u.UserId, u.Day)));
        Assert.True(StoredTables.Usage.IsInWriteOrder(sorted));
        Assert.False(StoredTables.Usage.IsInWriteOrder(table));
    }

    [Fact]
    public void KeyOrder_TwoColumnKey_ByTextThenInstant()
    {
        // subscriptions are keyed by (subscription_id, start_date): S2 before S10 by code point ('2' > '1', so S10
        // first), then the periods of one id by start date.
        static SubscriptionPeriod Period(string id, int month) => new(id, "A1", "basic", Day.AddMonths(month), Day.AddMonths(month + 1), 10m, BillingInterval.Month);
        var rows = new[] { Period("S2", 1), Period("S2", 0), Period("S10", 5) };

        var sorted = KeyOrder.Sort(StoredTables.Subscriptions, rows);

        Assert.Equal([("S10", Day.AddMonths(5)), ("S2", Day), ("S2", Day.AddMonths(1))], sorted.Select(s => (s.SubscriptionId, s.Start)));
    }

    /// <summary>The order SQLite's BINARY collation gives text: by UTF-8 bytes.</summary>
    static int Utf8Order(string? a, string? b) =>
        System.Text.Encoding.UTF8.GetBytes(a ?? "").AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(b ?? ""));

    [Theory]
    [InlineData("S{0:D7}")] // one numbered shape: sorted by the numbers
    [InlineData("S{0:D7}|S{0}")] // the same prefix, widths differ: "S10" after "S0000099" as text
    [InlineData("S{0:D7}|T{0:D7}|\uE000{0:D3}")] // shapes differ
    public void KeyOrder_ShuffledIds_AsUtf8TextThenStart(string idFormats)
    {
        var formats = idFormats.Split('|');
        // 3,000 periods of 1,000 ids (three starts each), in a seeded random order.
        var random = new Random(7);
        var rows = Enumerable.Range(0, 3_000)
            .Select(i => new SubscriptionPeriod(string.Format(System.Globalization.CultureInfo.InvariantCulture, formats[i / 3 % formats.Length], i / 3), "A1", "basic",
                Day.AddMonths(i % 3), null, 10m, BillingInterval.Month))
            .OrderBy(_ => random.Next()).ToList();
        var expected = rows.ToList();
        expected.Sort((x, y) => Utf8Order(x.SubscriptionId, y.SubscriptionId) is var c and not 0 ? c : x.Start.CompareTo(y.Start));

        var sorted = KeyOrder.Sort(StoredTables.Subscriptions, rows);

        Assert.Equal(expected.Select(s => (s.SubscriptionId, s.Start)), sorted.Select(s => (s.SubscriptionId, s.Start)));
        Assert.True(KeyOrder.IsSorted(StoredTables.Subscriptions, sorted));
    }

    [Fact]
    public void KeyOrder_BlankKeyText_BeforeEveryNumberedId()
    {
        // Usage rows given as a list (not an int table) take the general sort: no user is stored as user "", first.
        var rows = new[]
        {
            new UsageDay("A0000002", "U0000010", Day, 1), new UsageDay("A0000002", null, Day, 1),
            new UsageDay("A0000001", "U0000009", Day, 1), new UsageDay("A0000002", "U0000003", Day, 1),
        };

        var sorted = KeyOrder.Sort(StoredTables.Usage, rows);

        Assert.Equal([("A0000001", "U0000009"), ("A0000002", null), ("A0000002", "U0000003"), ("A0000002", "U0000010")],
            sorted.Select(u => (u.AccountId, u.UserId)));
    }

    [Fact]
    public void KeyOrder_RowsAlreadyInOrder_KeptAsGiven()
    {
        var rows = Enumerable.Range(0, 100).Select(i => new Invoice($"I{i:D5}", "A1", Day, 1m, InvoiceKind.Recurring)).ToList();

        var sorted = KeyOrder.Sort(StoredTables.Invoices, rows);

        Assert.Equal(rows, sorted);
        Assert.NotSame(rows, sorted);
        var random = new Random(3);
        Assert.Equal(rows, KeyOrder.Sort(StoredTables.Invoices, rows.OrderBy(_ => random.Next()).ToList()));
    }

    [Fact]
    public async Task ImportAsync_ManyRowsIntoAnEmptyTable_RowsAndAccountIndexAsInserted()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);
        var data = ManyInvoices(SqliteKindWriterDeferFrom + 1);

        var summary = await DataSetImporter.ImportAsync(test.Database, "acme", data, cancellationToken: Token);

        var invoices = Assert.Single(summary.Kinds, k => k.Kind == InputKind.Invoices);
        Assert.Equal((data.Invoices.Count, (long)data.Invoices.Count), (invoices.Rows, invoices.Inserted));
        Assert.Equal(DataSetComparison.Checksum(data), DataSetComparison.Checksum(await StoredData.LoadAsync(test.Database, "acme", Token)));
        Assert.Equal(["ix_invoices_account"], await IndexesAsync(test.Database, "invoices"));
        Assert.Equal("ok", await ScalarAsync(test.Database, "PRAGMA integrity_check"));
        // The index answers account look-ups: 7 accounts share the invoices round robin, so A3 has every 7th.
        long expected = data.Invoices.Count(i => i.AccountId == "A3");
        Assert.Equal(expected, await ScalarAsync(test.Database, "SELECT count(*) FROM invoices INDEXED BY ix_invoices_account WHERE tenant_id = 'acme' AND account_id = 'A3'"));
    }

    [Fact]
    public async Task ImportAsync_CancelledAfterTheIndexWasDropped_IndexAndRowsAsBefore()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);
        var data = ManyInvoices(SqliteKindWriterDeferFrom + 1);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        // Cancelled at the first progress report of invoices (after 50,000 rows or at the end of the kind), before the
        // index is built again.
        var progress = new SyncProgress(p =>
        {
            if (p.Kind == InputKind.Invoices)
                cancel.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DataSetImporter.ImportAsync(test.Database, "acme", data, progress, cancel.Token));

        Assert.Equal(["ix_invoices_account"], await IndexesAsync(test.Database, "invoices"));
        Assert.Equal(0L, await ScalarAsync(test.Database, "SELECT count(*) FROM invoices"));
    }

    [Fact]
    public async Task ImportAsync_TableAlreadyHoldsMoreRows_IndexKept()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);
        await DataSetImporter.ImportAsync(test.Database, "acme", ManyInvoices(SqliteKindWriterDeferFrom * 3), cancellationToken: Token);
        var second = ManyInvoices(SqliteKindWriterDeferFrom);

        await DataSetImporter.ImportAsync(test.Database, "beta", second, cancellationToken: Token);

        Assert.Equal(["ix_invoices_account"], await IndexesAsync(test.Database, "invoices"));
        Assert.Equal(DataSetComparison.Checksum(second), DataSetComparison.Checksum(await StoredData.LoadAsync(test.Database, "beta", Token)));
    }

    static int SqliteKindWriterDeferFrom => Sqlite.SqliteKindWriter.DeferIndexesFromRows;

    /// <summary><paramref name="count"/> invoices over 7 accounts, dated (not keyed) in order, so their ids are scattered.</summary>
    static TenureDataSet ManyInvoices(int count)
    {
        var accounts = Enumerable.Range(0, 7).Select(a => new Account($"A{a}", $"Account {a}", Day)).ToList();
        var invoices = Enumerable.Range(0, count)
            .Select(i => new Invoice($"I{(i * 7919L) % 1_000_003:D7}-{i}", $"A{i % 7}", Day.AddDays(i % 365), 10m + (i % 100), InvoiceKind.Recurring))
            .ToList();
        return new TenureDataSet { Accounts = accounts, Invoices = invoices, Present = InputKind.Accounts | InputKind.Invoices };
    }

    static async Task<List<string>> IndexesAsync(TenureDatabase database, string table)
    {
        await using var connection = await database.OpenSqliteAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = $table AND sql IS NOT NULL ORDER BY name";
        command.Parameters.AddWithValue("$table", table);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
            names.Add(reader.GetString(0));
        return names;
    }

    [Fact]
    public async Task NewSqliteFile_Has16KbPages_AFileMadeBefore_KeepsItsOwn()
    {
        await using (var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server))
        {
            await DataSetImporter.ImportAsync(test.Database, "acme", ManyInvoices(100), cancellationToken: Token);
            Assert.Equal(16_384L, await ScalarAsync(test.Database, "PRAGMA page_size"));
        }

        // A file SQLite made with its default 4 KB pages (an older Tenure's), migrated and written by this one.
        var path = Path.Combine(Path.GetTempPath(), $"tenure-pages-{Guid.NewGuid():N}.db");
        try
        {
            await using (var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
            {
                await raw.OpenAsync(Token);
                await using var command = raw.CreateCommand();
                command.CommandText = "PRAGMA page_size=4096; PRAGMA journal_mode=WAL; CREATE TABLE made_before (x INTEGER);";
                await command.ExecuteNonQueryAsync(Token);
            }
            await using var database = TenureDatabase.Open(DatabaseLocation.Parse(path));
            await database.MigrateAsync(Token);
            var data = ManyInvoices(100);
            await DataSetImporter.ImportAsync(database, "acme", data, cancellationToken: Token);

            Assert.Equal(4_096L, await ScalarAsync(database, "PRAGMA page_size"));
            Assert.Equal("ok", await ScalarAsync(database, "PRAGMA integrity_check"));
            Assert.Equal((long)data.Invoices.Count, await ScalarAsync(database, "SELECT count(*) FROM invoices"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*"))
                File.Delete(file);
        }
    }

    static async Task<object?> ScalarAsync(TenureDatabase database, string sql)
    {
        await using var connection = await database.OpenSqliteAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Token);
    }
}
