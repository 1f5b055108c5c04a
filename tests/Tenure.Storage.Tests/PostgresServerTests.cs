using Npgsql;

using Tenure.Testing;

namespace Tenure.Storage.Tests;

public sealed class PostgresServerTests(PostgresServer server)
{
    [Fact]
    public async Task CreateDatabaseAsync_GivesAnEmptyDatabaseOfItsOwn()
    {
        server.RequireAvailable();
        var first = await server.CreateDatabaseAsync("fixture");
        var second = await server.CreateDatabaseAsync("fixture");
        Assert.NotEqual(first, second);

        await using var connection = new NpgsqlConnection(first);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", connection);
        Assert.Equal(0L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }
}
