using System.Text;
using System.Text.Json;

using static Tenure.Cli.Tests.CliRunner;

namespace Tenure.Cli.Tests;

/// <summary>`tenure churn-risk --db`: the JSON shape, the too-short answer with its numbers, CSV and bad input.</summary>
public class ChurnRiskCommandTests
{
    /// <summary>
    /// A pays from 2024-01-01 to 2024-09-29, B from 2023-01-01 without end, C from 2023-01-01 to 2024-05-01.
    /// As of 2024-06-01: history 2023-01-01 .. 2024-06-01 = 17 months; training snapshots every 30 days back from
    /// 2024-06-01 - 90 d = 2024-03-03 to 2023-01-08 (15 of them; 2022-12-09 has no customer); only C churns
    /// within 90 days of one (2024-03-03 + 90 d = 2024-06-01 &gt; 2024-05-01).
    /// </summary>
    private static string SmallDatabase(TempDirectory dir)
    {
        dir.Write("accounts.csv", "account_id,name,created_at,csm\nA,Acme,2020-01-01,ann\nB,Beta,2020-01-01,bob\nC,Gone,2020-01-01,ann\n");
        dir.Write("subscriptions.csv",
            "subscription_id,account_id,start_date,end_date,amount,interval\n" +
            "s1,A,2024-01-01,2024-09-29,100,month\ns3,B,2023-01-01,,50,month\ns4,C,2023-01-01,2024-05-01,80,month\n");
        var db = Path.Combine(dir.Path, "t.db");
        var import = RunTenure("import", dir.Path, "--db", db);
        Assert.True(import.ExitCode == 0, import.Error);
        return db;
    }

    /// <summary>
    /// 120 accounts paying monthly from 2023-01-01: the 40 on plan basic (i mod 3 = 0) cancel in 2023, one every
    /// 7 days from 2023-03-01; the 80 others (pro) stay. As of 2024-06-01 the 80 are the customers.
    /// </summary>
    private static string BookDatabase(TempDirectory dir)
    {
        var accounts = new StringBuilder("account_id,name,created_at,plan\n");
        var subscriptions = new StringBuilder("subscription_id,account_id,plan,start_date,end_date,amount,interval\n");
        for (var i = 0; i < 120; i++)
        {
            var churner = i % 3 == 0;
            var plan = churner ? "basic" : "pro";
            accounts.Append($"a{i:D3},Account {i},2023-01-01,{plan}\n");
            var end = churner ? new DateTime(2023, 3, 1).AddDays(7 * (i / 3)).ToString("yyyy-MM-dd") : "";
            subscriptions.Append($"s{i},a{i:D3},{plan},2023-01-01,{end},{(churner ? 30 : 90)},month\n");
        }
        dir.Write("accounts.csv", accounts.ToString());
        dir.Write("subscriptions.csv", subscriptions.ToString());
        var db = Path.Combine(dir.Path, "book.db");
        var import = RunTenure("import", dir.Path, "--db", db);
        Assert.True(import.ExitCode == 0, import.Error);
        return db;
    }

    [Fact]
    public void Json_TooShort_SaysWhyWithTheNumbers()
    {
        using var dir = new TempDirectory();
        var run = RunTenure("churn-risk", "--db", SmallDatabase(dir), "--at", "2024-06-01", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.Equal(["at", "horizon_days", "scored", "too_short", "history", "accounts"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2024-06-01", root.GetProperty("at").GetString());
        Assert.Equal(90, root.GetProperty("horizon_days").GetInt32());
        Assert.False(root.GetProperty("scored").GetBoolean());
        Assert.Equal("only 1 churned account in 17 months of history; at least 20 needed", root.GetProperty("too_short").GetString());
        var history = root.GetProperty("history");
        Assert.Equal((17, 15, 1), (history.GetProperty("months").GetInt32(), history.GetProperty("snapshots").GetInt32(), history.GetProperty("churned_accounts").GetInt32()));
        Assert.Equal(0, root.GetProperty("accounts").GetArrayLength());
    }

    [Fact]
    public void Table_TooShort_PrintsTheReason()
    {
        using var dir = new TempDirectory();
        var run = RunTenure("churn-risk", "--db", SmallDatabase(dir), "--at", "2024-06-01");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("No churn probabilities on 2024-06-01: only 1 churned account in 17 months of history; at least 20 needed.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_Scored_ListsEveryCustomerWithThreeDrivers()
    {
        using var dir = new TempDirectory();
        var db = BookDatabase(dir);
        var run = RunTenure("churn-risk", "--db", db, "--at", "2024-06-01", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("scored").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("too_short").ValueKind);
        var accounts = root.GetProperty("accounts").EnumerateArray().ToList();
        Assert.Equal(80, accounts.Count);
        Assert.All(accounts, a =>
        {
            Assert.Equal(["account_id", "name", "probability", "drivers"], a.EnumerateObject().Select(p => p.Name));
            Assert.InRange(a.GetProperty("probability").GetDouble(), 0, 1);
            var drivers = a.GetProperty("drivers").EnumerateArray().ToList();
            Assert.Equal(3, drivers.Count);
            Assert.All(drivers, d =>
            {
                Assert.Equal(["feature", "text", "direction", "contribution"], d.EnumerateObject().Select(p => p.Name));
                Assert.Contains(d.GetProperty("direction").GetString(), new[] { "raises", "lowers" });
                Assert.Equal(d.GetProperty("direction").GetString() == "raises", d.GetProperty("contribution").GetDouble() > 0);
            });
        });
        var probabilities = accounts.Select(a => a.GetProperty("probability").GetDouble()).ToList();
        Assert.Equal(probabilities.OrderDescending(), probabilities);

        var one = RunTenure("churn-risk", "--db", db, "--at", "2024-06-01", "--account", "a001", "--format", "csv");
        Assert.True(one.ExitCode == 0, one.Error);
        var lines = one.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("at,account_id,name,probability,driver_1,driver_1_direction,driver_2,driver_2_direction,driver_3,driver_3_direction", lines[0].TrimEnd('\r'));
        Assert.StartsWith("2024-06-01,a001,Account 1,", lines[1], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public void Health_WithChurnRiskConfigured_ListsItAsMissingWhenTooShort()
    {
        using var dir = new TempDirectory();
        var db = SmallDatabase(dir);
        var config = dir.Write("health.json", """{"factors": {"churn-risk": {"weight": 0}}}""");
        var run = RunTenure("health", "--db", db, "--at", "2024-06-01", "--config", config, "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("churn-risk is missing for every account: only 1 churned account in 17 months of history; at least 20 needed.", run.Error, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(run.Out);
        foreach (var account in doc.RootElement.GetProperty("accounts").EnumerateArray())
        {
            var factors = account.GetProperty("factors").EnumerateArray().ToList();
            Assert.Equal(["usage", "sentiment", "support", "revenue-trend", "engagement", "renewal", "churn-risk"], factors.Select(f => f.GetProperty("factor").GetString()));
            Assert.True(factors[6].GetProperty("missing").GetBoolean());
            Assert.Equal(0, factors[6].GetProperty("weight").GetInt32());
        }
        // Without the configuration the six contract factors, unchanged.
        var plain = RunTenure("health", "--db", db, "--at", "2024-06-01", "--format", "json");
        Assert.DoesNotContain("churn-risk", plain.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownAccount_IsAnError()
    {
        using var dir = new TempDirectory();
        var run = RunTenure("churn-risk", "--db", SmallDatabase(dir), "--at", "2024-06-01", "--account", "Z");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--account 'Z': the data has no such account.", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }
}
