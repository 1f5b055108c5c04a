using Microsoft.Data.Sqlite;

namespace Tenure.Storage.Sqlite;

/// <summary>A large SQLite page cache for the length of an import; disposing restores the usual size and frees the memory.</summary>
internal sealed class SqliteImportCache : IAsyncDisposable
{
    const int ImportCacheKilobytes = 512 * 1024;

    readonly SqliteConnection connection;

    SqliteImportCache(SqliteConnection connection) => this.connection = connection;

    public static async Task<SqliteImportCache> EnlargeAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA cache_size=-{ImportCacheKilobytes}";
        await command.ExecuteNonQueryAsync();
        return new SqliteImportCache(connection);
    }

    public async ValueTask DisposeAsync()
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA cache_size=-{TenureDatabase.SqliteCacheKilobytes}; PRAGMA shrink_memory;";
        await command.ExecuteNonQueryAsync();
    }
}
