using static Tenure.Cli.Tests.CliRunner;

namespace Tenure.Cli.Tests;

public class CalcCommandTests
{
    [Theory]
    // The examples of issue #2, from the worked examples of METRICS.md.
    [InlineData("6.4", "churn-rate", "--customers-at-start", "1000", "--churned", "64")]
    [InlineData("3600", "clv", "--average-purchase-value", "50", "--purchases-per-month", "3", "--lifespan-months", "24")]
    [InlineData("80", "csat", "--positive", "40", "--responses", "50")]
    [InlineData("60", "nps", "--promoters", "70", "--passives", "20", "--detractors", "10")]
    [InlineData("2.4", "net-customer-churn-rate", "--customers-at-start", "1000", "--customers-at-end", "976")]
    [InlineData("93.6", "retention-rate", "--customers-at-end", "976", "--new-customers", "40", "--customers-at-start", "1000")]
    public void Calc_PrintsTheValue(string expected, params string[] args)
    {
        var run = RunTenure(["calc", .. args]);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.Out.Trim());
    }

    [Fact]
    public void Calc_ZeroDenominator_PrintsNotAvailable()
    {
        var run = RunTenure("calc", "churn-rate", "--customers-at-start", "0", "--churned", "0");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("n/a", run.Out.Trim());
        Assert.Contains("denominator is 0", run.Error);
    }

    [Fact]
    public void Calc_MissingInput_IsBadInputNamingTheOption()
    {
        var run = RunTenure("calc", "churn-rate", "--customers-at-start", "1000");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--churned", run.Error);
        Assert.DoesNotContain("   at ", run.Error); // no stack trace
    }

    [Fact]
    public void Calc_NotANumber_IsBadInput()
    {
        var run = RunTenure("calc", "churn-rate", "--customers-at-start", "lots", "--churned", "3");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("lots", run.Error);
    }

    [Fact]
    public void Calc_Help_ListsTheInputs()
    {
        var run = RunTenure("calc", "churn-rate", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--customers-at-start", run.Out);
        Assert.Contains("--churned", run.Out);
    }

    [Fact]
    public void Calc_UnknownMetric_IsBadInput()
    {
        var run = RunTenure("calc", "happiness-index-9000", "--x", "1");
        Assert.Equal(2, run.ExitCode);
    }
}
