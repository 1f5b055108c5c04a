using System.Net;
using System.Text.Json;

using Microsoft.Extensions.DependencyInjection;

using Tenure.Metrics.Health;
using Tenure.Predictive.Churn;
using Tenure.Storage.Health;
using Tenure.Storage.Users;
using Tenure.Testing;
using Tenure.Web.ChurnRisk;
using Tenure.Web.Health;

namespace Tenure.Web.Tests;

/// <summary>
/// The optional churn-risk health factor fed by the latest churn probabilities, the same in the stored daily history
/// and on the screens (<c>GET /api/v1/health</c> reads the board the accounts list, the "At risk" view and the account
/// page read). The churn risk is a fake with a chosen probability for A3 (SampleData's tenant is too short to train),
/// "today" is 2024-06-15 and the workspace's model gives churn-risk weight 10 (ramp 100 x (1 - p)).
/// A3 on 2024-06-15 (AccountHealthHistoryApiTests): support 100 (x15), revenue-trend 50 (x15), renewal 47 days to
/// 2024-08-01 -> 47 / 90 x 100 = 52.222 (x10); with churn-risk p = 0.25 -> 75 points (x10):
/// (1500 + 750 + 522.22 + 750) / 50 = 70.44 -> 70.4 (69.3 without it).
/// </summary>
public abstract class ChurnRiskHealthFactorTests(PostgresServer postgres, Provider provider)
{
    private static readonly Dictionary<string, string?> RecorderOff = new() { ["Tenure:HealthHistory:Enabled"] = "false", ["Tenure:ChurnRisk:Background"] = "false" };

    private const string ModelWithChurnRisk = """{"factors": {"churn-risk": {"weight": 10}}}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly DateTime Today = TenureTestServer.Now.UtcDateTime.Date;

    /// <summary>A churn risk whose latest result the test sets; counts the refreshes asked for.</summary>
    private sealed class FakeChurnRisk : ITenantChurnRisk
    {
        public ComputedChurnRisk? Result { get; set; }

        public int Refreshes { get; private set; }

        public ComputedChurnRisk? Latest(string tenant) => tenant == "acme" ? Result : null;

        public void Refresh(string tenant) => Refreshes++;

        public static ComputedChurnRisk Scored(long version, DateTime day, double a3) =>
            new(version, day, new TenantChurnRisk(day, 90, null, 3, 100, 20, 12, [new AccountChurnRisk("A3", a3, [])]));
    }

    private async Task<(TenureTestServer Server, FakeChurnRisk Churn)> StartAsync(string? model)
    {
        var churn = new FakeChurnRisk();
        var server = await TenureTestServer.StartAsync(provider, postgres, RecorderOff, s => s.AddSingleton<ITenantChurnRisk>(churn));
        await SampleData.LoadAsync(await server.ClientAsync());
        if (model is not null)
            await TenantSettings.SetAsync(server.Database, "acme", TenantSettings.HealthModel, model, Token);
        return (server, churn);
    }

    private static async Task<Dictionary<DateTime, AccountHealth>> StoredA3Async(TenureTestServer server) =>
        (await HealthHistory.ReadAccountAsync(server.Database, "acme", "A3", Today.AddDays(-2), Today, Token)).ToDictionary(d => d.Day, d => d.Health);

    private static async Task<JsonElement> ScreenA3Async(TenureTestServer server)
    {
        var body = await (await (await server.ClientAsync(role: Storage.ApiKeyRole.Read)).Get("/api/v1/health")).JsonAsync(HttpStatusCode.OK);
        return body.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("account_id").GetString() == "A3");
    }

    private static JsonElement ChurnFactor(JsonElement account) =>
        account.GetProperty("factors").EnumerateArray().Single(f => f.GetProperty("factor").GetString() == "churn-risk");

    [Fact]
    public async Task WeightedChurnRisk_HistoryAndScreens_UseTheLatestProbabilities_FromTheirDayOn()
    {
        var (server, churn) = await StartAsync(ModelWithChurnRisk);
        await using var _ = server;
        churn.Result = FakeChurnRisk.Scored(1, Today, 0.25);

        await server.Services.GetRequiredService<HealthHistoryRecorder>().RecordAsync("acme", Token);

        var stored = await StoredA3Async(server);
        var today = stored[Today];
        Assert.Equal(70.4m, today.Score);
        Assert.Equal((0.25m, 75m, 10m), (today[HealthFactor.ChurnRisk].Value, today[HealthFactor.ChurnRisk].Points, today[HealthFactor.ChurnRisk].Weight));
        // The day before the probabilities' as-of day: none was scored then, churn-risk is missing and the weights
        // renormalise over the others: 48 days -> 53.33; (1500 + 750 + 533.33) / 40 = 69.58 -> 69.6.
        var yesterday = stored[Today.AddDays(-1)];
        Assert.True(yesterday[HealthFactor.ChurnRisk].Missing);
        Assert.Equal(69.6m, yesterday.Score);

        // The screens' board says the same as the stored day.
        var screen = await ScreenA3Async(server);
        Assert.Equal(70.4m, screen.GetProperty("score").GetDecimal());
        Assert.Equal(0.25m, ChurnFactor(screen).GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task NewProbabilities_ReRecordToday_AndTheScreensFollow()
    {
        var (server, churn) = await StartAsync(ModelWithChurnRisk);
        await using var _ = server;
        var recorder = server.Services.GetRequiredService<HealthHistoryRecorder>();
        churn.Result = FakeChurnRisk.Scored(1, Today, 0.25);
        await recorder.RecordAsync("acme", Token);
        Assert.Equal(70.4m, (await ScreenA3Async(server)).GetProperty("score").GetDecimal());
        Assert.Equal(0, await recorder.RecordAsync("acme", Token)); // nothing changed

        // A retrained model (a new data version) says p = 0.5 -> 50 points: (1500 + 750 + 522.22 + 500) / 50 = 65.44 -> 65.4.
        churn.Result = FakeChurnRisk.Scored(2, Today, 0.5);
        Assert.Equal(3, await recorder.RecordAsync("acme", Token)); // today's three customers, nothing else

        Assert.Equal(65.4m, (await StoredA3Async(server))[Today].Score);
        Assert.Equal(65.4m, (await ScreenA3Async(server)).GetProperty("score").GetDecimal());
    }

    [Fact]
    public async Task BeforeAnyChurnResult_TheFactorIsMissing_AndAResultIsAskedFor()
    {
        var (server, churn) = await StartAsync(ModelWithChurnRisk);
        await using var _ = server;

        await server.Services.GetRequiredService<HealthHistoryRecorder>().RecordAsync("acme", Token);

        Assert.True((await StoredA3Async(server))[Today][HealthFactor.ChurnRisk].Missing);
        Assert.Equal(69.3m, (await StoredA3Async(server))[Today].Score);
        var screen = await ScreenA3Async(server);
        Assert.Equal(69.3m, screen.GetProperty("score").GetDecimal());
        Assert.True(ChurnFactor(screen).GetProperty("missing").GetBoolean());
        Assert.True(churn.Refreshes >= 2); // the recorder and the page each asked for a churn result
    }

    [Fact]
    public async Task ModelWithoutChurnRisk_NeverReadsTheChurnRisk()
    {
        var (server, churn) = await StartAsync(model: null);
        await using var _ = server;
        churn.Result = FakeChurnRisk.Scored(1, Today, 0.25);

        await server.Services.GetRequiredService<HealthHistoryRecorder>().RecordAsync("acme", Token);

        var today = (await StoredA3Async(server))[Today];
        Assert.Equal(69.3m, today.Score);
        Assert.DoesNotContain(today.Factors, f => f.Factor == HealthFactor.ChurnRisk);
        Assert.Equal(69.3m, (await ScreenA3Async(server)).GetProperty("score").GetDecimal());
        Assert.Equal(0, churn.Refreshes);
    }
}

public sealed class ChurnRiskHealthFactorTestsOnSqlite(PostgresServer postgres) : ChurnRiskHealthFactorTests(postgres, Provider.Sqlite);

public sealed class ChurnRiskHealthFactorTestsOnPostgres(PostgresServer postgres) : ChurnRiskHealthFactorTests(postgres, Provider.PostgreSql);
