using Microsoft.Data.Sqlite;

using Tenure.Testing;

namespace Tenure.Storage.Tests;

/// <summary>
/// A fresh, migrated Tenure database for one test: a SQLite file in a temp directory, or a new
/// database on the PostgreSQL fixture (the test is skipped when PostgreSQL is not installed).
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    readonly string? directory;

    TestDatabase(TenureDatabase database, string? directory)
    {
        Database = database;
        this.directory = directory;
    }

    public TenureDatabase Database { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, PostgresServer server, bool migrate = true)
    {
        TestDatabase test;
        if (provider == DatabaseProvider.Sqlite)
        {
            var directory = Directory.CreateTempSubdirectory("tenure-storage-").FullName;
            test = new TestDatabase(TenureDatabase.Open(DatabaseLocation.Parse(Path.Combine(directory, "tenure.db"))), directory);
        }
        else
        {
            server.RequireAvailable();
            var connectionString = await server.CreateDatabaseAsync("storage");
            test = new TestDatabase(TenureDatabase.Open(DatabaseLocation.Parse(connectionString)), null);
        }
        if (migrate)
        {
            await test.Database.MigrateAsync(TestContext.Current.CancellationToken);
        }
        return test;
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        if (directory is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover temp directory is harmless.
            }
        }
    }
}
