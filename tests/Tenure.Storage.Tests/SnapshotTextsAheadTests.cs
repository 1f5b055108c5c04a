using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;
using Tenure.Storage.Snapshots;
using Tenure.Storage.Tables;

namespace Tenure.Storage.Tests;

/// <summary>
/// A snapshot file's first pass done ahead (<see cref="TenantSnapshotFile.TextsAhead"/>, while an import stores the rows):
/// the file written is byte for byte the one a write from scratch makes, whether the collection is taken or, because
/// the data holds other lists than those collected, started over.
/// </summary>
public sealed class SnapshotTextsAheadTests
{
    static readonly TenantSnapshotFile.Identity Identity = new("acme", "created", 1, InputKind.Accounts);

    static byte[] Written(TenureDataSet data, TenantSnapshotFile.TextsAhead? ahead)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tenure-texts-ahead-{Guid.NewGuid():N}.snapshot");
        try
        {
            Assert.True(TenantSnapshotFile.Write(path, Identity with { Present = data.Present }, data, logger: null, ahead));
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    static TenantSnapshotFile.TextsAhead Collected(TenureDataSet data, params KindTable[] tables)
    {
        var ahead = new TenantSnapshotFile.TextsAhead();
        foreach (var table in tables)
            ahead.Collect(table, data);
        return ahead;
    }

    [Fact]
    public void EveryTableCollectedAhead_WritesTheFileAWriteFromScratchWrites()
    {
        var data = DemoData.DataSet;

        Assert.Equal(Written(data, null), Written(data, Collected(data, [.. StoredTables.All])));
    }

    [Fact]
    public void ASecondWriteWithTheSameCollection_CollectsFromTheStart()
    {
        var data = DemoData.DataSet;
        var ahead = Collected(data, StoredTables.Accounts);
        var first = Written(data, ahead);

        // The first write went on collecting into it: the second must not continue from there.
        Assert.Equal(first, Written(data, ahead));
    }

    [Fact]
    public void AFirstFewTablesCollectedAhead_TheRestCollectedAtTheWrite()
    {
        var data = DemoData.DataSet;

        Assert.Equal(Written(data, null), Written(data, Collected(data, StoredTables.Accounts, StoredTables.Subscriptions)));
    }

    [Fact]
    public void AListReplacedSinceItWasCollected_IsCollectedAgainFromTheStart()
    {
        var data = DemoData.DataSet;
        var ahead = Collected(data, [.. StoredTables.All]);
        // Tenure's own tasks appended after the import's rows were collected: a new list, with texts of its own.
        var task = new CsTask("tenure-task-1", "own-owner", data.Accounts[0].AccountId, "own-category", new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        var withOwn = data with { Tasks = [.. data.Tasks, task], Present = data.Present | InputKind.Tasks };

        Assert.Equal(Written(withOwn, null), Written(withOwn, ahead));
    }

    [Fact]
    public void ATableWithRowsSkippedBetweenTablesCollected_IsCollectedAgainFromTheStart()
    {
        var data = DemoData.DataSet;
        Assert.NotEmpty(data.Subscriptions);

        // Subscriptions come between accounts and invoices in the file: their texts would be numbered out of order.
        Assert.Equal(Written(data, null), Written(data, Collected(data, StoredTables.Accounts, StoredTables.Invoices)));
    }

    [Fact]
    public void TablesCollectedOutOfTheFilesOrder_AreRefused()
    {
        var data = DemoData.DataSet;
        var ahead = Collected(data, StoredTables.Invoices);

        Assert.Throws<InvalidOperationException>(() => ahead.Collect(StoredTables.Accounts, data));
    }
}
