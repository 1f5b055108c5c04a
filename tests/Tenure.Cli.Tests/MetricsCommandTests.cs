using System.Text.Json;

using Tenure.Metrics.Reporting;
using Tenure.Storage;
using Tenure.Storage.Users;

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

    [Theory]
    [InlineData("--trailing", "0", "error: --trailing '0' must be a whole number of months from 1 to 1200.")]
    [InlineData("--trailing", "abc", "error: --trailing 'abc' must be a whole number of months from 1 to 1200.")]
    [InlineData("--lifespan-months", "abc", "error: --lifespan-months 'abc' must be a number more than 0.")]
    [InlineData("--churn-grace-days", "400", "error: --churn-grace-days '400' must be a whole number of days from 0 to 365.")]
    public void BadNumber_IsTheSharedParsersMessage(string option, string value, string message)
    {
        using var dir = EightCustomers();
        var run = RunTenure("metrics", "--data", dir.Path, "--from", "2024-05-01", "--to", "2024-06-01", option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(message, run.Error.Trim());
        // The same text through the shared parser (the API's parser too) gives the same message.
        var text = new MetricRequestText
        {
            From = "2024-05-01",
            To = "2024-06-01",
            Trailing = option == "--trailing" ? value : null,
            LifespanMonths = option == "--lifespan-months" ? value : null,
            ChurnGraceDays = option == "--churn-grace-days" ? value : null,
        };
        var e = Assert.Throws<MetricRequestException>(() => MetricRequestParser.Parse(text, MetricParameterNames.Cli));
        Assert.Equal(message, "error: " + e.Message);
    }

    [Fact]
    public void RepeatedMetric_IsComputedOnce()
    {
        using var dir = EightCustomers();
        var run = RunTenure("metrics", "--data", dir.Path, "--from", "2024-05-01", "--to", "2024-06-01", "--metric", "mrr,mrr, mrr", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(1, json.RootElement.GetProperty("results").GetArrayLength());
    }

    /// <summary>
    /// The issue's late renewal: 95,604 a year (MRR 95,604 / 12 = 7,967) ends 2026-01-01, renewed on 2026-01-07
    /// at 74,268 a year (MRR 6,189): a 6-day gap.
    /// </summary>
    private static TempDirectory LateRenewal()
    {
        var dir = new TempDirectory();
        dir.Write("accounts.csv", "account_id,name,created_at\nacme,Acme,2024-12-01\n");
        dir.Write("subscriptions.csv",
            "subscription_id,account_id,plan,start_date,end_date,amount,interval\n" +
            "y1,acme,pro,2025-01-01,2026-01-01,95604,year\n" +
            "y2,acme,pro,2026-01-07,2027-01-07,74268,year\n");
        return dir;
    }

    private static Dictionary<string, decimal> January(params string[] source)
    {
        var run = RunTenure(["metrics", .. source, "--from", "2026-01-01", "--to", "2026-02-01", "--metric", "churned-mrr,reactivation-mrr,contraction-mrr,customers", "--format", "json"]);
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        return json.RootElement.GetProperty("results").EnumerateArray()
            .ToDictionary(r => r.GetProperty("metric").GetString()!, r => r.GetProperty("value").GetDecimal());
    }

    [Fact]
    public void ChurnGraceDays_TurnsALateRenewalIntoAContraction()
    {
        using var dir = LateRenewal();
        var none = January("--data", dir.Path);
        Assert.Equal((7_967m, 6_189m, 0m), (none["churned-mrr"], none["reactivation-mrr"], none["contraction-mrr"]));
        var grace = January("--data", dir.Path, "--churn-grace-days", "7");
        // 7,967 - 6,189 = 1,778; no churn, no reactivation, still 1 customer.
        Assert.Equal((0m, 0m, 1_778m, 1m), (grace["churned-mrr"], grace["reactivation-mrr"], grace["contraction-mrr"], grace["customers"]));
    }

    [Fact]
    public async Task ChurnGraceDays_WithDb_DefaultsToTheWorkspaceSetting()
    {
        using var dir = LateRenewal();
        var db = Path.Combine(dir.Path, "t.db");
        Assert.Equal(0, RunTenure("import", dir.Path, "--db", db).ExitCode);
        Assert.Equal(7_967m, January("--db", db)["churned-mrr"]); // no setting: no grace

        await using (var database = TenureDatabase.Open(DatabaseLocation.Parse(db)))
            await TenantSettings.SetAsync(database, "default", TenantSettings.ChurnGraceDays, "7", TestContext.Current.CancellationToken);

        var stored = January("--db", db);
        Assert.Equal((0m, 1_778m), (stored["churned-mrr"], stored["contraction-mrr"]));
        // The option wins over the setting.
        Assert.Equal(7_967m, January("--db", db, "--churn-grace-days", "0")["churned-mrr"]);
    }
}
