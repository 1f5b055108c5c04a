using Tenure.Predictive.Churn;

namespace Tenure.Predictive.Tests.Churn;

/// <summary>The logistic_with_logs learner (ADR 0175): log(1 + x) beside the skewed numeric features.</summary>
public sealed class LogisticWithLogsTests(TelcoFixture telco) : IClassFixture<TelcoFixture>
{
    [Fact]
    public void HasLogScale_OnlyNonNegativeFeaturesWithMoreDistinctValuesThanTheBins()
    {
        // 0..10 is 11 distinct values, more than 10: a log slot. 0..9 is 10: none (a small code or a count that barely moves).
        Assert.True(ChurnTrainer.HasLogScale([.. Enumerable.Range(0, 11).Select(i => (float)i)], 10));
        Assert.False(ChurnTrainer.HasLogScale([.. Enumerable.Range(0, 10).Select(i => (float)i)], 10));
        // Missing values are neither counted nor refused: 11 distinct known values plus a NaN still get the slot.
        Assert.True(ChurnTrainer.HasLogScale([.. Enumerable.Range(0, 11).Select(i => (float)i), float.NaN], 10));
        // One negative value (an MRR change, say) and log(1 + x) is not defined for all of it: no slot.
        Assert.False(ChurnTrainer.HasLogScale([.. Enumerable.Range(0, 20).Select(i => (float)i), -1f], 10));
        // A 0/1 flag never gets one.
        Assert.False(ChurnTrainer.HasLogScale([0, 1, 1, 0, 1], 10));
    }

    [Fact]
    public void SavedModel_ScoresTheSameAfterLoading_AndNegativeValuesCountAsZero()
    {
        var small = telco.Table.Subset(Enumerable.Range(0, 800).ToArray());
        var model = ChurnTrainer.Train(small, "customerID", "Churn", new ChurnTrainerOptions { Learner = ChurnLearner.LogisticWithLogs });
        Assert.True(model.CanExplain);
        var path = Path.Combine(TestData.TempDirectory(), "logs.zip");
        model.Save(path);
        var loaded = ChurnModel.Load(path);
        Assert.Equal(ChurnLearner.LogisticWithLogs, loaded.Info.Learner);
        Assert.Equal(3, loaded.Info.Version);
        var scores = model.Score(small);
        Assert.Equal(scores, loaded.Score(small));
        Assert.All(scores, p => Assert.InRange(p, 0f, 1f));
    }

    [Fact]
    public void TrainingCv_IsAbovePlainLogistic_OnTheSameFolds()
    {
        // The choice is made on the 4,930 training rows of the documented split (seed 42), never on the held-out rows.
        var (training, _) = ChurnHoldOutEvaluation.Split(telco.Table.Labels!, 0.3, 42);
        var rows = telco.Table.Subset(training);
        var logs = ChurnEvaluation.CrossValidate(rows, 5, new ChurnTrainerOptions { Learner = ChurnLearner.LogisticWithLogs });
        var plain = ChurnEvaluation.CrossValidate(rows, 5, new ChurnTrainerOptions { Learner = ChurnLearner.Logistic });
        Assert.True(logs.MeanRocAuc > plain.MeanRocAuc, $"CV ROC AUC {logs.MeanRocAuc:F4} vs plain logistic {plain.MeanRocAuc:F4}");
        Assert.True(logs.PooledBrier < plain.PooledBrier, $"Brier {logs.PooledBrier:F4} vs plain logistic {plain.PooledBrier:F4}");
        Assert.True(logs.CalibrationError < 0.03, $"calibration error {logs.CalibrationError:F4}");
    }
}
