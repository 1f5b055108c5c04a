using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Tenure.Testing;
using Tenure.Web.Errors;
using Tenure.Web.Health;

namespace Tenure.Web.Tests;

/// <summary>
/// The daily health history in the server and GET /api/v1/accounts/{id}/health, on <see cref="SampleData"/> with
/// "today" 2024-06-15. The background recorder is off: the tests call <see cref="HealthHistoryRecorder.RecordAsync"/>,
/// what its checks call, so nothing records behind the test's back.
/// A3 (customer from 2024-02-01, paid to 2024-08-01, no users, NPS or touches; tickets given, T4 only from 06-16):
/// support 0 trouble -> 100 (x15); revenue-trend from 2024-05-01 (MRR 200 90 days before and now) -> 50 (x15), before
/// that missing (no MRR 90 days before); renewal lin(days to 2024-08-01; 0, 90) (x10):
/// - up to 2024-04-30: (1500 + 100 x 10) / 25 = 100.0 green (renewal >= 93 days -> 100);
/// - 2024-05-16: 77 days -> 85.56: (1500 + 750 + 855.56) / 40 = 77.64 -> 77.6;
/// - 2024-06-12: 50 days -> 55.56: (2250 + 555.56) / 40 = 70.14 -> 70.1 green;
/// - 2024-06-13: 49 days -> 54.44: (2250 + 544.44) / 40 = 69.86 -> 69.9 yellow (the band change);
/// - 2024-06-15: 47 days -> 52.22: 69.3 yellow (as GET /api/v1/health says).
/// </summary>
public abstract class AccountHealthHistoryApiTests(PostgresServer postgres, Provider provider)
{
    private static readonly Dictionary<string, string?> RecorderOff = new() { ["Tenure:HealthHistory:Enabled"] = "false" };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<(TenureTestServer Server, HttpClient Client)> StartWithHistoryAsync()
    {
        var server = await TenureTestServer.StartAsync(provider, postgres, RecorderOff);
        await SampleData.LoadAsync(await server.ClientAsync());
        // First recording of the tenant: the back-fill of the 365 days ending today. A1 and A2 are customers on all
        // of them; A3 from 2024-02-01: 29 + 31 + 30 + 31 + 15 = 136 days. 365 + 365 + 136 = 866.
        Assert.Equal(866, await server.Services.GetRequiredService<HealthHistoryRecorder>().RecordAsync("acme", Token));
        return (server, await server.ClientAsync(role: Storage.ApiKeyRole.Read));
    }

    private static Dictionary<string, JsonElement> DaysOf(JsonElement body) =>
        body.GetProperty("days").EnumerateArray().ToDictionary(d => d.GetProperty("date").GetString()!);

    [Fact]
    public async Task AccountHealth_DefaultRange_IsThe90DaysBeforeTodayToToday_WithHandScoresAndTheBandChange()
    {
        var (server, client) = await StartWithHistoryAsync();
        await using var _ = server;

        var body = await (await client.Get("/api/v1/accounts/A3/health")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("A3", body.GetProperty("account_id").GetString());
        Assert.Equal("2024-03-17", body.GetProperty("from").GetString()); // 2024-06-15 - 90 days
        Assert.Equal("2024-06-15", body.GetProperty("to").GetString());
        var days = DaysOf(body);
        Assert.Equal(91, days.Count); // 17 March to 15 June, both inclusive: 15 + 30 + 31 + 15
        Assert.Equal("2024-03-17", body.GetProperty("days")[0].GetProperty("date").GetString());
        Assert.Equal((100.0m, "green"), (days["2024-03-17"].GetProperty("score").GetDecimal(), days["2024-03-17"].GetProperty("band").GetString()));
        Assert.Equal(77.6m, days["2024-05-16"].GetProperty("score").GetDecimal());
        Assert.Equal((70.1m, "green"), (days["2024-06-12"].GetProperty("score").GetDecimal(), days["2024-06-12"].GetProperty("band").GetString()));
        Assert.Equal((69.9m, "yellow"), (days["2024-06-13"].GetProperty("score").GetDecimal(), days["2024-06-13"].GetProperty("band").GetString()));
        Assert.Equal((69.3m, "yellow"), (days["2024-06-15"].GetProperty("score").GetDecimal(), days["2024-06-15"].GetProperty("band").GetString()));
        var change = Assert.Single(body.GetProperty("band_changes").EnumerateArray());
        Assert.Equal(("2024-06-13", "green", "yellow"), (change.GetProperty("date").GetString(), change.GetProperty("from").GetString(), change.GetProperty("to").GetString()));
    }

    [Fact]
    public async Task AccountHealth_FromTo_LimitTheDays_AndDaysBeforeTheCustomerAreAbsent()
    {
        var (server, client) = await StartWithHistoryAsync();
        await using var _ = server;

        var body = await (await client.Get("/api/v1/accounts/A3/health?from=2024-01-25&to=2024-02-03")).JsonAsync(HttpStatusCode.OK);

        // A3 is a customer from 2024-02-01: 1, 2 and 3 February.
        Assert.Equal(["2024-02-01", "2024-02-02", "2024-02-03"], DaysOf(body).Keys);
        Assert.Empty(body.GetProperty("band_changes").EnumerateArray());
    }

    [Fact]
    public async Task RecordAsync_AfterAReimport_RecomputesTodayOnly_WithoutDuplicates()
    {
        var (server, client) = await StartWithHistoryAsync();
        await using var _ = server;
        var recorder = server.Services.GetRequiredService<HealthHistoryRecorder>();

        Assert.Equal(0, await recorder.RecordAsync("acme", Token)); // nothing changed: nothing recomputed
        await (await (await server.ClientAsync()).PostCsvAsync("tickets", SampleData.Tickets)).JsonAsync(HttpStatusCode.OK);
        await (await (await server.ClientAsync()).PostCsvAsync("accounts", SampleData.Accounts)).JsonAsync(HttpStatusCode.OK);
        // The data version changed: today's three customers again, no back-fill (done once).
        Assert.Equal(3, await recorder.RecordAsync("acme", Token));

        var body = await (await client.Get("/api/v1/accounts/A3/health?from=2023-06-16&to=2024-06-15")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(136, body.GetProperty("days").GetArrayLength());
        Assert.Equal(136, DaysOf(body).Count); // one entry per day
    }

    [Fact]
    public async Task RecordAsync_LogsTheAccountDays_AndHowLongOfItWasTheWaitForTheTenantsData()
    {
        var logs = new LogLines();
        var settings = new Dictionary<string, string?>(RecorderOff) { [$"Logging:LogLevel:{typeof(HealthHistoryRecorder).FullName}"] = "Information" };
        await using var server = await TenureTestServer.StartAsync(provider, postgres, settings, s => s.AddSingleton<ILoggerProvider>(logs));
        await SampleData.LoadAsync(await server.ClientAsync());

        Assert.Equal(866, await server.Services.GetRequiredService<HealthHistoryRecorder>().RecordAsync("acme", Token));

        // The 365 days ending 2024-06-15 start on 2023-06-17: 14 days of June 2023, 184 of July-December, 152 of
        // January-May 2024 (a leap year) and 15 of June make 365.
        var line = Assert.Single(logs.Lines, l => l.StartsWith("Health history of tenant acme", StringComparison.Ordinal));
        var match = Regex.Match(line, @"^Health history of tenant acme: 2023-06-17 to 2024-06-15, 866 account-days in (\d+) ms \((\d+) ms of it waiting for the tenant's data\)$");
        Assert.True(match.Success, line);
        Assert.True(long.Parse(match.Groups[2].Value) <= long.Parse(match.Groups[1].Value), line);
    }

    /// <summary>The formatted messages of every logger, at the levels the server's settings let through.</summary>
    private sealed class LogLines : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> lines = new();

        public IReadOnlyCollection<string> Lines => lines;

        public ILogger CreateLogger(string categoryName) => new Logger(lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }

    [Fact]
    public async Task Trends_AreTodayMinus30DaysBefore()
    {
        var (server, _) = await StartWithHistoryAsync();
        await using var __ = server;

        var trends = await server.Services.GetRequiredService<HealthHistoryReader>().TrendsAsync("acme", TenureTestServer.Now.UtcDateTime, cancellationToken: Token);

        Assert.Equal(["A1", "A2", "A3"], trends.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(-8.3m, trends["A3"]); // 69.3 on 2024-06-15 - 77.6 on 2024-05-16

        // A page's rows only: the same trend for A3, nothing for the accounts not asked.
        var page = await server.Services.GetRequiredService<HealthHistoryReader>().TrendsAsync("acme", TenureTestServer.Now.UtcDateTime, accountIds: ["A3", "Z9"], cancellationToken: Token);
        Assert.Equal(["A3"], page.Keys);
        Assert.Equal(-8.3m, page["A3"]);
    }

    [Fact]
    public async Task AccountsPage_TrendColumn_IsTheStoredScoreMinus30DaysBefore()
    {
        var (server, _) = await StartWithHistoryAsync();
        await using var __ = server;
        const string Password = "correct horse battery";
        await Storage.Users.DashboardUsers.CreateAsync(server.Database, "acme", "ann@example.com", Storage.Users.DashboardRole.Admin, null, Password, Token);
        var browser = server.BrowserLikeClient();
        var cookie = SignIn.SessionCookie(await SignIn.PostAsync(browser, await SignIn.TokenAsync(browser, "/signin"), "ann@example.com", Password));

        var page = await (await SignIn.GetWithCookieAsync(browser, "/accounts", cookie)).Content.ReadAsStringAsync(Token);

        var a3 = page.Split("<tr", StringSplitOptions.None).Single(row => row.Contains("href=\"/accounts/A3\"", StringComparison.Ordinal));
        Assert.Contains("data-testid=\"trend\">-8.3</td>", a3, StringComparison.Ordinal); // 69.3 on 2024-06-15 - 77.6 on 2024-05-16
    }

    [Fact]
    public async Task RecordAsync_ScoresWithTheWorkspaceHealthModel_AsThePagesDo()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres, RecorderOff);
        await SampleData.LoadAsync(await server.ClientAsync());
        // The settings page's model: renewal weighs nothing. A3 on 2024-06-15: support 100 (x15) and revenue-trend 50 (x15),
        // renewal 52.22 (x0): (1500 + 750) / 30 = 75.0 green, where the default model says 69.3 yellow.
        await Storage.Users.TenantSettings.SetAsync(server.Database, "acme", Storage.Users.TenantSettings.HealthModel, """{"factors":{"renewal":{"weight":0}}}""", Token);
        await server.Services.GetRequiredService<HealthHistoryRecorder>().RecordAsync("acme", Token);

        var body = await (await (await server.ClientAsync(role: Storage.ApiKeyRole.Read)).Get("/api/v1/accounts/A3/health?from=2024-06-15&to=2024-06-15")).JsonAsync(HttpStatusCode.OK);

        var day = Assert.Single(body.GetProperty("days").EnumerateArray());
        Assert.Equal((75.0m, "green"), (day.GetProperty("score").GetDecimal(), day.GetProperty("band").GetString()));
    }

    [Fact]
    public async Task AccountHealth_UnknownAccount_Is404()
    {
        var (server, client) = await StartWithHistoryAsync();
        await using var _ = server;

        var problem = await (await client.Get("/api/v1/accounts/a3/health")).ProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);

        Assert.Contains("'a3'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=June", "from")]
    [InlineData("to=2024-06-15T10:00:00Z", "to")]
    [InlineData("to=0001-01-01", "to")]
    [InlineData("from=2024-06-10&to=2024-06-01", "from")]
    [InlineData("from=2000-01-01&to=2024-06-15", "from")] // over 3660 days
    public async Task AccountHealth_BadDates_Are400(string query, string parameter)
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres, RecorderOff);
        var client = await server.ClientAsync(role: Storage.ApiKeyRole.Read);

        var problem = await (await client.Get("/api/v1/accounts/A1/health?" + query)).ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidParameter);

        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
    }
}

public sealed class AccountHealthHistoryApiTestsOnSqlite(PostgresServer postgres) : AccountHealthHistoryApiTests(postgres, Provider.Sqlite);

public sealed class AccountHealthHistoryApiTestsOnPostgres(PostgresServer postgres) : AccountHealthHistoryApiTests(postgres, Provider.PostgreSql);
