using System.Net;

using Microsoft.Data.Sqlite;

using Tenure.Testing;
using Tenure.Web.Errors;

namespace Tenure.Web.Tests;

/// <summary>
/// Issue 15 items 3 and 9 through the API: money ranges on the write path, figures stored around the
/// readers (before the limits existed) answer a 422 data error for their tenant only, and /health
/// reports a database that cannot be queried. SQLite only: the tests write the file directly.
/// </summary>
public sealed class DataIntegrityTests(PostgresServer postgres)
{
    private const string MrrQuery = "/api/v1/metrics?from=2024-01-01&to=2024-06-01&metric=mrr";

    [Fact]
    public async Task Post_AmountOfDecimalMaxValue_IsARangeErrorAndNothingIsStored()
    {
        await using var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres);
        var client = await server.ClientAsync();
        await (await client.PostCsvAsync("accounts", SampleData.Accounts)).JsonAsync(HttpStatusCode.OK);

        var response = await client.PostJsonAsync("subscriptions", """
            [{"subscription_id": "S9", "account_id": "A1", "start_date": "2024-01-01", "amount": 79228162514264337593543950335, "interval": "month"}]
            """);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidInput);
        var error = Assert.Single(problem.Errors());
        Assert.Equal(("amount", "79228162514264337593543950335 is outside the allowed range (at most 1,000,000,000,000)"), (error.Column, error.Message));
        Assert.Equal(0, StoredSubscriptions(server, "acme"));
    }

    [Fact]
    public async Task Metrics_WithAnAbsurdRowStoredDirectly_AreA422DataErrorForThatTenantOnly()
    {
        await using var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres);
        var acme = await server.ClientAsync("acme");
        var other = await server.ClientAsync("other");
        await SampleData.LoadAsync(acme);
        await SampleData.LoadAsync(other);

        // decimal.MaxValue a month for A3, written around the readers as data stored before the limits
        // existed would be; the version bump is what a write does, so caches reload.
        using (var connection = new SqliteConnection($"Data Source={server.Database.Location.SqliteFilePath}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText =
                "INSERT INTO subscriptions (tenant_id, subscription_id, start_date, account_id, amount, interval, quantity, discount) " +
                "VALUES ('acme', 'S9', 1709251200000000, 'A3', '79228162514264337593543950335', 'month', '1', '0');" +
                "UPDATE tenants SET data_version = data_version + 1 WHERE tenant_id = 'acme';";
            command.ExecuteNonQuery();
        }

        var poisoned = await acme.Get(MrrQuery);
        var problem = await poisoned.ProblemAsync(HttpStatusCode.UnprocessableEntity, ProblemTypes.DataError);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("compute mrr", detail, StringComparison.Ordinal);
        Assert.Contains("account A3", detail, StringComparison.Ordinal);

        var unaffected = await other.Get(MrrQuery);
        await unaffected.JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Health_FileOverwrittenWithRandomBytes_IsUnhealthy()
    {
        await using var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres);
        var client = server.AnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await client.Get("/health")).StatusCode);

        var file = server.Database.Location.SqliteFilePath!;
        await File.WriteAllBytesAsync(file, RandomBytes(64 * 1024), TestContext.Current.CancellationToken);

        var health = await client.Get("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(15).NextBytes(bytes);
        return bytes;
    }

    private static long StoredSubscriptions(TenureTestServer server, string tenant)
    {
        using var connection = new SqliteConnection($"Data Source={server.Database.Location.SqliteFilePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM subscriptions WHERE tenant_id = $tenant";
        command.Parameters.AddWithValue("$tenant", tenant);
        return (long)command.ExecuteScalar()!;
    }
}
