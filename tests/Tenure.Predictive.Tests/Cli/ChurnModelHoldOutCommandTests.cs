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
