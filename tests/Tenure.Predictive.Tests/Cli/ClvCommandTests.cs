using System.Globalization;
using System.Text.Json;

namespace Tenure.Predictive.Tests.Cli;

public sealed class ClvCommandTests
{
    private static string[] Args(string verb, string transactions, params string[] more) =>
        ["clv", verb, "--transactions", transactions, "--customer-column", "2", "--date-column", "3", "--amount-column", "5",
         "--date-format", "yyyyMMdd", "--calibration-end", "1997-09-30", .. more];

    [Fact]
    public void Fit_Json_PrintsPublishedParametersAndBothLogLikelihoods()
    {
        var run = CliRun.Of(Args("fit", TestData.CdnowSample, "--format", "json"));
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var bg = json.RootElement.GetProperty("bg_nbd");
        var gg = json.RootElement.GetProperty("gamma_gamma");
        // Fader, Hardie & Lee (2005); Fader & Hardie (2013): see data/cdnow/SOURCE.md.
        Assert.Equal(0.243, bg.GetProperty("r").GetDouble(), 0.0015);
        Assert.Equal(4.414, bg.GetProperty("alpha").GetDouble(), 0.0015);
        Assert.Equal(0.793, bg.GetProperty("a").GetDouble(), 0.0015);
        Assert.Equal(2.426, bg.GetProperty("b").GetDouble(), 0.0015);
        Assert.Equal(-9582.4, bg.GetProperty("log_likelihood").GetDouble(), 0.05);
        Assert.Equal(6.25, gg.GetProperty("p").GetDouble(), 0.006);
        Assert.Equal(3.74, gg.GetProperty("q").GetDouble(), 0.006);
        Assert.Equal(15.44, gg.GetProperty("gamma").GetDouble(), 0.011);
        Assert.True(gg.GetProperty("log_likelihood").GetDouble() < 0);
    }

    [Fact]
    public void Predict_Csv_HasContractHeaderAndOneRowPerCustomer()
    {
        var run = CliRun.Of(Args("predict", TestData.CdnowSample, "--horizon-weeks", "39", "--discount-rate", "0.1", "--format", "csv"));
        Assert.Equal(0, run.ExitCode);
        var lines = run.OutLines;
        Assert.Equal("customer,frequency,recency,T,expected_purchases,probability_alive,expected_average_spend,clv", lines[0]);
        Assert.Equal(2357 + 1, lines.Length);
        var first = lines[1].Split(',');
        Assert.Equal("0001", first[0]);
        Assert.Equal("2", first[1]);
        // Customer 1 of the lifetimes summary: t_x = 30.43, T = 38.86 weeks.
        Assert.Equal(30.43, double.Parse(first[2], CultureInfo.InvariantCulture), 0.005);
        Assert.Equal(38.86, double.Parse(first[3], CultureInfo.InvariantCulture), 0.005);
        var probability = double.Parse(first[5], CultureInfo.InvariantCulture);
        Assert.InRange(probability, 0, 1);
    }

    [Fact]
    public void Predict_Json_ListsCustomers()
    {
        var run = CliRun.Of(Args("predict", TestData.CdnowSample, "--horizon-weeks", "52", "--format", "json"));
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(2357, json.RootElement.GetProperty("customers").GetArrayLength());
    }

    [Theory]
    [InlineData("", "log.txt: the file is empty")]
    [InlineData("1 0001 19970101 2 29.33\n1 0002 19970107\n", "log.txt:2: column 5: missing column")]
    [InlineData("1 0001 19970101 2 29.33\n1 0002 19970107 1 abc\n", "log.txt:2: column 5: bad number 'abc'")]
    [InlineData("1 0001 19970101 2 29.33\n1 0002 1997-01-07 1 12.00\n", "log.txt:2: column 3: bad date '1997-01-07'")]
    [InlineData("1 0001 19970101 2 29.33\n1 0002 19970107 1 -5\n", "log.txt:2: column 5: negative amount")]
    public void Fit_MalformedLog_ExitsWithBadInput(string content, string expected)
    {
        var path = Path.Combine(TestData.TempDirectory(), "log.txt");
        File.WriteAllText(path, content);
        CliRun.Of(Args("fit", path)).AssertBadInput(expected);
    }

    [Fact]
    public void Fit_CsvWithMissingNamedColumn_ExitsWithBadInput()
    {
        var path = Path.Combine(TestData.TempDirectory(), "log.csv");
        File.WriteAllText(path, "customer,date,amount\na,2024-01-01,5\n");
        var run = CliRun.Of("clv", "fit", "--transactions", path, "--customer-column", "customer", "--date-column", "day",
            "--amount-column", "amount", "--calibration-end", "2024-06-30");
        run.AssertBadInput("log.csv:1: day: missing date column");
    }

    [Fact]
    public void Fit_MissingFileOrBadCalibrationEnd_ExitsWithBadInput()
    {
        CliRun.Of(Args("fit", "/no/such/file.txt")).AssertBadInput("does not exist");
        CliRun.Of("clv", "fit", "--transactions", TestData.CdnowSample, "--customer-column", "2", "--date-column", "3", "--amount-column", "5",
            "--date-format", "yyyyMMdd", "--calibration-end", "30/09/1997").AssertBadInput("--calibration-end '30/09/1997' is not a date");
    }
}
