using Tenure.Testing;

namespace Tenure.Storage.Tests;

public sealed class MigrationTests(PostgresServer server)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task MigrateAsync_EmptyDatabase_AppliesEveryMigrationOnce(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server, migrate: false);

        var first = await test.Database.MigrateAsync(Token);
        var second = await test.Database.MigrateAsync(Token);

        Assert.Contains(first, name => name.EndsWith("_InitialCreate", StringComparison.Ordinal));
        Assert.Empty(second);
        Assert.Equal(0, await StoredData.DataVersionAsync(test.Database, "acme", Token));
    }

    [Fact]
    public async Task MigrateAsync_SqliteFileInMissingDirectory_CreatesBoth()
    {
        var root = Directory.CreateTempSubdirectory("tenure-migrate-").FullName;
        try
        {
            var file = Path.Combine(root, "nested", "dir", "t.db");
            await using (var database = TenureDatabase.Open(DatabaseLocation.Parse(file)))
            {
                await database.MigrateAsync(Token);
            }
            Assert.True(File.Exists(file));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }
}
