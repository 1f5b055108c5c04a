using Tenure.Predictive.Churn;

namespace Tenure.Predictive.Tests.Churn;

public sealed class TelcoChurnTests(TelcoFixture telco) : IClassFixture<TelcoFixture>
{
    [Fact]
    public void ReadForTraining_Telco_InfersColumnKindsAndLabels()
    {
        var t = telco.Table;
        // SOURCE.md: 7,043 rows, Churn Yes 1,869; TotalCharges blank in 11 rows (numeric with missing).
        Assert.Equal(7043, t.RowCount);
        Assert.Equal(1869, t.Labels!.Count(l => l));
        var kinds = t.Features.ToDictionary(f => f.Name, f => f.Kind);
        Assert.Equal(FeatureKind.Numeric, kinds["TotalCharges"]);
        Assert.Equal(FeatureKind.Numeric, kinds["tenure"]);
        Assert.Equal(FeatureKind.Numeric, kinds["MonthlyCharges"]);
        Assert.Equal(FeatureKind.Categorical, kinds["Contract"]);
        Assert.Equal(19, t.Features.Count); // 21 columns less id and label
        Assert.Empty(t.IgnoredColumns);
    }

    [Fact]
    public void CrossValidate_Telco5Fold_ReachesPublishedAuc()
    {
        // Published models on this data set (logistic regression and gradient boosting, e.g. the IBM
        // and Kaggle notebooks) reach a cross-validated ROC AUC of about 0.84-0.85. The floor 0.83
        // is one fold-to-fold standard deviation (about 0.01) below that range: a model that merely
        // matches the published ones passes, one that lost a real signal does not.
        var e = telco.Evaluation;
        Assert.Equal(5, e.PerFold.Count);
        Assert.True(e.MeanRocAuc >= 0.83, $"mean ROC AUC {e.MeanRocAuc:F4}");
        Assert.True(e.PooledRocAuc >= 0.83, $"pooled ROC AUC {e.PooledRocAuc:F4}");
        // A useless model scores the base rate 0.265 for PR AUC and about 0.58 for log loss.
        Assert.True(e.MeanPrAuc > 0.55, $"PR AUC {e.MeanPrAuc:F4}");
        Assert.True(e.MeanLogLoss < 0.45, $"log loss {e.MeanLogLoss:F4}");
    }

    [Fact]
    public void CrossValidate_Telco_IsCalibratedByDecile()
    {
        // Calibration: in every decile the mean predicted probability is within 0.08 of the observed
        // churn rate, and the observed rate rises from the lowest to the highest decile.
        var bins = telco.Evaluation.Calibration;
        Assert.Equal(10, bins.Count);
        foreach (var bin in bins)
            Assert.True(Math.Abs(bin.MeanPredicted - bin.ObservedRate) < 0.08, $"decile {bin.Decile}: predicted {bin.MeanPredicted:F3}, observed {bin.ObservedRate:F3}");
        Assert.True(bins[^1].ObservedRate > 0.6 && bins[0].ObservedRate < 0.05);
    }

    [Fact]
    public void TrainSaveLoadScore_RoundTrip_GivesSameProbabilities()
    {
        var small = telco.Table.Subset(Enumerable.Range(0, 1500).ToArray());
        var model = ChurnTrainer.Train(small, "customerID", "Churn", new ChurnTrainerOptions { Trees = 50 });
        var path = Path.Combine(TestData.TempDirectory(), "model.zip");
        model.Save(path);
        var loaded = ChurnModel.Load(path);
        Assert.Equal("customerID", loaded.Info.IdColumn);
        Assert.Equal(model.Info.Features, loaded.Info.Features);
        var original = model.Score(small);
        var again = loaded.Score(small);
        Assert.Equal(original, again);
        Assert.All(again, p => Assert.InRange(p, 0f, 1f));
    }
}
