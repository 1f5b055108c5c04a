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

    [Theory]
    // The example: 50 churned of 10 at the start, with no new customers to have churned, is impossible.
    [InlineData("--churned (50) cannot be more than --customers-at-start + --new-customers (10)", "churn-rate", "--customers-at-start", "10", "--churned", "50")]
    [InlineData("--churned (50) cannot be more than --customers-at-start + --new-customers (40)", "churn-rate", "--customers-at-start", "10", "--churned", "50", "--new-customers", "30")]
    [InlineData("--customers-at-start cannot be negative (was -5)", "churn-rate", "--customers-at-start", "-5", "--churned", "1")]
    [InlineData("--churned is a count: it must be a whole number (was 2.5)", "churn-rate", "--customers-at-start", "10", "--churned", "2.5")]
    [InlineData("--detractors cannot be negative (was -1)", "nps", "--promoters", "5", "--passives", "0", "--detractors", "-1")]
    [InlineData("--renewed (12) cannot be more than --up-for-renewal (10)", "renewal-rate", "--renewed", "12", "--up-for-renewal", "10")]
    [InlineData("--positive (51) cannot be more than --responses (50)", "csat", "--positive", "51", "--responses", "50")]
    [InlineData("--resolved-first-contact (9) cannot be more than --tickets (8)", "first-contact-resolution-rate", "--resolved-first-contact", "9", "--tickets", "8")]
    [InlineData("--dau (101) cannot be more than --mau (100)", "stickiness", "--dau", "101", "--mau", "100")]
    [InlineData("--mrr cannot be negative (was -1)", "arr", "--mrr", "-1")]
    public void Calc_ImpossibleInput_IsBadInputNamingTheRule(string message, params string[] args)
    {
        var run = RunTenure(["calc", .. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: " + message, run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Theory]
    // Churned above S is possible when customers joined and left in the period (METRICS.md): 12 of 10 with 5 new is 120 %.
    [InlineData("120", "churn-rate", "--customers-at-start", "10", "--churned", "12", "--new-customers", "5")]
    // At the bounds: all 10 churned is 100 %; renewed = up for renewal is 100 %.
    [InlineData("100", "churn-rate", "--customers-at-start", "10", "--churned", "10")]
    [InlineData("100", "renewal-rate", "--renewed", "10", "--up-for-renewal", "10")]
    // Revenue net of refunds may be negative: 10 / -20 x 100 = -50.
    [InlineData("-50", "expansion-revenue-share", "--expansion-revenue", "10", "--revenue", "-20")]
    public void Calc_PossibleInputAtOrPastTheUsualBounds_PrintsTheValue(string expected, params string[] args)
    {
        var run = RunTenure(["calc", .. args]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(expected, run.Out.Trim());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1,000")]
    [InlineData("")]
    public void Calc_NotANumber_NamesTheOptionAndNoTypeName(string value)
    {
        var run = RunTenure("calc", "churn-rate", "--customers-at-start", "10", "--churned", value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: --churned '{value}' is not a number (expected a whole number >= 0, at most --customers-at-start + --new-customers", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Calc_Help_ShowsEachInputsRule()
    {
        var run = RunTenure("calc", "churn-rate", "--help");

        Assert.Contains("a whole number >= 0, at most --customers-at-start + --new-customers", run.Out, StringComparison.Ordinal);
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
