using Microsoft.Data.Sqlite;

using Tenure.Metrics.Inputs;
using Tenure.Storage.Sqlite;
using Tenure.Storage.Tables;

namespace Tenure.Storage.Tests;

/// <summary>
/// The bulk path's upsert with many rows to a statement (<see cref="SqliteUpsertCommand{T}.Add"/>, then
/// <see cref="SqliteUpsertCommand{T}.Flush"/>): the rows stored and the changes counted are those of one row at a time.
/// </summary>
public sealed class SqliteUpsertCommandTests
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static readonly DateTime Day = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    static Account Named(string id, string name) => new(id, name, Day);

    /// <summary>Adds every row to a command of <paramref name="rowsPerStatement"/> rows a statement, flushes; the changes counted.</summary>
    static int Upsert(SqliteConnection connection, int rowsPerStatement, params Account[] rows)
    {
        using var upsert = new SqliteUpsertCommand<Account>(connection, StoredTables.Accounts, "acme", UpsertMode.Replace, rowsPerStatement);
        int changes = 0;
        foreach (var row in rows)
            changes += upsert.Add(row);
        return changes + upsert.Flush();
    }

    static List<string> Stored(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT account_id || '=' || name FROM accounts WHERE tenant_id = 'acme' ORDER BY account_id";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add(reader.GetString(0));
        return rows;
    }

    [Fact]
    public async Task FiveRowsTwoToAStatement_TwoFullBatchesAndATail_AllStored()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server: null!);
        await using var connection = await test.Database.OpenSqliteAsync(Token);

        int changes = Upsert(connection, 2, Named("A1", "a"), Named("A2", "b"), Named("A3", "c"), Named("A4", "d"), Named("A5", "e"));

        Assert.Equal(5, changes);
        Assert.Equal(["A1=a", "A2=b", "A3=c", "A4=d", "A5=e"], Stored(connection));
    }

    [Fact]
    public async Task TheSameRowsAgainWithOneChanged_CountsOneChange()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server: null!);
        await using var connection = await test.Database.OpenSqliteAsync(Token);
        Upsert(connection, 3, Named("A1", "a"), Named("A2", "b"), Named("A3", "c"), Named("A4", "d"));

        // An unchanged row is not written (the upsert's WHERE), in a full batch and in the tail alike.
        int changes = Upsert(connection, 3, Named("A1", "a"), Named("A2", "b"), Named("A3", "c"), Named("A4", "new"));

        Assert.Equal(1, changes);
        Assert.Equal(["A1=a", "A2=b", "A3=c", "A4=new"], Stored(connection));
    }

    [Fact]
    public async Task AKeyTwiceInOneStatement_IsUpsertedInOrder_AsOneByOne()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server: null!);
        await using var connection = await test.Database.OpenSqliteAsync(Token);

        int changes = Upsert(connection, 4, Named("A1", "first"), Named("A2", "b"), Named("A1", "second"));

        // Inserted, inserted, then updated: three changes, the later value kept.
        Assert.Equal(3, changes);
        Assert.Equal(["A1=second", "A2=b"], Stored(connection));
    }

    [Fact]
    public async Task Execute_OnACommandThatGathersRows_IsRefused()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server: null!);
        await using var connection = await test.Database.OpenSqliteAsync(Token);
        using var upsert = new SqliteUpsertCommand<Account>(connection, StoredTables.Accounts, "acme", UpsertMode.Replace, rowsPerStatement: 2);

        Assert.Throws<InvalidOperationException>(() => upsert.Execute(Named("A1", "a")));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteUpsertCommand<Account>(connection, StoredTables.Accounts, "acme", UpsertMode.Replace, rowsPerStatement: 0));
    }
}
