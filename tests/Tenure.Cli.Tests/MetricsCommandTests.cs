using System.Text.Json;

using static Tenure.Cli.Tests.CliRunner;

namespace Tenure.Cli.Tests;

public class MetricsCommandTests
{
    /// <summary>
    /// 8 customers at the start of May 2024 (a..h, csm ann: a-d, bob: e-h); c, d and e end in May:
    /// churn-rate = 3 / 8 = 37.5 %; ann: 2 / 4 = 50 %, bob: 1 / 4 = 25 %.
    /// </summary>
    private static TempDirectory EightCustomers()
    {
        var dir = new TempDirectory();
        dir.Write("accounts.csv",
            "account_id,name,created_at,csm\n" +
            string.Concat("abcdefgh".Select((c, i) => $"{c},Account {c},2023-01-01,{(i < 4 ? "ann" : "bob")}\n")));
        dir.Write("subscriptions.csv",
            "subscription_id,account_id,plan,start_date,end_date,amount,interval\n" +
            string.Concat("abcdefgh".Select(c => $"s-{c},{c},pro,2024-01-01,{(c is 'c' or 'd' or 'e' ? "2024-05-20" : "")},100,month\n")));
        return dir;
    }

    [Fact]
    public void Json_HasTheContractShape()
    {
        using var dir = EightCustomers();
        var run = RunTenure("metrics", "--data", dir.Path, "--from", "2024-05-01", "--to", "2024-06-01", "--metric", "churn-rate,mrr", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var results = json.RootElement.GetProperty("results");
        Assert.Equal(2, results.GetArrayLength());
        var churn = results[0];
        Assert.Equal("churn-rate", churn.GetProperty("metric").GetString());
        Assert.Equal("2024-05-01", churn.GetProperty("period").GetProperty("start").GetString());
        Assert.Equal("2024-06-01", churn.GetProperty("period").GetProperty("end").GetString());
        Assert.Equal("all", churn.GetProperty("segment").GetString());
        Assert.Equal(37.5m, churn.GetProperty("value").GetDecimal());
        Assert.Equal(3m, churn.GetProperty("numerator").GetDecimal());
        Assert.Equal(8m, churn.GetProperty("denominator").GetDecimal());
        Assert.Equal("%", churn.GetProperty("unit").GetString());
        var mrr = results[1];
        Assert.Equal(500m, mrr.GetProperty("value").GetDecimal()); // 5 customers left x 100
        Assert.False(mrr.TryGetProperty("numerator", out _));       // not a ratio
    }

    [Fact]
    public void Json_BySegment_PrintsAllAndEachSegment()
    {
        using var dir = EightCustomers();
        var run = RunTenure("metrics", "--data", dir.Path, "--from", "2024-05-01", "--to", "2024-06-01", "--metric", "churn-rate", "--by", "csm", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var bySegment = json.RootElement.GetProperty("results").EnumerateArray()
            .ToDictionary(r => r.GetProperty("segment").GetString()!, r => r.GetProperty("value").GetDecimal());
        Assert.Equal(37.5m, bySegment["all"]);
        Assert.Equal(50m, bySegment["csm=ann"]);
        Assert.Equal(25m, bySegment["csm=bob"]);
    }

    [Fact]
    public void Json_MissingInputFile_IsUnavailableAndNull()
    {
        using var dir = EightCustomers();
        var run = RunTenure("metrics", "--data", dir.Path, "--from", "2024-05-01", "--to", "2024-06-01", "--metric", "first-contact-resolution-rate", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var result = json.RootElement.GetProperty("results")[0];
        Assert.Equal(JsonValueKind.Null, result.GetProperty("value").ValueKind);
        Assert.Equal("needs tickets.csv", result.GetProperty("unavailable").GetString());
    }

    [Fact]
    public void Csv_HasAHeaderAndOneRowPerResult()
    {
        using var dir = EightCustomers();
        var run = RunTenure("metrics", "--data", dir.Path, "--from", "2024-04-01", "--to", "2024-06-01", "--metric", "customers", "--format", "csv");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Trim().Split('\n');
        Assert.Equal("metric,period_start,period_end,segment,value,numerator,denominator,median,p90,unit,unavailable", lines[0].TrimEnd('\r'));
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("customers,2024-04-01,2024-05-01,all,8,", lines[1]);
        Assert.StartsWith("customers,2024-05-01,2024-06-01,all,5,", lines[2]);
    }

    [Fact]
    public void Table_ShowsPeriodsAsColumns()
    {
        using var dir = EightCustomers();
        var run = RunTenure("metrics", "--data", dir.Path, "--from", "2024-04-01", "--to", "2024-06-01", "--metric", "churn-rate");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2024-04", run.Out);
        Assert.Contains("2024-05", run.Out);
        Assert.Contains("37.50 %", run.Out);
    }

    [Fact]
    public void BadInput_ReportsFileLineColumn_Exit2_AndPrintsNoMetrics()
    {
        using var dir = EightCustomers();
        dir.Write("subscriptions.csv",
            "subscription_id,account_id,plan,start_date,end_date,amount,interval\n" +
            "s1,a,pro,2024-01-01,,100,month\n" +
            "s2,a,pro,2024-13-01,,100,month\n" +
            "s3,zz,pro,2024-01-01,,-5,month\n");
        var run = RunTenure("metrics", "--data", dir.Path, "--from", "2024-05-01", "--to", "2024-06-01", "--format", "json");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains("subscriptions.csv:3: start_date:", run.Error);
        Assert.Contains("subscriptions.csv:4: amount:", run.Error);
        Assert.Contains("subscriptions.csv:4: account_id:", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Theory]
    [InlineData("--from", "May 1st")]
    [InlineData("--period", "fortnight")]
    [InlineData("--by", "colour")]
    [InlineData("--metric", "no-such-metric")]
    [InlineData("--format", "xml")]
    public void BadOption_IsExit2WithAMessage(string option, string value)
    {
        using var dir = EightCustomers();
        var args = new List<string> { "metrics", "--data", dir.Path, "--from", "2024-05-01", "--to", "2024-06-01" };
        var i = args.IndexOf(option);
        if (i >= 0) args[i + 1] = value;
        else args.AddRange([option, value]);
        var run = RunTenure([.. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(value, run.Error);
    }

    [Fact]
    public void MissingDirectory_IsExit2()
    {
        var run = RunTenure("metrics", "--data", "/nonexistent/tenure", "--from", "2024-05-01", "--to", "2024-06-01");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not a directory", run.Error);
    }

    [Fact]
    public void List_Json_HasEveryMetricWithItsFields()
    {
        var run = RunTenure("metrics", "list", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var metrics = json.RootElement.GetProperty("metrics").EnumerateArray().ToList();
        var churn = metrics.Single(m => m.GetProperty("id").GetString() == "churn-rate");
        Assert.Equal("churned in P / S x 100", churn.GetProperty("formula").GetString());
        Assert.Equal("%", churn.GetProperty("unit").GetString());
        Assert.Equal("subscriptions.csv", churn.GetProperty("inputs")[0].GetString());
        Assert.Equal("HubSpot", churn.GetProperty("source").GetString());
        Assert.Contains(metrics, m => m.GetProperty("id").GetString() == "nps");
        Assert.Contains(metrics, m => m.GetProperty("id").GetString() == "first-contact-resolution-rate");
    }
}
