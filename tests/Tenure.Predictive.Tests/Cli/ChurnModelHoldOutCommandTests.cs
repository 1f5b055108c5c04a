using System.Text.Json;

namespace Tenure.Predictive.Tests.Cli;

/// <summary>`tenure churn-model evaluate --holdout`: the held-out split beside plain logistic regression, with Brier and calibration.</summary>
public sealed class ChurnModelHoldOutCommandTests
{
    [Fact]
    public void Evaluate_HoldOut_Json_ReportsTheSplitTheBaselineAndCalibration()
    {
        var run = CliRun.Of("churn-model", "evaluate", "--data", TestData.TelcoChurn, "--label", "Churn", "--id", "customerID", "--holdout", "0.3", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal("binned_logistic", root.GetProperty("learner").GetString());
        var holdout = root.GetProperty("holdout");
        // 7,043 rows: 561 churned + 1,552 retained held out (Telco hold-out tests), seed 42 by default.
        Assert.Equal((0.3, 42, 4930, 2113, 561), (holdout.GetProperty("share").GetDouble(), holdout.GetProperty("seed").GetInt32(),
            holdout.GetProperty("training_rows").GetInt32(), holdout.GetProperty("rows").GetInt32(), holdout.GetProperty("churned").GetInt32()));
        Assert.Equal("logistic", root.GetProperty("baseline").GetProperty("learner").GetString());
        Assert.True(root.GetProperty("roc_auc").GetDouble() > root.GetProperty("baseline").GetProperty("roc_auc").GetDouble());
        Assert.InRange(root.GetProperty("brier").GetDouble(), 0, 0.195);
        Assert.Equal(10, root.GetProperty("calibration").GetArrayLength());
        Assert.True(root.GetProperty("calibration_error").GetDouble() >= 0);
    }

    [Fact]
    public void Evaluate_HoldOut_Repeats_ReportsTheTrainingCvAndTheMeanOverSeededSplits()
    {
        var run = CliRun.Of("churn-model", "evaluate", "--data", TestData.TelcoChurn, "--label", "Churn", "--id", "customerID", "--holdout", "0.3", "--repeats", "3", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        // The choices are made on the training rows: 5-fold CV of the 4,930 training rows, seed 42.
        var cv = root.GetProperty("training_cv");
        Assert.Equal((5, 42), (cv.GetProperty("folds").GetInt32(), cv.GetProperty("seed").GetInt32()));
        Assert.InRange(cv.GetProperty("roc_auc").GetDouble(), 0.8, 0.9);
        Assert.InRange(cv.GetProperty("baseline_roc_auc").GetDouble(), 0.8, 0.9);
        Assert.InRange(cv.GetProperty("brier").GetDouble(), 0, 0.195); // below the base rate's 0.2655 x 0.7345
        var repeats = root.GetProperty("repeats");
        Assert.Equal([42, 43, 44], repeats.GetProperty("seeds").EnumerateArray().Select(s => s.GetInt32()));
        var splits = repeats.GetProperty("splits").EnumerateArray().ToList();
        Assert.Equal(3, splits.Count);
        // The first split is the held-out split above; the means are over the three splits.
        Assert.Equal(root.GetProperty("roc_auc").GetDouble(), splits[0].GetProperty("roc_auc").GetDouble(), 12);
        Assert.Equal(root.GetProperty("baseline").GetProperty("roc_auc").GetDouble(), splits[0].GetProperty("baseline_roc_auc").GetDouble(), 12);
        Assert.Equal(splits.Average(s => s.GetProperty("roc_auc").GetDouble()), repeats.GetProperty("roc_auc").GetDouble(), 12);
        Assert.Equal(splits.Average(s => s.GetProperty("baseline_roc_auc").GetDouble()), repeats.GetProperty("baseline_roc_auc").GetDouble(), 12);
        Assert.Equal(splits.Count(s => s.GetProperty("roc_auc").GetDouble() > s.GetProperty("baseline_roc_auc").GetDouble()), repeats.GetProperty("wins").GetInt32());
        // Different seeds hold out different rows: the splits' figures are not all the same.
        Assert.True(splits.Select(s => s.GetProperty("baseline_roc_auc").GetDouble()).Distinct().Count() > 1);
    }

    [Theory]
    [InlineData(new[] { "--repeats", "3" }, "--repeats goes with --holdout")]
    [InlineData(new[] { "--holdout", "0.3", "--repeats", "1" }, "--repeats must be 2 or more")]
    public void Evaluate_Repeats_Misused_IsAClearError(string[] options, string message)
    {
        var run = CliRun.Of(["churn-model", "evaluate", "--data", TestData.TelcoChurn, "--label", "Churn", "--id", "customerID", .. options]);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.5", "--holdout must be a share between 0 and 1")]
    [InlineData("0", "--holdout must be a share between 0 and 1")]
    public void Evaluate_HoldOut_BadShare_IsAClearError(string share, string message)
    {
        var run = CliRun.Of("churn-model", "evaluate", "--data", TestData.TelcoChurn, "--label", "Churn", "--id", "customerID", "--holdout", share);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_FoldsAndHoldOut_AreExclusive()
    {
        var run = CliRun.Of("churn-model", "evaluate", "--data", TestData.TelcoChurn, "--label", "Churn", "--id", "customerID", "--holdout", "0.3", "--folds", "5");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("give --folds or --holdout, not both", run.Error, StringComparison.Ordinal);
    }
}
