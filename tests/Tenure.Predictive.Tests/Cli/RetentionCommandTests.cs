using System.Text.Json;

namespace Tenure.Predictive.Tests.Cli;

public sealed class RetentionCommandTests
{
    [Fact]
    public void Project_Survivors_Json_HasPublishedParameters()
    {
        var run = CliRun.Of("retention", "project", "--survivors", TestData.Survivors, "--fit-periods", "7", "--horizon", "12", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var cohorts = json.RootElement.GetProperty("cohorts").EnumerateArray().ToDictionary(c => c.GetProperty("cohort").GetString()!);
        // Fader & Hardie (2007): regular 0.704 / 1.182, high end 0.668 / 3.806.
        Assert.Equal(0.704, cohorts["regular"].GetProperty("alpha").GetDouble(), 0.0015);
        Assert.Equal(1.182, cohorts["regular"].GetProperty("beta").GetDouble(), 0.0015);
        Assert.Equal(0.668, cohorts["highend"].GetProperty("alpha").GetDouble(), 0.0015);
        Assert.Equal(3.806, cohorts["highend"].GetProperty("beta").GetDouble(), 0.0015);
        Assert.Equal(13, cohorts["regular"].GetProperty("periods").GetArrayLength());
    }

    [Fact]
    public void Project_Survivors_Csv_OneRowPerCohortPeriod()
    {
        var run = CliRun.Of("retention", "project", "--survivors", TestData.Survivors, "--fit-periods", "7", "--horizon", "12", "--format", "csv", "--cohort", "highend");
        Assert.Equal(0, run.ExitCode);
        var lines = run.OutLines;
        Assert.Equal("cohort,size,alpha,beta,period,actual_survivors,projected_survivors,actual_retention,projected_retention,in_fit", lines[0]);
        Assert.Equal(14, lines.Length);
        Assert.StartsWith("highend,1000,", lines[9], StringComparison.Ordinal); // period 8
        Assert.EndsWith(",false", lines[9], StringComparison.Ordinal);
    }

    [Fact]
    public void Project_TenureData_FitsMonthlySignupCohorts()
    {
        var dir = TestData.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "accounts.csv"), "account_id,name,created_at\n" + string.Concat(Enumerable.Range(0, 60).Select(i => $"a{i},A {i},2023-01-01\n")));
        // 60 accounts signing up in January-March 2023, each leaving after (i % 7) + 1 months or staying (every 7th).
        var rows = Enumerable.Range(0, 60).Select(i =>
        {
            var start = new DateTime(2023, 1 + (i % 3), 1 + (i % 20));
            var end = i % 7 == 6 ? "" : start.AddMonths((i % 7) + 1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            return $"s{i},a{i},{start:yyyy-MM-dd},{end},100,month\n";
        });
        File.WriteAllText(Path.Combine(dir, "subscriptions.csv"), "subscription_id,account_id,start_date,end_date,amount,interval\n" + string.Concat(rows));
        var run = CliRun.Of("retention", "project", "--data", dir, "--as-of", "2023-12-01", "--horizon", "12", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("month", json.RootElement.GetProperty("period_unit").GetString());
        var cohorts = json.RootElement.GetProperty("cohorts").EnumerateArray().ToArray();
        Assert.Equal(["2023-01", "2023-02", "2023-03"], cohorts.Select(c => c.GetProperty("cohort").GetString()));
        Assert.All(cohorts, c => Assert.Equal(20, c.GetProperty("size").GetInt32()));
        // January: observed months 1..10 (2023-01 + 11 months <= 2023-12-01); one pooled model for all cohorts.
        Assert.Equal(10, cohorts[0].GetProperty("fit_periods").GetInt32());
        Assert.Equal(cohorts[0].GetProperty("alpha").GetDouble(), cohorts[2].GetProperty("alpha").GetDouble());
        var january = cohorts[0].GetProperty("periods").EnumerateArray().ToArray();
        Assert.Equal(20, january[0].GetProperty("actual_survivors").GetInt32());
        // Of the 20 January accounts, those with (i % 7) + 1 <= 1 month left by month 1: i % 7 == 0.
        var leftAtOne = Enumerable.Range(0, 60).Count(i => i % 3 == 0 && i % 7 == 0);
        Assert.Equal(20 - leftAtOne, january[1].GetProperty("actual_survivors").GetInt32());
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("year,regular\n0,1000\n1,abc\n", "s.csv:3: regular: bad number 'abc'")]
    [InlineData("year\n0\n1\n", "s.csv:1: missing column")]
    public void Project_MalformedSurvivors_ExitsWithBadInput(string content, string expected)
    {
        var path = Path.Combine(TestData.TempDirectory(), "s.csv");
        File.WriteAllText(path, content);
        CliRun.Of("retention", "project", "--survivors", path).AssertBadInput(expected);
    }

    [Fact]
    public void Project_BothOrNeitherSource_ExitsWithBadInput()
    {
        CliRun.Of("retention", "project").AssertBadInput("exactly one of --survivors FILE or --data DIR");
        CliRun.Of("retention", "project", "--survivors", TestData.Survivors, "--data", "/tmp").AssertBadInput("exactly one of");
    }

    [Fact]
    public void Project_TenureDataWithBadSubscriptionDate_ExitsWithBadInput()
    {
        var dir = TestData.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "subscriptions.csv"), "subscription_id,account_id,start_date,end_date,amount,interval\ns1,a1,2023-13-45,,100,month\n");
        var run = CliRun.Of("retention", "project", "--data", dir);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("subscriptions.csv:2: start_date", run.Error, StringComparison.Ordinal);
    }
}
