using System.Globalization;
using System.Text.Json;

namespace Tenure.Predictive.Tests.Cli;

public sealed class ChurnModelCommandTests
{
    /// <summary>The first <paramref name="rows"/> Telco rows as a CSV of their own.</summary>
    private static string TelcoHead(int rows)
    {
        var path = Path.Combine(TestData.TempDirectory(), "telco.csv");
        File.WriteAllLines(path, File.ReadLines(TestData.TelcoChurn).Take(rows + 1));
        return path;
    }

    [Fact]
    public void TrainThenScore_Csv_PrintsIdProbabilityForEveryRow()
    {
        var data = TelcoHead(1200);
        var model = Path.Combine(TestData.TempDirectory(), "model.zip");
        var train = CliRun.Of("churn-model", "train", "--data", data, "--label", "Churn", "--id", "customerID", "--out", model, "--exclude", "gender");
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.True(File.Exists(model));
        Assert.DoesNotContain("gender", train.Out.Split('\n').Single(l => l.StartsWith("Categorical", StringComparison.Ordinal)), StringComparison.Ordinal);

        var score = CliRun.Of("churn-model", "score", "--model", model, "--data", data, "--format", "csv");
        Assert.True(score.ExitCode == 0, score.Error);
        var lines = score.OutLines;
        Assert.Equal("id,probability", lines[0]);
        Assert.Equal(1201, lines.Length);
        Assert.StartsWith("7590-VHVEG,", lines[1], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.InRange(double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture), 0, 1));
    }

    [Fact]
    public void Evaluate_Json_ReportsMetricsAndTenDeciles()
    {
        var run = CliRun.Of("churn-model", "evaluate", "--data", TelcoHead(1500), "--label", "Churn", "--id", "customerID", "--folds", "3", "--learner", "logistic", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("per_fold").GetArrayLength());
        Assert.Equal(10, root.GetProperty("calibration").GetArrayLength());
        Assert.InRange(root.GetProperty("roc_auc").GetDouble(), 0.75, 1.0);
        Assert.True(root.GetProperty("log_loss").GetDouble() > 0);
    }

    [Fact]
    public void Train_MissingLabelColumn_ExitsWithBadInput()
    {
        var model = Path.Combine(TestData.TempDirectory(), "m.zip");
        CliRun.Of("churn-model", "train", "--data", TelcoHead(50), "--label", "Churned", "--id", "customerID", "--out", model)
            .AssertBadInput("telco.csv:1: Churned: missing label column");
        Assert.False(File.Exists(model));
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("id,plan,churned\n", "the file holds a header but no rows")]
    [InlineData("id,plan,churned\na,basic,yes\nb,pro,maybe\n", "t.csv:3: churned: bad label 'maybe'")]
    [InlineData("id,plan,churned\na,basic,yes\n,pro,no\n", "t.csv:3: id: the id is blank")]
    public void Train_MalformedTable_ExitsWithBadInput(string content, string expected)
    {
        var path = Path.Combine(TestData.TempDirectory(), "t.csv");
        File.WriteAllText(path, content);
        CliRun.Of("churn-model", "train", "--data", path, "--label", "churned", "--id", "id", "--out", Path.Combine(TestData.TempDirectory(), "m.zip"))
            .AssertBadInput(expected);
    }

    [Fact]
    public void Train_TextInNumericColumn_IsAMissingValueNotAnError()
    {
        var path = Path.Combine(TestData.TempDirectory(), "t.csv");
        var rows = Enumerable.Range(0, 40).Select(i => $"a{i},{(i == 3 ? "n/a" : (i * 1.5).ToString(CultureInfo.InvariantCulture))},{(i % 2 == 0 ? "basic" : "pro")},{(i % 3 == 0 ? "1" : "0")}");
        File.WriteAllText(path, "id,usage,plan,churned\n" + string.Join('\n', rows) + "\n");
        var model = Path.Combine(TestData.TempDirectory(), "m.zip");
        var run = CliRun.Of("churn-model", "train", "--data", path, "--label", "churned", "--id", "id", "--out", model);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Numeric features: usage", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_DataWithoutAModelColumn_ExitsWithBadInput()
    {
        var data = TelcoHead(300);
        var model = Path.Combine(TestData.TempDirectory(), "model.zip");
        Assert.Equal(0, CliRun.Of("churn-model", "train", "--data", data, "--label", "Churn", "--id", "customerID", "--out", model).ExitCode);
        var without = Path.Combine(TestData.TempDirectory(), "no-contract.csv");
        File.WriteAllLines(without, File.ReadLines(data).Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 15))));
        CliRun.Of("churn-model", "score", "--model", model, "--data", without, "--format", "csv")
            .AssertBadInput("no-contract.csv:1: Contract: missing column");
    }

    [Fact]
    public void Score_NotAModelFile_ExitsWithBadInput()
    {
        var fake = Path.Combine(TestData.TempDirectory(), "fake.zip");
        File.WriteAllText(fake, "not a zip");
        CliRun.Of("churn-model", "score", "--model", fake, "--data", TelcoHead(5)).AssertBadInput("fake.zip: not a churn model file");
    }

    [Fact]
    public void Features_TenureData_WritesTableWithLabel()
    {
        var dir = TestData.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "accounts.csv"), "account_id,name,created_at,segment\na1,A,2024-01-01,smb\na2,B,2024-01-01,mid\n");
        File.WriteAllText(Path.Combine(dir, "subscriptions.csv"),
            "subscription_id,account_id,start_date,end_date,amount,interval\ns1,a1,2024-01-01,2024-07-01,100,month\ns2,a2,2024-02-01,,50,month\n");
        var run = CliRun.Of("churn-model", "features", "--data", dir, "--snapshot", "2024-06-01");
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.OutLines;
        Assert.StartsWith("account_id,plan,", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(",churned_within_90d", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.EndsWith(",yes", lines[1], StringComparison.Ordinal); // a1 ends 2024-07-01
        Assert.EndsWith(",no", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LogisticLog_IsNamedInTheJson_AndAnUnknownLearnerListsIt()
    {
        var run = CliRun.Of("churn-model", "evaluate", "--data", TelcoHead(1500), "--label", "Churn", "--id", "customerID", "--folds", "3", "--learner", "logistic-log", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("logistic_with_logs", json.RootElement.GetProperty("learner").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("per_fold").GetArrayLength());
        Assert.InRange(json.RootElement.GetProperty("pooled").GetProperty("brier").GetDouble(), 0, 0.25);

        var bad = CliRun.Of("churn-model", "evaluate", "--data", TelcoHead(200), "--label", "Churn", "--id", "customerID", "--learner", "gam");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("--learner 'gam' is not one of binned-logistic, logistic, logistic-log, fasttree", bad.Error, StringComparison.Ordinal);
    }
}
