using System.Net;

using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

using Tenure.Storage.Users;
using Tenure.Testing;

namespace Tenure.Web.Tests;

/// <summary>Issue 14 item 3: probes, the Prometheus endpoint, the JSON log option and the key ring shared through the database.</summary>
public abstract class OperationsTests(PostgresServer postgres, Provider provider)
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task SessionCookie_IssuedByOneInstance_IsAcceptedByAnotherOnTheSameDatabase_NotByOneOnAnother()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = await TenureTestServer.StartAsync(provider, postgres);
        await DashboardUsers.CreateAsync(first.Database, "acme", "ann@example.com", DashboardRole.Viewer, null, Password, ct);
        var browser = first.BrowserLikeClient();
        var signedIn = await SignIn.PostAsync(browser, await SignIn.TokenAsync(browser, "/signin"), "ann@example.com", Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = SignIn.SessionCookie(signedIn);

        // A second replica (or the same server restarted): its key ring comes from the database, so the cookie holds.
        await using var second = first.AnotherInstance();
        Assert.Equal(HttpStatusCode.OK, (await SignIn.GetWithCookieAsync(second.BrowserLikeClient(), "/accounts", cookie)).StatusCode);

        // A server on another database has other keys: the same cookie is not a session there (sent to sign in).
        await using var elsewhere = await TenureTestServer.StartAsync(provider, postgres);
        await DashboardUsers.CreateAsync(elsewhere.Database, "acme", "ann@example.com", DashboardRole.Viewer, null, Password, ct);
        var refused = await SignIn.GetWithCookieAsync(elsewhere.BrowserLikeClient(), "/accounts", cookie);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/signin", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probes_LiveReadyAndHealth_AreAnonymousAndHealthy()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = server.AnonymousClient();
        foreach (var path in new[] { "/healthz", "/readyz", "/health" })
        {
            var response = await client.Get(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task Metrics_AreNotServed_UnlessPrometheusIsEnabled()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        // No such endpoint: the path is like any unknown one (an anonymous visitor is sent to sign in), never a scrape.
        var response = await server.BrowserLikeClient().Get("/prometheus");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_WhenEnabled_CountImportedRowsPerTenantKindAndOutcome()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres, new Dictionary<string, string?> { ["Tenure:Telemetry:Prometheus"] = "true" });
        // A tenant of its own: the meter is process-wide and other tests import in parallel.
        var tenant = "metrics-" + Guid.NewGuid().ToString("N")[..8];
        var client = await server.ClientAsync(tenant);
        (await client.PostCsvAsync("accounts", SampleData.Accounts)).EnsureSuccessStatusCode();
        // The same three accounts again, one renamed: 1 updated, 2 unchanged.
        (await client.PostCsvAsync("accounts", SampleData.Accounts.Replace("Umbrella", "Umbrella Corp", StringComparison.Ordinal))).EnsureSuccessStatusCode();

        var scrape = await server.AnonymousClient().Get("/prometheus");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        var text = await scrape.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        // SampleData.Accounts holds three accounts: 3 inserted by the first post; then 1 updated and 2 unchanged.
        Assert.Equal(3, ImportedRows(text, tenant, "inserted"));
        Assert.Equal(1, ImportedRows(text, tenant, "updated"));
        Assert.Equal(2, ImportedRows(text, tenant, "unchanged"));
        // ASP.NET Core's own instruments come along.
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogFormatJson_SelectsTheJsonConsoleFormatter()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres, new Dictionary<string, string?> { ["Tenure:LogFormat"] = "json" });
        Assert.Equal(ConsoleFormatterNames.Json, server.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }

    /// <summary>The value of tenure_import_rows_total for the accounts of <paramref name="tenant"/> with <paramref name="outcome"/> (Prometheus text format).</summary>
    private static long ImportedRows(string scrape, string tenant, string outcome)
    {
        var line = scrape.Split('\n').Single(l => l.StartsWith("tenure_import_rows_total{", StringComparison.Ordinal)
            && l.Contains($"tenant=\"{tenant}\"", StringComparison.Ordinal) && l.Contains("kind=\"accounts\"", StringComparison.Ordinal)
            && l.Contains($"outcome=\"{outcome}\"", StringComparison.Ordinal));
        return long.Parse(line[(line.IndexOf('}', StringComparison.Ordinal) + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class OperationsTestsOnSqlite(PostgresServer postgres) : OperationsTests(postgres, Provider.Sqlite);

public sealed class OperationsTestsOnPostgres(PostgresServer postgres) : OperationsTests(postgres, Provider.PostgreSql);

/// <summary>/readyz against a SQLite file changed under the running server.</summary>
public sealed class ReadinessTests(PostgresServer postgres)
{
    [Fact]
    public async Task Readiness_FailsWhenAMigrationIsMissingOrTheFileIsNoDatabase_LivenessDoesNot()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres);
        var client = server.AnonymousClient();
        var file = server.Database.Location.SqliteFilePath!;

        // The newest migration forgotten (an older database put back under a running server): not ready, /health still fine.
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM __EFMigrationsHistory WHERE MigrationId = (SELECT max(MigrationId) FROM __EFMigrationsHistory)";
            Assert.Equal(1, await command.ExecuteNonQueryAsync(ct));
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.Get("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Get("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Get("/healthz")).StatusCode);

        // The file overwritten: not ready, and still alive (restarting would not help).
        await File.WriteAllBytesAsync(file, new byte[64 * 1024], ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.Get("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Get("/healthz")).StatusCode);
    }
}
