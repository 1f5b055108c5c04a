using Tenure.Demo;
using Tenure.Metrics.Accounts;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Web.Tests;

/// <summary>Tenure.Metrics.Accounts: the per-account figures the API and dashboards share.</summary>
public sealed class AccountFiguresTests
{
    private static DateTime Utc(int y, int m, int d) => new(y, m, d, 0, 0, 0, DateTimeKind.Utc);

    private static readonly SubscriptionPeriod[] Periods =
    [
        new("S1", "A1", "pro", Utc(2023, 1, 10), Utc(2024, 1, 10), 1000m, BillingInterval.Month, 2m, 100m), // 1900
        new("S1", "A1", "pro", Utc(2024, 1, 10), null, 1200m, BillingInterval.Month, 2m),                   // 2400
        new("S2", "A1", "addon", Utc(2024, 1, 1), Utc(2025, 1, 1), 120m, BillingInterval.Year),             // 10
    ];

    [Fact]
    public void At_CountsPeriodsCoveringTheInstant_EndExclusive()
    {
        Assert.Equal(0m, AccountMrr.At(Periods, Utc(2023, 1, 9)));
        Assert.Equal(1900m, AccountMrr.At(Periods, Utc(2023, 1, 10)));               // start is inclusive
        Assert.Equal(1910m, AccountMrr.At(Periods, Utc(2024, 1, 9)));
        Assert.Equal(2410m, AccountMrr.At(Periods, Utc(2024, 1, 10)));               // S1's first period has ended, its second started
        Assert.Equal(2400m, AccountMrr.At(Periods, Utc(2025, 1, 1)));                // S2's end is exclusive
        Assert.Equal(0m, AccountMrr.At([], Utc(2024, 1, 1)));
    }

    [Fact]
    public void JustBefore_IsTheClosingState()
    {
        Assert.Equal(1910m, AccountMrr.JustBefore(Periods, Utc(2024, 1, 10)));      // the change at the instant is not in yet
        Assert.Equal(2410m, AccountMrr.JustBefore(Periods, Utc(2025, 1, 1)));       // S2 still covers the last instant before its end
        Assert.Equal(0m, AccountMrr.JustBefore(Periods, Utc(2023, 1, 10)));
    }

    [Fact]
    public void MonthlyHistory_IsEachMonthsClosingMrr()
    {
        var history = AccountMrr.MonthlyHistory(Periods, Utc(2023, 12, 1), Utc(2024, 2, 1));
        // December closes just before 2024-01-01, when S2 has not started yet.
        Assert.Equal([new MonthlyMrr(Utc(2023, 12, 1), 1900m), new MonthlyMrr(Utc(2024, 1, 1), 2410m), new MonthlyMrr(Utc(2024, 2, 1), 2410m)], history);
        Assert.Throws<ArgumentException>(() => AccountMrr.MonthlyHistory(Periods, Utc(2024, 1, 2), Utc(2024, 2, 1)));
        Assert.Throws<ArgumentException>(() => AccountMrr.MonthlyHistory(Periods, Utc(2024, 2, 1), Utc(2024, 1, 1)));
    }

    [Fact]
    public void MonthlyHistory_SummedOverAccounts_IsTheEnginesMrr()
    {
        var demo = DemoDataGenerator.Generate(new DemoOptions { Accounts = 60 }).ToTenureDataSet();
        var book = AccountBook.Of(demo);
        var results = MetricEngine.Compute(demo, new MetricRequest(Utc(2025, 1, 1), Utc(2026, 11, 1), Metrics: ["mrr"]));
        var perMonth = new decimal[22];
        foreach (var account in book.Accounts)
        {
            var history = AccountMrr.MonthlyHistory(account.Subscriptions, Utc(2025, 1, 1), Utc(2026, 10, 1));
            for (var i = 0; i < history.Count; i++)
                perMonth[i] += history[i].Mrr;
        }
        Assert.Equal(22, results.Count);
        Assert.True(perMonth.Sum() > 0m);
        for (var i = 0; i < results.Count; i++)
            Assert.Equal(results[i].Value.Value, perMonth[i]);
    }

    [Fact]
    public void NextRenewal_IsTheEarliestEndOfACoveringPayingPeriod()
    {
        Assert.Equal(Utc(2024, 1, 10), AccountRenewal.Next(Periods, Utc(2023, 6, 1)));
        Assert.Equal(Utc(2025, 1, 1), AccountRenewal.Next(Periods, Utc(2024, 1, 10)));  // S1 is open-ended now; S2 ends
        Assert.Null(AccountRenewal.Next(Periods, Utc(2025, 1, 1)));                      // only the open-ended period is left
        var free = new SubscriptionPeriod("F", "A1", null, Utc(2024, 1, 1), Utc(2024, 3, 1), 0m, BillingInterval.Month);
        Assert.Null(AccountRenewal.Next([free], Utc(2024, 2, 1)));
    }

    [Fact]
    public void OpenTickets_CreatedByAndNotResolvedBy()
    {
        var t = new Ticket("T", "A1", Utc(2024, 6, 1), ResolvedAt: Utc(2024, 6, 10));
        Assert.False(AccountSupport.IsOpen(t, Utc(2024, 5, 31)));
        Assert.True(AccountSupport.IsOpen(t, Utc(2024, 6, 1)));
        Assert.True(AccountSupport.IsOpen(t, Utc(2024, 6, 9)));
        Assert.False(AccountSupport.IsOpen(t, Utc(2024, 6, 10)));
        Assert.Equal(2, AccountSupport.OpenTickets([t, t with { ResolvedAt = null }, t with { CreatedAt = Utc(2024, 7, 1), ResolvedAt = null }], Utc(2024, 6, 5)));
    }

    [Fact]
    public void LatestNps_IgnoresOtherSurveysAndTheFuture_TiesByResponseId()
    {
        static SurveyResponse Answer(string id, string survey, int score, DateTime at) => new(id, survey, "A1", null, score, Scale.ZeroToTen, null, at);
        var answers = new[]
        {
            Answer("R1", "nps", 9, Utc(2024, 1, 1)),
            Answer("R3", "nps", 2, Utc(2024, 2, 1)),
            Answer("R2", "nps", 7, Utc(2024, 2, 1)),
            Answer("R4", "csat", 1, Utc(2024, 3, 1)),
            Answer("R5", "nps", 0, Utc(2024, 4, 1)),
        };
        Assert.Null(AccountSupport.LatestNps(answers, Utc(2023, 12, 31)));
        Assert.Equal(9, AccountSupport.LatestNps(answers, Utc(2024, 1, 31))?.Score);
        Assert.Equal("R3", AccountSupport.LatestNps(answers, Utc(2024, 3, 31))?.ResponseId);
        Assert.Equal(0, AccountSupport.LatestNps(answers, Utc(2024, 4, 1))?.Score);
    }

    [Fact]
    public void Usage_CountsEventsAndDistinctNamedUsers()
    {
        UsageDay[] days =
        [
            new("A1", "U1", Utc(2024, 5, 31), 3),
            new("A1", "U1", Utc(2024, 6, 1), 2),
            new("A1", "U2", Utc(2024, 6, 1), 1),
            new("A1", null, Utc(2024, 6, 2), 5),
            new("A1", "U3", Utc(2024, 7, 1), 4),
        ];
        Assert.Equal(new UsageSummary(Utc(2024, 6, 1), Utc(2024, 7, 1), 8, 2), AccountUsage.Over(days, Utc(2024, 6, 1), Utc(2024, 7, 1)));
        var monthly = AccountUsage.Monthly(days, Utc(2024, 5, 1), Utc(2024, 7, 1));
        Assert.Equal([(3L, 1), (8L, 2), (4L, 1)], monthly.Select(m => (m.Events, m.ActiveUsers)));
    }
}
