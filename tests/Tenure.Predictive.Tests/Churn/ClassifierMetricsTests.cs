using Tenure.Predictive.Churn;

namespace Tenure.Predictive.Tests.Churn;

public sealed class ClassifierMetricsTests
{
    [Fact]
    public void RocAuc_PerfectAndReversedAndTied()
    {
        bool[] labels = [false, false, true, true];
        Assert.Equal(1.0, ClassifierMetrics.RocAuc([0.1f, 0.2f, 0.8f, 0.9f], labels));
        Assert.Equal(0.0, ClassifierMetrics.RocAuc([0.9f, 0.8f, 0.2f, 0.1f], labels));
        Assert.Equal(0.5, ClassifierMetrics.RocAuc([0.5f, 0.5f, 0.5f, 0.5f], labels));
        Assert.Null(ClassifierMetrics.RocAuc([0.5f], [true]));
    }

    [Fact]
    public void RocAuc_HandExample()
    {
        // Pairs (positive, negative): scores pos {0.8, 0.4}, neg {0.6, 0.2}: 0.8 beats both, 0.4 beats
        // 0.2 only: 3 of 4 pairs -> 0.75.
        Assert.Equal(0.75, ClassifierMetrics.RocAuc([0.8f, 0.4f, 0.6f, 0.2f], [true, true, false, false]));
    }

    [Fact]
    public void PrAuc_HandExample()
    {
        // Ranked: 0.9 (+), 0.8 (-), 0.7 (+): precision at the positives 1/1 and 2/3 -> AP = (1 + 2/3) / 2.
        Assert.Equal((1 + (2.0 / 3)) / 2, ClassifierMetrics.PrAuc([0.9f, 0.8f, 0.7f], [true, false, true])!.Value, 1e-12);
    }

    [Fact]
    public void LogLoss_HalfEverywhere_IsLnTwo()
    {
        Assert.Equal(Math.Log(2), ClassifierMetrics.LogLoss([0.5f, 0.5f], [true, false])!.Value, 1e-12);
    }

    [Fact]
    public void CalibrationByDecile_TwentyRows_GivesTenBinsOfTwo()
    {
        var scores = Enumerable.Range(0, 20).Select(i => i / 20f).ToArray();
        var labels = Enumerable.Range(0, 20).Select(i => i >= 10).ToArray();
        var bins = ClassifierMetrics.CalibrationByDecile(scores, labels);
        Assert.Equal(10, bins.Count);
        Assert.All(bins, b => Assert.Equal(2, b.Count));
        Assert.Equal(0.0, bins[0].ObservedRate);
        Assert.Equal(1.0, bins[9].ObservedRate);
        Assert.Equal(0.025, bins[0].MeanPredicted, 1e-6);
    }
}
