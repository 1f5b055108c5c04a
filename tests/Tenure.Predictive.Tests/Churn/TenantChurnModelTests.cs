using Tenure.Metrics.Inputs;
using Tenure.Predictive.Churn;

namespace Tenure.Predictive.Tests.Churn;

/// <summary>Churn risk trained on a tenant's own history: the too-short rule with its numbers, and scoring every customer.</summary>
public sealed class TenantChurnModelTests
{
    private static DateTime Utc(int y, int m, int d) => new(y, m, d, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>30 accounts paying monthly from 2023-01-01; the first <paramref name="churned"/> cancel, two months apart from 2023-06-01.</summary>
    private static TenureDataSet SmallBook(int churned)
    {
        var subscriptions = Enumerable.Range(0, 30).Select(i => new SubscriptionPeriod(
            $"s{i}", $"a{i}", "basic", Utc(2023, 1, 1), i < churned ? Utc(2023, 6, 1).AddMonths(2 * i) : null, 100m, BillingInterval.Month)).ToList();
        return new TenureDataSet
        {
            Accounts = [.. Enumerable.Range(0, 30).Select(i => new Account($"a{i}", $"Account {i}", Utc(2023, 1, 1)))],
            Subscriptions = subscriptions,
            Present = InputKind.Accounts | InputKind.Subscriptions,
        };
    }

    [Fact]
    public void Score_FourChurnedAccounts_IsTooShortWithTheNumbers()
    {
        // History 2023-01-01 .. 2024-03-01 = 14 months. Training snapshots every 30 days back from 2024-03-01 - 90 d =
        // 2023-12-02; the four cancellations (2023-06-01, 08-01, 10-01, 12-01) each fall within 90 days of one of them.
        var risk = TenantChurnModel.Score(SmallBook(4), Utc(2024, 3, 1));
        Assert.False(risk.Scored);
        Assert.Equal("only 4 churned accounts in 14 months of history; at least 20 needed", risk.TooShort);
        Assert.Equal(4, risk.ChurnedAccounts);
        Assert.Equal(14, risk.HistoryMonths);
        Assert.Empty(risk.Accounts);
        Assert.Empty(risk.Probabilities());
        Assert.Null(risk.For("a10"));
    }

    [Fact]
    public void Score_TooFewSnapshots_SaysSo()
    {
        // As of 2023-05-01 the latest finished window starts 2023-01-31; 2023-01-01 has customers too (they start
        // that instant), 2022-12-02 has none: 2 snapshots in 4 months of history.
        var risk = TenantChurnModel.Score(SmallBook(0), Utc(2023, 5, 1));
        Assert.Equal("only 2 monthly snapshots with a finished 90-day window in 4 months of history; at least 3 needed", risk.TooShort);
        Assert.Equal(2, risk.Snapshots);
    }

    [Fact]
    public void Score_AThresholdOfOwnChoosing_IsTheRule()
    {
        var risk = TenantChurnModel.Score(SmallBook(4), Utc(2024, 3, 1), new ChurnHistoryRule { MinimumChurnedAccounts = 4, MinimumRetainedAccounts = 26 });
        Assert.True(risk.Scored, risk.TooShort);
        // Accounts 4..29 are customers at 2024-03-01 (the first four cancelled before).
        Assert.Equal(26, risk.Accounts.Count);
    }

    /// <summary>
    /// 240 accounts paying monthly from 2022 with three users each. Three in four use the product every third day
    /// until 2024-06-01 and never cancel; every fourth "fades": its users stop 120 days before it cancels, on
    /// 2023-03-01 + (i mod 20) x 30 days, some of which are after 2024-06-01.
    /// </summary>
    private static (TenureDataSet Data, HashSet<string> Fading) FadingBook()
    {
        var asOf = Utc(2024, 6, 1);
        var subscriptions = new List<SubscriptionPeriod>();
        var usage = new List<UsageDay>();
        var fading = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 240; i++)
        {
            var id = $"a{i:D3}";
            var start = Utc(2022, 1, 1).AddMonths(i % 12);
            DateTime? end = i % 4 == 0 ? Utc(2023, 3, 1).AddDays(30 * (i % 20)) : null;
            if (end is not null) fading.Add(id);
            subscriptions.Add(new SubscriptionPeriod($"s{i}", id, "pro", start, end, 100m + (i % 5 * 20), BillingInterval.Month));
            var lastUse = end is { } e ? e.AddDays(-120) : asOf;
            for (var day = start; day < lastUse && day < asOf; day = day.AddDays(3))
                usage.Add(new UsageDay(id, $"{id}-u{day.Day % 3}", day, 5 + (i % 7)));
        }
        var data = new TenureDataSet
        {
            Accounts = [.. Enumerable.Range(0, 240).Select(i => new Account($"a{i:D3}", $"Account {i}", Utc(2022, 1, 1)))],
            Subscriptions = subscriptions,
            Usage = usage,
            Present = InputKind.Accounts | InputKind.Subscriptions | InputKind.Usage,
        };
        return (data, fading);
    }

    [Fact]
    public void Score_EnoughHistory_ScoresEveryCustomerWithThreeDrivers()
    {
        var (data, fading) = FadingBook();
        var asOf = Utc(2024, 6, 1);
        var risk = TenantChurnModel.Score(data, asOf);
        Assert.True(risk.Scored, risk.TooShort);
        Assert.True(risk.ChurnedAccounts >= 20, $"{risk.ChurnedAccounts} churned");
        // Customers at the as-of: every account without an end, and the fading ones whose end is later.
        var customers = data.Subscriptions.Where(s => s.End is null || s.End > asOf).Select(s => s.AccountId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(customers, risk.Accounts.Select(a => a.AccountId).Order(StringComparer.Ordinal));
        Assert.All(risk.Accounts, a =>
        {
            Assert.InRange(a.Probability, 0, 1);
            Assert.Equal(TenantChurnModel.DriversPerAccount, a.Drivers.Count);
        });
        // The model learnt the fading: today's fading customers (no usage for up to 120 days) rank above the rest.
        var fadingNow = risk.Accounts.Where(a => fading.Contains(a.AccountId)).ToList();
        var engaged = risk.Accounts.Where(a => !fading.Contains(a.AccountId)).ToList();
        Assert.NotEmpty(fadingNow);
        Assert.True(fadingNow.Min(a => a.Probability) > engaged.Max(a => a.Probability),
            $"fading min {fadingNow.Min(a => a.Probability):F3}, engaged max {engaged.Max(a => a.Probability):F3}");
        // Deterministic: the same data and instant give the same probabilities.
        Assert.Equal(risk.Accounts.Select(a => a.Probability), TenantChurnModel.Score(data, asOf).Accounts.Select(a => a.Probability));
    }

    /// <summary>
    /// A model trained once (the server trains once a day) scores later data at the same instant: the same figures as
    /// training and scoring in one go, and a customer added since (a240, who started on 1 May) is scored by it too,
    /// while what the model was trained on (its rows and churned accounts) stays that of the training data.
    /// </summary>
    [Fact]
    public void Train_ThenScore_EqualsScore_AndScoresDataAddedSince()
    {
        var (data, _) = FadingBook();
        var asOf = Utc(2024, 6, 1);
        var trained = TenantChurnModel.Train(data, asOf);
        Assert.NotNull(trained.Model);

        var once = TenantChurnModel.Score(data, asOf);
        var later = TenantChurnModel.Score(trained, data);
        Assert.Equal(once.Accounts.Select(a => (a.AccountId, a.Probability)), later.Accounts.Select(a => (a.AccountId, a.Probability)));
        Assert.Equal(once.TrainingRows, later.TrainingRows);

        var grown = data with
        {
            Accounts = [.. data.Accounts, new Account("a240", "Account 240", Utc(2024, 5, 1))],
            Subscriptions = [.. data.Subscriptions, new SubscriptionPeriod("s240", "a240", "pro", Utc(2024, 5, 1), null, 100m, BillingInterval.Month)],
        };
        var withNew = TenantChurnModel.Score(trained, grown);
        Assert.Equal(once.Accounts.Count + 1, withNew.Accounts.Count);
        Assert.InRange(Assert.Single(withNew.Accounts, a => a.AccountId == "a240").Probability, 0, 1);
        Assert.Equal(trained.TrainingRows, withNew.TrainingRows);
        Assert.Equal(trained.ChurnedAccounts, withNew.ChurnedAccounts);
    }
}
