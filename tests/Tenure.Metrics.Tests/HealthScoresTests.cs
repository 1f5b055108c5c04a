using Tenure.Metrics.Health;
using Tenure.Metrics.Inputs;

using static Tenure.Metrics.Tests.TestData;

namespace Tenure.Metrics.Tests;

/// <summary>METRICS.md "Account health score": the worked example, each factor by hand, every missing path.</summary>
public class HealthScoresTests
{
    private static readonly DateTime At = D("2024-06-01");

    private static DateTime Days(int days) => At.AddDays(days);

    /// <summary>An open monthly subscription from 2020 (a customer at D, MRR 100 throughout, renewal open).</summary>
    private static SubscriptionPeriod Open(string account = "A") => Sub(account, "2020-01-01", null, 100m);

    private static TenureDataSet Data(
        IEnumerable<SubscriptionPeriod>? subscriptions = null, IEnumerable<User>? users = null, IEnumerable<UsageDay>? usage = null,
        IEnumerable<SurveyResponse>? surveys = null, IEnumerable<Ticket>? tickets = null, IEnumerable<CsTask>? tasks = null,
        IEnumerable<Note>? notes = null, IEnumerable<Account>? accounts = null, bool ticketsGiven = false)
    {
        var present = InputKind.Accounts | InputKind.Subscriptions | InputKind.Users | InputKind.Usage | InputKind.Surveys | InputKind.Tasks | InputKind.Notes;
        if (ticketsGiven || tickets is not null) present |= InputKind.Tickets;
        return new TenureDataSet
        {
            Accounts = [.. accounts ?? [new Account("A", "Acme", D("2020-01-01"), Csm: "ann")]],
            Subscriptions = [.. subscriptions ?? [Open()]],
            Users = [.. users ?? []],
            Usage = [.. usage ?? []],
            Surveys = [.. surveys ?? []],
            Tickets = [.. tickets ?? []],
            Tasks = [.. tasks ?? []],
            Notes = [.. notes ?? []],
            Present = present,
        };
    }

    private static AccountHealth Score(TenureDataSet data, HealthModel? model = null, int graceDays = 0, string account = "A") =>
        HealthScores.Of(HealthData.Of(data, graceDays), model ?? HealthModel.Default, At, account)
        ?? throw new InvalidOperationException($"{account} is not a customer at {At:yyyy-MM-dd}");

    private static User NewUser(string id, int createdDays = -400, int? deactivatedDays = null) =>
        new(id, "A", Days(createdDays), deactivatedDays is { } d ? Days(d) : null);

    private static UsageDay Used(string? user, int days, int events = 3) => new("A", user, Days(days), events);

    private static SurveyResponse Nps(string id, string? user, int score, int days, string survey = "nps") =>
        new(id, survey, "A", user, score, Scale.ZeroToTen, null, Days(days));

    private static Note NoteAt(int days) => new("n" + days, "A", Days(days), null, null);

    /// <summary>
    /// The METRICS.md worked example, built from rows: 20 users, 7 active (0.35 -> 50); NPS answers 2 promoters,
    /// 2 passives, 1 detractor ((2 - 1) / 5 = 20 -> 60); no tickets.csv (support missing); MRR 100 at D - 90d and
    /// 105 at D (+0.05 -> 62.5); a note 45 days before D (-> 75); paid coverage ending D + 120d (-> 100).
    /// </summary>
    private static TenureDataSet WorkedExample(string? segment = null) => Data(
        accounts: [new Account("A", "Acme", D("2020-01-01"), Segment: segment, Csm: "ann")],
        subscriptions: [Sub("A", "2024-01-01", "2024-04-01", 100m, id: "s1"), new SubscriptionPeriod("s2", "A", null, D("2024-04-01"), Days(120), 105m, BillingInterval.Month)],
        users: [.. Enumerable.Range(1, 20).Select(i => NewUser("u" + i))],
        usage: [.. Enumerable.Range(1, 7).Select(i => Used("u" + i, -i))],
        surveys: [Nps("r1", "u1", 10, -10), Nps("r2", "u2", 9, -10), Nps("r3", "u3", 8, -10), Nps("r4", "u4", 7, -10), Nps("r5", "u5", 3, -10)],
        notes: [NoteAt(-45)]);

    [Fact]
    public void WorkedExample_Is63Point4Yellow()
    {
        var health = Score(WorkedExample());
        // (50x30 + 60x20 + 62.5x15 + 75x10 + 100x10) / 85 = 5387.5 / 85 = 63.38... -> 63.4
        Assert.Equal(63.4m, health.Score);
        Assert.Equal(HealthBand.Yellow, health.Band);
        Assert.Equal([50m, 60m, null, 62.5m, 75m, 100m], health.Factors.Select(f => f.Points));
        Assert.Equal([0.35m, 20m, null, 0.05m, 45m, 120m], health.Factors.Select(f => f.Value));
        Assert.Equal([30m, 20m, 15m, 15m, 10m, 10m], health.Factors.Select(f => f.Weight));
        Assert.True(health[HealthFactor.Support].Missing);
        Assert.Equal("1", (health.Score!.Value.Scale).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void WorkedExample_WorstFactor_IsTheLowestPresentPoints()
    {
        // Present points 50, 60, 62.5, 75, 100: the lowest is usage's 50 -> 50.0, yellow.
        var health = Score(WorkedExample(), HealthModel.Default with { Aggregation = HealthAggregation.WorstFactor });
        Assert.Equal(50.0m, health.Score);
        Assert.Equal(HealthBand.Yellow, health.Band);
    }

    [Fact]
    public void SegmentWeights_ApplyToTheSegmentsAccountsOnly()
    {
        var model = HealthModel.Default with
        {
            SegmentWeights = new Dictionary<string, IReadOnlyDictionary<HealthFactor, decimal>>(StringComparer.OrdinalIgnoreCase)
            {
                ["enterprise"] = new Dictionary<HealthFactor, decimal> { [HealthFactor.Usage] = 0m },
            },
        };
        // Usage weight 0 for Enterprise: (60x20 + 62.5x15 + 75x10 + 100x10) / 55 = 3887.5 / 55 = 70.68... -> 70.7, green.
        var enterprise = Score(WorkedExample("Enterprise"), model);
        Assert.Equal(70.7m, enterprise.Score);
        Assert.Equal(HealthBand.Green, enterprise.Band);
        Assert.Equal(0m, enterprise[HealthFactor.Usage].Weight);
        Assert.Equal(63.4m, Score(WorkedExample("smb"), model).Score);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // usage held as a table, as a server loads it (read in place)
    public void Usage_CountsActiveUsersAmongThoseExistingAtD(bool asTable)
    {
        // Existing at D: u1, u2, u3, u6 (u4 is created after D, u5 deactivated at D) = 4.
        // Active in [D-30d, D): u1 (D-1d), u2 (D-30d, the inclusive start); u3's day is D (excluded), u4 and u5 do not exist,
        // u6's day in the window counts no event.
        // 2 / 4 = 0.5 -> lin(0.5; 0.1, 0.6) = 100 x 0.4 / 0.5 = 80.
        var data = Data(
            users: [NewUser("u1"), NewUser("u2"), NewUser("u3"), NewUser("u4", createdDays: 1), NewUser("u5", deactivatedDays: 0), NewUser("u6")],
            usage: [Used("u1", -1), Used("u2", -30), Used("u3", 0), Used("u4", -2), Used("u5", -2), Used("u6", -31), Used("u6", -3, events: 0), Used(null, -1)]);
        var health = Score(asTable ? data with { Usage = UsageDayTable.From(data.Usage) } : data);
        Assert.Equal(0.5m, health[HealthFactor.Usage].Value);
        Assert.Equal(80m, health[HealthFactor.Usage].Points);
    }

    [Fact]
    public void Usage_NoUserExistsAtD_IsMissing()
    {
        var health = Score(Data(users: [NewUser("u1", createdDays: 1)], usage: [Used("u1", -1)]));
        Assert.True(health[HealthFactor.Usage].Missing);
        Assert.Null(health[HealthFactor.Usage].Value);
    }

    [Fact]
    public void Sentiment_LatestAnswerPerUser_AnswersWithoutUserEachCount()
    {
        // In [D-180d, D): u1's latest is 10 (its 0 is older) -> promoter; u2's 9 is 200 days old (outside);
        // two answers without a user, 5 and 6 -> two detractors; the answer at D and the csat answer do not count.
        // NPS = (1 - 2) / 3 x 100 = -33.33...; points = (nps + 100) / 2 = 33.33...
        var health = Score(Data(surveys:
        [
            Nps("r1", "u1", 0, -100), Nps("r2", "u1", 10, -10), Nps("r3", "u2", 9, -200),
            Nps("r4", null, 5, -20), Nps("r5", null, 6, -20), Nps("r6", "u3", 0, 0), Nps("r7", "u4", 0, -5, survey: "csat"),
        ]));
        AssertNear(-100m / 3m, health[HealthFactor.Sentiment].Value);
        AssertNear(100m / 3m, health[HealthFactor.Sentiment].Points);
    }

    [Fact]
    public void Sentiment_NoAnswerInWindow_IsMissing()
    {
        var health = Score(Data(surveys: [Nps("r1", "u1", 10, -181), Nps("r2", "u1", 10, 1)]));
        Assert.True(health[HealthFactor.Sentiment].Missing);
    }

    private static Ticket TicketOf(string id, int createdDays, int? resolvedDays = null, bool escalated = false, bool major = false) =>
        new(id, "A", Days(createdDays), ResolvedAt: resolvedDays is { } r ? Days(r) : null, Escalated: escalated, IsMajor: major);

    [Fact]
    public void Support_CountsTrouble()
    {
        // t1 escalated, created D-10d: 1. t2 major but created D-100d (outside [D-90d, D)): 0.
        // t3 open, created D-8d (before D-7d): 1. t4 open, created D-3d: 0. t5 created D-30d, resolved D+1d (open at D): 1.
        // t6 created D-7d exactly (not before D-7d), open: 0. trouble = 3 -> max(0, 100 - 25 x 3) = 25.
        var health = Score(Data(tickets:
        [
            TicketOf("t1", -10, -5, escalated: true), TicketOf("t2", -100, -99, major: true), TicketOf("t3", -8),
            TicketOf("t4", -3), TicketOf("t5", -30, 1), TicketOf("t6", -7),
        ]));
        Assert.Equal(3m, health[HealthFactor.Support].Value);
        Assert.Equal(25m, health[HealthFactor.Support].Points);
    }

    [Fact]
    public void Support_EscalatedAndStillOpen_CountsInBothTerms()
    {
        // Created D-20d, escalated (1) and still open after a week (1): trouble 2 -> 100 - 50 = 50.
        var health = Score(Data(tickets: [TicketOf("t1", -20, escalated: true)]));
        Assert.Equal(2m, health[HealthFactor.Support].Value);
        Assert.Equal(50m, health[HealthFactor.Support].Points);
    }

    [Fact]
    public void Support_FiveTroubles_ClampsAtZero()
    {
        // 5 stale open tickets: 100 - 125 < 0 -> 0.
        var health = Score(Data(tickets: [.. Enumerable.Range(1, 5).Select(i => TicketOf("t" + i, -10 - i))]));
        Assert.Equal(0m, health[HealthFactor.Support].Points);
    }

    [Fact]
    public void Support_TicketsGivenButNone_Is100_TicketsAbsent_IsMissing()
    {
        Assert.Equal(100m, Score(Data(ticketsGiven: true))[HealthFactor.Support].Points);
        Assert.True(Score(Data())[HealthFactor.Support].Missing);
    }

    [Fact]
    public void RevenueTrend_IsTheMrrChangeOver90Days()
    {
        // MRR 200 at D-90d (2024-03-03), 180 at D: change = -20 / 200 = -0.1 -> lin(-0.1; -0.2, 0.2) = 100 x 0.1 / 0.4 = 25.
        var health = Score(Data(subscriptions: [Sub("A", "2024-01-01", "2024-04-01", 200m, id: "s1"), Sub("A", "2024-04-01", null, 180m, id: "s2")]));
        Assert.Equal(-0.1m, health[HealthFactor.RevenueTrend].Value);
        Assert.Equal(25m, health[HealthFactor.RevenueTrend].Points);
    }

    [Fact]
    public void RevenueTrend_NoMrr90DaysAgo_IsMissing()
    {
        // Paying only from 2024-04-01; D-90d is 2024-03-03.
        var health = Score(Data(subscriptions: [Sub("A", "2024-04-01", null, 50m)]));
        Assert.True(health[HealthFactor.RevenueTrend].Missing);
    }

    [Fact]
    public void Engagement_IsDaysSinceTheLatestTouchBeforeD()
    {
        // Touches: task completed D-60d, note D-75d; the note at D and the task completed D+1d are not before D;
        // the open task has no completion. Latest = D-60d: 60 days -> lin(60; 90, 30) = 100 x (60 - 90) / (30 - 90) = 50.
        var health = Score(Data(
            tasks: [new CsTask("k1", "ann", "A", null, Days(-90), CompletedAt: Days(-60)), new CsTask("k2", "ann", "A", null, Days(-5), CompletedAt: Days(1)), new CsTask("k3", "ann", "A", null, Days(-2))],
            notes: [NoteAt(-75), NoteAt(0)]));
        Assert.Equal(60m, health[HealthFactor.Engagement].Value);
        Assert.Equal(50m, health[HealthFactor.Engagement].Points);
    }

    [Fact]
    public void Engagement_NoTouchBeforeD_IsMissing()
    {
        var health = Score(Data(notes: [NoteAt(0), NoteAt(3)]));
        Assert.True(health[HealthFactor.Engagement].Missing);
    }

    [Fact]
    public void Renewal_OpenCoverage_Is100AndNotMissing()
    {
        var renewal = Score(Data())[HealthFactor.Renewal];
        Assert.False(renewal.Missing);
        Assert.Null(renewal.Value);
        Assert.Equal(100m, renewal.Points);
    }

    [Fact]
    public void Renewal_TouchingPeriodsChainToTheEndOfCoverage()
    {
        // [2024-01-01, D+10d) and [D+10d, D+45d) touch: coverage ends D+45d -> 45 days -> lin(45; 0, 90) = 50.
        var health = Score(Data(subscriptions:
        [
            new SubscriptionPeriod("s1", "A", null, D("2024-01-01"), Days(10), 100m, BillingInterval.Month),
            new SubscriptionPeriod("s2", "A", null, Days(10), Days(45), 100m, BillingInterval.Month),
        ]));
        Assert.Equal(45m, health[HealthFactor.Renewal].Value);
        Assert.Equal(50m, health[HealthFactor.Renewal].Points);
    }

    [Fact]
    public void Renewal_ChurnGrace_ChainsAGapShorterThanTheGrace()
    {
        // Coverage to D+10d, a 5-day gap, again [D+15d, D+45d). No grace: 10 days -> 100 x 10 / 90 = 11.11...
        // Grace 7 days (> the 5-day gap): the gap is covered, coverage ends D+45d -> 50.
        TenureDataSet data = Data(subscriptions:
        [
            new SubscriptionPeriod("s1", "A", null, D("2024-01-01"), Days(10), 100m, BillingInterval.Month),
            new SubscriptionPeriod("s2", "A", null, Days(15), Days(45), 100m, BillingInterval.Month),
        ]);
        AssertNear(1000m / 90m, Score(data)[HealthFactor.Renewal].Points);
        Assert.Equal(50m, Score(data, graceDays: 7)[HealthFactor.Renewal].Points);
    }

    [Fact]
    public void At_ListsOnlyCustomersAtD()
    {
        var data = Data(
            accounts: [new Account("A", "Acme", D("2020-01-01")), new Account("B", "Gone", D("2020-01-01")), new Account("C", "Never", D("2020-01-01")), new Account("E", "Later", D("2020-01-01"))],
            subscriptions: [Open(), Sub("B", "2023-01-01", "2024-06-01", 100m), Sub("C", "2023-01-01", null, 0m), Sub("E", "2024-06-02", null, 10m)]);
        // B's coverage ends at D (end exclusive), C never pays, E starts after D.
        var scored = HealthScores.At(HealthData.Of(data), HealthModel.Default, At);
        Assert.Equal(["A"], scored.Select(h => h.AccountId));
    }

    [Fact]
    public void Aggregate_NoWeightedFactorPresent_GivesNoScore()
    {
        // Only revenue-trend (MRR 100 -> 100: 50 points) and renewal (open: 100 points) are present; with both weights 0
        // nothing counts: no score, no band.
        var model = HealthModel.Default with
        {
            RevenueTrend = HealthModel.Default.RevenueTrend with { Weight = 0m },
            Renewal = HealthModel.Default.Renewal with { Weight = 0m },
        };
        var health = Score(Data(), model);
        Assert.Equal(50m, health[HealthFactor.RevenueTrend].Points);
        Assert.Null(health.Score);
        Assert.Null(health.Band);
        Assert.Null(HealthScores.Aggregate([FactorScore.MissingOf(HealthFactor.Usage, 30m)], HealthAggregation.WeightedMean));
    }

    [Fact]
    public void Aggregate_RoundsHalfAwayFromZeroToOneDecimal()
    {
        // 62.25 -> 62.3; 62.24 -> 62.2; (80 x 1 + 40 x 2) / 3 = 53.33... -> 53.3.
        Assert.Equal(62.3m, HealthScores.Aggregate([new FactorScore(HealthFactor.Usage, null, 62.25m, 1m)], HealthAggregation.WeightedMean));
        Assert.Equal(62.2m, HealthScores.Aggregate([new FactorScore(HealthFactor.Usage, null, 62.24m, 1m)], HealthAggregation.WeightedMean));
        Assert.Equal(53.3m, HealthScores.Aggregate(
            [new FactorScore(HealthFactor.Usage, null, 80m, 1m), new FactorScore(HealthFactor.Sentiment, null, 40m, 2m)], HealthAggregation.WeightedMean));
    }

    [Theory]
    [InlineData(70.0, HealthBand.Green)]
    [InlineData(69.9, HealthBand.Yellow)]
    [InlineData(40.0, HealthBand.Yellow)]
    [InlineData(39.9, HealthBand.Red)]
    [InlineData(0.0, HealthBand.Red)]
    public void BandOf_UsesTheThresholds(double score, HealthBand band) =>
        Assert.Equal(band, HealthModel.Default.BandOf((decimal)score));

    [Theory]
    [InlineData(0.1, 0.6, -1, 0)]
    [InlineData(0.1, 0.6, 5, 100)]
    [InlineData(0.1, 0.6, 0.35, 50)]
    [InlineData(90, 30, 120, 0)]
    [InlineData(90, 30, 10, 100)]
    [InlineData(90, 30, 45, 75)]
    public void Ramp_IsLinearAndClamped(double from, double to, double x, double points) =>
        Assert.Equal((decimal)points, new Ramp((decimal)from, (decimal)to).Points((decimal)x));

    [Fact]
    public void Ramp_EqualEnds_AreRejected() => Assert.Throws<ArgumentException>(() => new Ramp(1m, 1m));
}
