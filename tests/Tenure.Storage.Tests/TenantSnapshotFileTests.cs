using Microsoft.Data.Sqlite;

using Tenure.Metrics.Inputs;
using Tenure.Storage.Snapshots;
using Tenure.Testing;

namespace Tenure.Storage.Tests;

/// <summary>A SQLite tenant's load kept in a file beside the database (ADR 0205): read back only while it is the tenant's data.</summary>
public sealed class TenantSnapshotFileTests(PostgresServer server)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static string SnapshotOf(TestDatabase test, string tenant) => TenantSnapshotFile.PathFor(test.Database, tenant)!;

    /// <summary>Deletes the tenant's usage rows behind Tenure's back (no data version bump): a load that still has them read the snapshot.</summary>
    static async Task DeleteUsageQuietlyAsync(TestDatabase test)
    {
        await using var connection = new SqliteConnection(test.Database.Location.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM usage_days";
        Assert.True(await command.ExecuteNonQueryAsync(Token) > 0);
    }

    static void AssertSameData(TenureDataSet expected, TenureDataSet actual)
    {
        Assert.Equal(expected.Present, actual.Present);
        foreach (var kind in InputKinds.All)
            Assert.Equal(kind.CountIn(expected), kind.CountIn(actual));
        // Row for row, in the load's order.
        Assert.Equal(expected.Accounts, actual.Accounts);
        Assert.Equal(expected.Subscriptions, actual.Subscriptions);
        Assert.Equal(expected.Invoices, actual.Invoices);
        Assert.Equal(expected.Users, actual.Users);
        Assert.Equal(expected.Usage, actual.Usage);
        Assert.Equal(expected.Surveys, actual.Surveys);
        Assert.Equal(expected.Tickets, actual.Tickets);
        Assert.Equal(expected.Costs, actual.Costs);
        Assert.Equal(expected.Offers, actual.Offers);
        Assert.Equal(expected.Referrals, actual.Referrals);
        Assert.Equal(expected.Milestones, actual.Milestones);
        Assert.Equal(expected.Programs, actual.Programs);
        Assert.Equal(expected.Tasks, actual.Tasks);
        Assert.Equal(expected.Notes, actual.Notes);
        Assert.Equal(expected.SurveySends, actual.SurveySends);
    }

    [Fact]
    public async Task Load_AtTheSameVersion_ReadsTheSnapshotWithEveryRowInOrder()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);
        await DataSetImporter.ImportAsync(test.Database, "acme", DemoData.DataSet, cancellationToken: Token);

        var (fromDatabase, version) = await StoredData.LoadVersionedAsync(test.Database, "acme", Token);
        Assert.True(File.Exists(SnapshotOf(test, "acme")));
        Assert.NotEmpty(fromDatabase.Usage);
        await DeleteUsageQuietlyAsync(test);
        var (fromSnapshot, sameVersion) = await StoredData.LoadVersionedAsync(test.Database, "acme", Token);

        Assert.Equal(version, sameVersion);
        AssertSameData(fromDatabase, fromSnapshot);
        // A table of exactly the rows, as a database load gives (LoadedRowsTests).
        Assert.Equal(fromDatabase.Usage.Count, Assert.IsType<UsageDayTable>(fromSnapshot.Usage).Count);
        // Ids come back as one string each, as a database load pools them.
        Assert.Same(fromSnapshot.Accounts[0].AccountId, fromSnapshot.Subscriptions.First(s => s.AccountId == fromSnapshot.Accounts[0].AccountId).AccountId);
    }

    [Fact]
    public async Task Load_AfterAnImport_ReadsTheDatabaseAndWritesTheSnapshotAgain()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);
        await DataSetImporter.ImportAsync(test.Database, "acme", DemoData.DataSet, cancellationToken: Token);
        var (before, version) = await StoredData.LoadVersionedAsync(test.Database, "acme", Token);

        var added = new Account("ZZ-NEW", "Newco", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        await DataSetImporter.ImportAsync(test.Database, "acme", new TenureDataSet { Accounts = [added], Present = InputKind.Accounts }, cancellationToken: Token);
        var (after, newer) = await StoredData.LoadVersionedAsync(test.Database, "acme", Token);
        await DeleteUsageQuietlyAsync(test);
        var (again, same) = await StoredData.LoadVersionedAsync(test.Database, "acme", Token);

        Assert.True(newer > version);
        Assert.Equal(before.Accounts.Count + 1, after.Accounts.Count);
        Assert.Contains(after.Accounts, a => a.AccountId == "ZZ-NEW");
        Assert.Equal(newer, same);
        AssertSameData(after, again); // the snapshot written at the newer version
    }

    [Fact]
    public async Task Load_WithOwnTasksNotesAndSurveySends_KeepsThemInTheSnapshot()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);
        var data = DemoData.DataSet;
        await DataSetImporter.ImportAsync(test.Database, "acme", data, cancellationToken: Token);
        var path = SnapshotOf(test, "acme");
        var sends = new List<SurveySend>
        {
            new("send-1", "nps", data.Accounts[0].AccountId, new DateTime(2026, 11, 30, 8, 15, 0, DateTimeKind.Utc), "resp-9"),
            new("send-2", "csat", data.Accounts[1].AccountId, new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc)),
        };
        var own = data with
        {
            SurveySends = sends,
            Tasks = [.. data.Tasks, new CsTask("own-1", null, null, null, new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc))],
            Notes = [.. data.Notes, new Note("own-n", data.Accounts[0].AccountId, new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc), null, new string('x', 5_000))],
        };
        var identity = new TenantSnapshotFile.Identity("acme", "created", 7, own.Present);

        Assert.True(TenantSnapshotFile.Write(path, identity, own));
        var read = TenantSnapshotFile.TryRead(path, identity);

        Assert.NotNull(read);
        AssertSameData(own, read);
        Assert.Null(TenantSnapshotFile.TryRead(path, identity with { DataVersion = 8 }));
        Assert.Null(TenantSnapshotFile.TryRead(path, identity with { CreatedAt = "another database" }));
        Assert.Null(TenantSnapshotFile.TryRead(path, identity with { Tenant = "other" }));
        Assert.Null(TenantSnapshotFile.TryRead(path, identity with { Present = own.Present & ~InputKind.Usage }));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("cut short")]
    [InlineData("empty")]
    public async Task Load_WithAnUnreadableSnapshot_ReadsTheDatabase(string damage)
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);
        await DataSetImporter.ImportAsync(test.Database, "acme", DemoData.DataSet, cancellationToken: Token);
        var (expected, _) = await StoredData.LoadVersionedAsync(test.Database, "acme", Token);
        var path = SnapshotOf(test, "acme");
        var bytes = await File.ReadAllBytesAsync(path, Token);
        await File.WriteAllBytesAsync(path, damage switch
        {
            "garbage" => [.. bytes.Take(64), .. Enumerable.Repeat((byte)0xFF, 1_000)],
            "cut short" => bytes[..(bytes.Length / 2)],
            _ => [],
        }, Token);

        var (loaded, _) = await StoredData.LoadVersionedAsync(test.Database, "acme", Token);

        AssertSameData(expected, loaded);
        Assert.Equal(bytes.Length, new FileInfo(path).Length); // written again, whole
    }

    [Fact]
    public void TryRead_ADamagedByteAnywhere_IsIgnoredOrReadNeverThrown()
    {
        // 300 files, each with one byte of a whole file replaced (seeded positions, values 0x00, 0x7F, 0xFF): counts,
        // lengths, text numbers, flags and enum texts out of their range are refused as a damaged file, never thrown
        // out of the load or allocated before they are checked.
        var directory = Directory.CreateTempSubdirectory("tenure-snapshot-damage-");
        try
        {
            var path = Path.Combine(directory.FullName, "acme.snapshot");
            var identity = new TenantSnapshotFile.Identity("acme", "created", 3, DemoData.DataSet.Present);
            Assert.True(TenantSnapshotFile.Write(path, identity, DemoData.DataSet));
            var whole = File.ReadAllBytes(path);
            var random = new Random(205);
            byte[] values = [0x00, 0x7F, 0xFF];
            for (int i = 0; i < 300; i++)
            {
                var damaged = (byte[])whole.Clone();
                damaged[random.Next(damaged.Length)] = values[i % values.Length];
                File.WriteAllBytes(path, damaged);

                _ = TenantSnapshotFile.TryRead(path, identity); // null, or rows with the damaged value: never an exception
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void TryRead_ALengthPastTheFilesEnd_IsRefusedBeforeAnythingIsAllocatedForIt()
    {
        // The header's first text (the build) is its UTF-8 length, then its bytes, at offset 17 (16 bytes of magic, the
        // format version in one). Its one-byte length replaced by int.MaxValue (varint FF FF FF FF 07): a damaged file
        // that names 2 GiB of text, which the file has not.
        var directory = Directory.CreateTempSubdirectory("tenure-snapshot-length-");
        try
        {
            var path = Path.Combine(directory.FullName, "acme.snapshot");
            var identity = new TenantSnapshotFile.Identity("acme", "created", 3, InputKind.Accounts);
            var data = new TenureDataSet { Accounts = [new Account("A1", "Acme", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc))], Present = InputKind.Accounts };
            Assert.True(TenantSnapshotFile.Write(path, identity, data));
            var whole = File.ReadAllBytes(path);
            Assert.NotNull(TenantSnapshotFile.TryRead(path, identity));
            File.WriteAllBytes(path, [.. whole[..17], 0xFF, 0xFF, 0xFF, 0xFF, 0x07, .. whole[18..]]);

            long before = GC.GetAllocatedBytesForCurrentThread();
            var read = TenantSnapshotFile.TryRead(path, identity);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Null(read);
            Assert.True(allocated < 16 << 20, $"{allocated:N0} bytes allocated reading a damaged header");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Restore_DeletesTheSnapshots()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server);
        await DataSetImporter.ImportAsync(test.Database, "acme", DemoData.DataSet, cancellationToken: Token);
        var file = test.Database.Location.SqliteFilePath!;
        var backup = Path.Combine(Path.GetDirectoryName(file)!, "backup.db");
        await SqliteBackup.BackupAsync(test.Database.Location, backup, replace: false, Token);
        await StoredData.LoadVersionedAsync(test.Database, "acme", Token);
        Assert.True(Directory.Exists(TenantSnapshotFile.DirectoryOf(file)));

        SqliteConnection.ClearAllPools();
        await SqliteBackup.RestoreAsync(backup, test.Database.Location, replace: true, Token);

        Assert.False(Directory.Exists(TenantSnapshotFile.DirectoryOf(file)));
    }

    [Fact]
    public async Task PathFor_PostgreSql_HasNoSnapshot()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql, server);

        Assert.Null(TenantSnapshotFile.PathFor(test.Database, "acme"));
    }
}
