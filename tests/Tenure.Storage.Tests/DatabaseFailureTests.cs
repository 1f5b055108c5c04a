using Microsoft.Data.Sqlite;

namespace Tenure.Storage.Tests;

/// <summary>The messages for a database that fails (issue 15 item 9), from real SQLite errors.</summary>
public sealed class DatabaseFailureTests
{
    [Fact]
    public void Describe_DiskFull_SaysSoAndThatNothingWasWritten()
    {
        var file = Path.Combine(Path.GetTempPath(), $"tenure-full-{Guid.NewGuid():N}.db");
        try
        {
            using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            // A size limit of the pages the file already has is what a full disk looks like to SQLite (SQLITE_FULL).
            command.CommandText = "CREATE TABLE t (x TEXT); PRAGMA max_page_count = 2;";
            command.ExecuteNonQuery();
            command.CommandText = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) INSERT INTO t SELECT hex(randomblob(1000)) FROM n";
            var full = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());

            var message = DatabaseFailure.Describe(DatabaseLocation.Parse(file), full);

            Assert.Equal(13, full.SqliteErrorCode);
            Assert.StartsWith($"the disk holding {file} is full (or the database reached its size limit):", message, StringComparison.Ordinal);
            Assert.Contains("Nothing was written", message, StringComparison.Ordinal);
            command.CommandText = "SELECT count(*) FROM t";
            Assert.Equal(0L, command.ExecuteScalar());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Describe_NotADatabase_NamesTheFile()
    {
        var e = new SqliteException("SQLite Error 26: 'file is not a database'.", 26);

        Assert.StartsWith("the database file /data/tenure.db is not a SQLite database (or is corrupted):",
            DatabaseFailure.Describe(DatabaseLocation.Parse("/data/tenure.db"), e), StringComparison.Ordinal);
        Assert.True(DatabaseFailure.IsDatabaseFailure(new InvalidOperationException("wrapped", e)));
        Assert.False(DatabaseFailure.IsDatabaseFailure(new InvalidOperationException("not a database failure")));
    }
}
