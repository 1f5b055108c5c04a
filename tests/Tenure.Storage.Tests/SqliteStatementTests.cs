using Tenure.Storage.Sqlite;

namespace Tenure.Storage.Tests;

/// <summary>The bulk path's statement binds text as UTF-8: SQLite stores the bytes of the text, as it did converting UTF-16 itself.</summary>
public sealed class SqliteStatementTests
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("A000001", "41303030303031")]
    [InlineData("héllo", "68C3A96C6C6F")] // é is C3 A9
    [InlineData("\U0001F600", "F09F9880")] // a surrogate pair: one 4-byte character
    [InlineData("", "")]
    public async Task BindText_StoresTheUtf8BytesOfTheText(string text, string utf8Hex)
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server: null!);
        await using var connection = await test.Database.OpenSqliteAsync(Token);

        Assert.Equal(utf8Hex, Stored(connection, text, utf16: false));
        Assert.Equal(text, Read(connection, text));
    }

    [Fact]
    public async Task BindText_TextWithALoneSurrogate_StoredAsSqliteConvertsUtf16()
    {
        // Not valid UTF-16, so not encoded by .NET: bound as UTF-16, and stored as SQLite's own conversion stores it.
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, server: null!);
        await using var connection = await test.Database.OpenSqliteAsync(Token);
        const string text = "a\uD800b";

        Assert.Equal(Stored(connection, text, utf16: true), Stored(connection, text, utf16: false));
    }

    // The hex of what SQLite stores for text bound through BindText, or, with utf16, through SQLitePCL's UTF-16 bind.
    static string Stored(Microsoft.Data.Sqlite.SqliteConnection connection, string text, bool utf16)
    {
        const string sql = "SELECT hex(CAST(? AS BLOB))";
        if (!utf16)
        {
            using var statement = new SqliteStatement(connection, sql);
            statement.BindText(1, text);
            Assert.True(statement.Step());
            var hex = statement.Text(0);
            Assert.False(statement.Step());
            return hex;
        }
        Assert.Equal(SQLitePCL.raw.SQLITE_OK, SQLitePCL.raw.sqlite3_prepare_v2(connection.Handle, sql, out var raw));
        using (raw)
        {
            Assert.Equal(SQLitePCL.raw.SQLITE_OK, SQLitePCL.raw.sqlite3_bind_text16(raw, 1, text));
            Assert.Equal(SQLitePCL.raw.SQLITE_ROW, SQLitePCL.raw.sqlite3_step(raw));
            return SQLitePCL.raw.sqlite3_column_text(raw, 0).utf8_to_string();
        }
    }

    static string Read(Microsoft.Data.Sqlite.SqliteConnection connection, string text)
    {
        using var statement = new SqliteStatement(connection, "SELECT ?");
        statement.BindText(1, text);
        Assert.True(statement.Step());
        var read = statement.IsNull(0) ? "" : statement.Text(0);
        Assert.False(statement.Step());
        return read;
    }
}
