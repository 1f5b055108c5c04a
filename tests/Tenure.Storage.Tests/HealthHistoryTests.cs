using System.Globalization;

using Tenure.Metrics.Health;
using Tenure.Metrics.Inputs;
using Tenure.Storage.Health;
using Tenure.Testing;

namespace Tenure.Storage.Tests;

/// <summary>health_history on both providers: round trip, recompute without duplicates, back-fill of a hand-made data set.</summary>
public sealed class HealthHistoryTests(PostgresServer server)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static DateTime D(string date) =>
        DateTime.SpecifyKind(DateTime.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc);

    /// <summary>
    /// A: customer since 2020 at MRR 100 (open), one note on 2024-05-02, nothing else; B: customer from 2024-06-10.
    /// A on day D: (50 x 15 [revenue-trend: change 0] + lin(days since the note; 90, 30) x 10 [engagement] + 100 x 10
    /// [renewal open]) / 35, usage, sentiment and support missing. B: renewal only -> 100.
    /// </summary>
    static TenureDataSet HandMade() => new()
    {
        Accounts = [new Account("A", "Acme", D("2020-01-01")), new Account("B", "Bolt", D("2020-01-01"))],
        Subscriptions =
        [
            new SubscriptionPeriod("s1", "A", null, D("2020-01-01"), null, 100m, BillingInterval.Month),
            new SubscriptionPeriod("s2", "B", null, D("2024-06-10"), null, 50m, BillingInterval.Month),
        ],
        Notes = [new Note("n1", "A", D("2024-05-02"), null, null)],
        Present = InputKind.Accounts | InputKind.Subscriptions | InputKind.Notes,
    };

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task RecordAsync_HandMadeData_StoresEachCustomerDayWithItsHandScore(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        var data = HealthData.Of(HandMade());

        var written = await HealthHistory.RecordAsync(test.Database, "acme", data, HealthModel.Default, D("2024-06-01"), D("2024-07-01"), Token);

        // A every day of 1 June - 1 July (31), B from 10 June (22).
        Assert.Equal(53, written);
        var a = await HealthHistory.ReadAccountAsync(test.Database, "acme", "A", D("2024-06-01"), D("2024-07-01"), Token);
        Assert.Equal(31, a.Count);
        Assert.Equal(D("2024-06-01"), a[0].Day);
        Assert.Equal(D("2024-07-01"), a[^1].Day);
        // 30 days since the note -> 100: 2750 / 35 = 78.571 -> 78.6 green
        Assert.Equal((78.6m, HealthBand.Green), (a[0].Health.Score!.Value, a[0].Health.Band!.Value));
        // 45 days -> 75: 2500 / 35 = 71.4 green
        var june16 = a.Single(d => d.Day == D("2024-06-16")).Health;
        Assert.Equal((71.4m, HealthBand.Green), (june16.Score!.Value, june16.Band!.Value));
        // 49 days -> 68.333: 2433.333 / 35 = 69.5 yellow; 60 days -> 50: 2250 / 35 = 64.3 yellow
        Assert.Equal(69.5m, a.Single(d => d.Day == D("2024-06-20")).Health.Score);
        Assert.Equal(64.3m, a[^1].Health.Score);
        // The explanation of a past day comes back: 16 June, engagement 45 days -> 75 points, weight 10; usage missing, weight 30.
        Assert.Equal(new FactorScore(HealthFactor.Engagement, 45m, 75m, 10m), june16[HealthFactor.Engagement]);
        Assert.Equal(new FactorScore(HealthFactor.Usage, null, null, 30m), june16[HealthFactor.Usage]);
        Assert.Equal(new FactorScore(HealthFactor.RevenueTrend, 0m, 50m, 15m), june16[HealthFactor.RevenueTrend]);
        Assert.Equal(new FactorScore(HealthFactor.Renewal, null, 100m, 10m), june16[HealthFactor.Renewal]);
        Assert.Equal(HealthFactors.All, june16.Factors.Select(f => f.Factor));

        var b = await HealthHistory.ReadAccountAsync(test.Database, "acme", "B", D("2024-06-01"), D("2024-07-01"), Token);
        Assert.Equal(22, b.Count);
        Assert.Equal(D("2024-06-10"), b[0].Day);
        Assert.All(b, d => Assert.Equal(100.0m, d.Health.Score));

        Assert.Equal((D("2024-06-01"), D("2024-07-01")), await HealthHistory.StoredRangeAsync(test.Database, "acme", Token));
        Assert.Null(await HealthHistory.StoredRangeAsync(test.Database, "other", Token));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task RecordAsync_Again_ReplacesTheDays_NoDuplicateRows(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        var data = HealthData.Of(HandMade());
        await HealthHistory.RecordAsync(test.Database, "acme", data, HealthModel.Default, D("2024-06-01"), D("2024-07-01"), Token);

        // The same days again (a re-import recomputes), and an overlapping range.
        await HealthHistory.RecordAsync(test.Database, "acme", data, HealthModel.Default, D("2024-06-01"), D("2024-07-01"), Token);
        await HealthHistory.RecordAsync(test.Database, "acme", data, HealthModel.Default, D("2024-06-25"), D("2024-07-02"), Token);

        var all = await HealthHistory.ReadAsync(test.Database, "acme", D("2024-01-01"), D("2024-12-31"), cancellationToken: Token);
        // A: 1 June - 2 July = 32 days; B: 10 June - 2 July = 23 days; one row each.
        Assert.Equal(32 + 23, all.Count);
        Assert.Equal(all.Count, all.Select(d => (d.Health.AccountId, d.Day)).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task WriteAsync_ChangedDay_ReplacesScoreBandAndFactors(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        FactorScore[] before = [new(HealthFactor.Usage, 0.35m, 50m, 30m), new(HealthFactor.Sentiment, null, null, 20m)];
        FactorScore[] after = [new(HealthFactor.Usage, 0.1m, 0m, 30m), new(HealthFactor.Sentiment, -33.3333m, 33.3m, 20m)];
        await HealthHistory.WriteAsync(test.Database, "acme", [new(D("2026-05-03"), new AccountHealth("A", null, 50.0m, HealthBand.Yellow, before))], Token);

        await HealthHistory.WriteAsync(test.Database, "acme", [new(D("2026-05-03"), new AccountHealth("A", null, 13.3m, HealthBand.Red, after))], Token);
        await HealthHistory.WriteAsync(test.Database, "acme", [new(D("2026-05-04"), new AccountHealth("A", null, null, null, before))], Token);

        var days = await HealthHistory.ReadAccountAsync(test.Database, "acme", "A", D("2026-05-01"), D("2026-05-31"), Token);
        Assert.Equal(2, days.Count);
        Assert.Equal((13.3m, HealthBand.Red), (days[0].Health.Score!.Value, days[0].Health.Band!.Value));
        Assert.Equal(after, days[0].Health.Factors);
        Assert.Null(days[1].Health.Score);
        Assert.Null(days[1].Health.Band);
        Assert.Equal(before, days[1].Health.Factors);
        var scores = await HealthHistory.ScoresOnAsync(test.Database, "acme", D("2026-05-03"), cancellationToken: Token);
        Assert.Equal(13.3m, Assert.Single(scores, s => s.Key == "A").Value);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ScoresOnAsync_OfSomeAccounts_ReadsThoseOnly(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        FactorScore[] factors = [new(HealthFactor.Usage, 0.35m, 50m, 30m)];
        await HealthHistory.WriteAsync(test.Database, "acme",
        [
            new(D("2026-05-03"), new AccountHealth("A", null, 50.0m, HealthBand.Yellow, factors)),
            new(D("2026-05-03"), new AccountHealth("B", null, null, null, factors)),
            new(D("2026-05-03"), new AccountHealth("C", null, 80.0m, HealthBand.Green, factors)),
            new(D("2026-05-04"), new AccountHealth("D", null, 20.0m, HealthBand.Red, factors)),
        ], Token);

        // D is stored on another day, E not at all; A asked twice is read once.
        var scores = await HealthHistory.ScoresOnAsync(test.Database, "acme", D("2026-05-03"), ["A", "B", "D", "E", "A"], Token);

        Assert.Equal(["A", "B"], scores.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(50.0m, scores["A"]);
        Assert.Null(scores["B"]);
        Assert.Empty(await HealthHistory.ScoresOnAsync(test.Database, "acme", D("2026-05-03"), [], Token));
        Assert.Equal(3, (await HealthHistory.ScoresOnAsync(test.Database, "acme", D("2026-05-03"), cancellationToken: Token)).Count);
    }

    [Fact]
    public void StoredHealthFactors_WorkedExample_IsCompactTextAndReadsBack()
    {
        // METRICS.md worked example: usage 0.35 -> 50, NPS 20 -> 60, support missing, +0.05 -> 62.5, 45 days -> 75, 120 days -> 100.
        FactorScore[] factors =
        [
            new(HealthFactor.Usage, 0.35m, 50m, 30m), new(HealthFactor.Sentiment, 20m, 60m, 20m), new(HealthFactor.Support, null, null, 15m),
            new(HealthFactor.RevenueTrend, 0.05m, 62.5m, 15m), new(HealthFactor.Engagement, 45m, 75m, 10m), new(HealthFactor.Renewal, 120m, 100m, 10m),
        ];

        var text = StoredHealthFactors.Write(factors);

        Assert.Equal("usage=0.35/50/30;sentiment=20/60/20;support=//15;revenue-trend=0.05/62.5/15;engagement=45/75/10;renewal=120/100/10", text);
        Assert.Equal(factors, StoredHealthFactors.Read(text));
        // A factor a later version added is skipped; values keep at most 4 decimals as the health JSON writes them.
        Assert.Equal([new FactorScore(HealthFactor.Usage, 0.5385m, 87.7m, 30m)],
            StoredHealthFactors.Read(StoredHealthFactors.Write([new FactorScore(HealthFactor.Usage, 7m / 13m, 87.6923m, 30m)]) + ";a-future-factor=0.2/80/0"));
    }
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task RecordAsync_ChurnProbabilities_FeedChurnRisk_OnlyFromTheirAsOfDay(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        var model = HealthModelJson.Parse("""{"factors": {"churn-risk": {"weight": 10}}}""", "test");
        var churn = new ChurnProbabilities(D("2024-06-20"), new Dictionary<string, decimal>(StringComparer.Ordinal) { ["A"] = 0.2m });

        await HealthHistory.RecordAsync(test.Database, "acme", HealthData.Of(HandMade()), model, D("2024-06-19"), D("2024-06-21"), churn, Token);

        var a = (await HealthHistory.ReadAccountAsync(test.Database, "acme", "A", D("2024-06-19"), D("2024-06-21"), Token)).ToDictionary(d => d.Day, d => d.Health);
        // 19 June, before the probabilities' day: churn-risk missing; 48 days -> 70: (750 + 700 + 1000) / 35 = 70.0.
        Assert.Equal(new FactorScore(HealthFactor.ChurnRisk, null, null, 10m), a[D("2024-06-19")][HealthFactor.ChurnRisk]);
        Assert.Equal(70.0m, a[D("2024-06-19")].Score);
        // 20 June: p = 0.2 -> 100 x (1 - 0.2) = 80 points, weight 10; 49 days -> 68.333: (2433.33 + 800) / 45 = 71.85 -> 71.9.
        Assert.Equal(new FactorScore(HealthFactor.ChurnRisk, 0.2m, 80m, 10m), a[D("2024-06-20")][HealthFactor.ChurnRisk]);
        Assert.Equal(71.9m, a[D("2024-06-20")].Score);
        // 21 June, still the latest probabilities: 50 days -> 66.667: (2416.67 + 800) / 45 = 71.48 -> 71.5.
        Assert.Equal(71.5m, a[D("2024-06-21")].Score);
        // B has no probability: churn-risk missing, renewal alone -> 100.
        var b = await HealthHistory.ReadAccountAsync(test.Database, "acme", "B", D("2024-06-21"), D("2024-06-21"), Token);
        Assert.True(Assert.Single(b).Health[HealthFactor.ChurnRisk].Missing);
        Assert.Equal(100.0m, b[0].Health.Score);
    }
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task StoredHealthModel_ReadsTheSetting_AndFallsBackToTheDefault_NamingTheProblem(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        var problems = new List<string>();

        var (none, noText) = await StoredHealthModel.ReadAsync(test.Database, "acme", problems.Add, Token);
        Assert.Same(HealthModel.Default, none);
        Assert.Null(noText);

        const string Worst = """{"aggregation": "worst-factor"}""";
        await Users.TenantSettings.SetAsync(test.Database, "acme", Users.TenantSettings.HealthModel, Worst, Token);
        var (model, text) = await StoredHealthModel.ReadAsync(test.Database, "acme", problems.Add, Token);
        Assert.Equal((HealthAggregation.WorstFactor, Worst), (model.Aggregation, text));

        // A stored text that no longer reads (as if a later version validated more strictly): the default, and why.
        await Users.TenantSettings.SetAsync(test.Database, "acme", Users.TenantSettings.HealthModel, """{"factors": {"usage": {"weight": -1}}}""", Token);
        var (fallback, fallbackText) = await StoredHealthModel.ReadAsync(test.Database, "acme", problems.Add, Token);
        Assert.Same(HealthModel.Default, fallback);
        Assert.Null(fallbackText);
        var problem = Assert.Single(problems);
        Assert.StartsWith("Health model: ", problem, StringComparison.Ordinal);
        Assert.Contains("factors.usage.weight", problem, StringComparison.Ordinal);
    }
}
