using Tenure.Predictive.Churn;

namespace Tenure.Predictive.Tests.Churn;

/// <summary>Per-feature contributions of the logistic learners (ADR 0095) and the drivers in words.</summary>
public sealed class ChurnDriversTests
{
    private static readonly FeatureColumn[] Columns =
    [
        new("usage_events_30d", FeatureKind.Numeric),
        new("escalated_tickets_90d", FeatureKind.Numeric),
        new("plan", FeatureKind.Categorical),
    ];

    /// <summary>
    /// 400 accounts: usage 0..19 (20 accounts each), escalations 0..3 cycling, every plan "pro". An account churns
    /// when its usage is below 5, and one in ten of the others churns too (so the classes overlap and the weights stay finite).
    /// Mean usage = (0 + 19) / 2 = 9.5; mean escalations = (0 + 1 + 2 + 3) / 4 = 1.5.
    /// </summary>
    private static ChurnTable Training()
    {
        var ids = new List<string>();
        var labels = new List<bool>();
        var rows = new List<object?[]>();
        for (var i = 0; i < 400; i++)
        {
            var usage = i % 20;
            ids.Add("a" + i);
            labels.Add(usage < 5 || i % 10 == 3);
            rows.Add([(double)usage, (double)(i % 4), "pro"]);
        }
        return ChurnTable.FromRows(ids, labels, Columns, rows);
    }

    private static ChurnTable Accounts(params object?[][] rows) =>
        ChurnTable.FromRows([.. rows.Select((_, i) => "s" + i)], null, Columns, rows);

    [Theory]
    [InlineData(ChurnLearner.Logistic)]
    [InlineData(ChurnLearner.BinnedLogistic)]
    [InlineData(ChurnLearner.LogisticWithLogs)]
    public void Explain_ContributionsAddUpToTheLogOddsAgainstTheAverage(ChurnLearner learner)
    {
        var model = ChurnTrainer.Train(Training(), "id", "churned", new ChurnTrainerOptions { Learner = learner });
        Assert.True(model.CanExplain);
        var accounts = Accounts([0.0, 3.0, "pro"], [9.5, 1.5, "pro"], [19.0, 0.0, "pro"], [12.0, 2.0, "basic"]);
        var p = model.Score(accounts);
        var contributions = model.Explain(accounts)!;
        for (var i = 0; i < p.Length; i++)
        {
            // log-odds of the account = log-odds of the average account + the sum of the contributions.
            var logOdds = Math.Log(p[i] / (1 - p[i]));
            Assert.Equal(logOdds, model.AverageLogOdds!.Value + contributions[i].Sum(), 3);
        }
        // Every training account is on plan "pro": its indicator always equals its mean, so it moves nothing.
        Assert.All(contributions.Take(3), c => Assert.Equal(0, c[2], 9));
    }

    [Fact]
    public void Explain_PlainLogistic_AFeatureAtItsMeanContributesNothing()
    {
        // Usage 9.5 and escalations 1.5 are the training means: w x (x - mean) = 0 for both.
        var model = ChurnTrainer.Train(Training(), "id", "churned", new ChurnTrainerOptions { Learner = ChurnLearner.Logistic });
        var c = model.Explain(Accounts([9.5, 1.5, "pro"]))![0];
        Assert.Equal(0, c[0], 6);
        Assert.Equal(0, c[1], 6);
    }

    [Fact]
    public void Drivers_NoUsage_IsTheTopDriverAndRaisesTheRisk()
    {
        var model = ChurnTrainer.Train(Training(), "id", "churned", new ChurnTrainerOptions { Learner = ChurnLearner.Logistic });
        var row = new ChurnFeatureRow("s0", [0.0, 2.0, "pro"], false);
        var table = Accounts([0.0, 2.0, "pro"]);
        var position = Columns.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i);
        var drivers = TenantChurnModel.Drivers(table.Features, model.Explain(table)![0], row, position);
        Assert.Equal("usage_events_30d", drivers[0].Feature);
        Assert.Equal("no usage events in 30 days", drivers[0].Text);
        Assert.Equal("raises", drivers[0].Direction);
        Assert.True(drivers.Count <= TenantChurnModel.DriversPerAccount);
        Assert.Equal(drivers.Select(d => Math.Abs(d.Contribution)).OrderDescending(), drivers.Select(d => Math.Abs(d.Contribution)));
    }

    [Fact]
    public void Explain_FastTree_IsNotAvailable()
    {
        var model = ChurnTrainer.Train(Training(), "id", "churned", new ChurnTrainerOptions { Learner = ChurnLearner.FastTree, Trees = 10, MinimumExamplesPerLeaf = 10 });
        Assert.False(model.CanExplain);
        Assert.Null(model.Explain(Accounts([1.0, 1.0, "pro"])));
    }

    [Theory]
    [InlineData("usage_events_30d", 0.0, "no usage events in 30 days")]
    [InlineData("usage_events_30d", 1.0, "1 usage event in 30 days")]
    [InlineData("escalated_tickets_90d", 2.0, "2 escalated tickets in 90 days")]
    [InlineData("open_tickets", 3.0, "3 open tickets")]
    [InlineData("days_to_renewal", 20.4, "renewal in 20 days")]
    [InlineData("days_since_last_usage", double.NaN, "never used the product")]
    [InlineData("days_since_last_usage", 45.0, "last usage 45 days ago")]
    [InlineData("mrr_change_90d", -200.0, "MRR down 200 in 90 days")]
    [InlineData("mrr_change_30d", 0.0, "MRR unchanged in 30 days")]
    [InlineData("usage_trend", 0.6, "usage down 40 % on the previous 30 days")]
    [InlineData("tenure_days", 30.0, "customer for 30 days")]
    [InlineData("tenure_days", 426.0, "customer for 14 months")] // 426 / 30.44 = 14.0
    [InlineData("last_nps", 3.0, "last NPS answer 3")]
    [InlineData("previous_churns", 1.0, "churned and came back once")]
    [InlineData("satisfaction_180d", 0.25, "CSAT at 25 % of the scale in 180 days")]
    [InlineData("something_else", 1.5, "something_else = 2")]
    public void Text_OfANumber(string feature, double value, string expected) =>
        Assert.Equal(expected, ChurnDriverText.Of(feature, value));

    [Theory]
    [InlineData("plan", "basic", "plan basic")]
    [InlineData("billing_interval", "month", "billed monthly")]
    [InlineData("billing_interval", "term", "on a fixed-term contract")]
    [InlineData("segment", "", "segment (none)")]
    public void Text_OfACategory(string feature, string value, string expected) =>
        Assert.Equal(expected, ChurnDriverText.Of(feature, value));
}
