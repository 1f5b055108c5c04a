using System.Text;
using System.Text.Json;

using Microsoft.Extensions.Time.Testing;

using Tenure.Storage;
using Tenure.Storage.Users;

using static Tenure.Cli.Tests.CliRunner;

namespace Tenure.Cli.Tests;

/// <summary>`tenure health` (issue #10): the JSON contract, filters, formats and bad input.</summary>
public class HealthCommandTests
{
    /// <summary>
    /// A: the METRICS.md worked example on 2024-06-01 (20 users, 7 active: 0.35 -> 50; NPS 2 promoters, 2 passives,
    /// 1 detractor = 20 -> 60; no tickets.csv: support missing; MRR 100 at D-90d (2024-03-03), 105 at D: +0.05 ->
    /// 62.5; a note on 2024-04-17, 45 days before: 75; coverage to 2024-09-29, 120 days: 100) -> 63.4 yellow.
    /// B: paying 50 a month since 2023, nothing else: revenue-trend 0 change -> 50 (weight 15), renewal open -> 100
    /// (weight 10), the rest missing: (50 x 15 + 100 x 10) / 25 = 1750 / 25 = 70.0, green.
    /// C: coverage ended 2024-05-01, not a customer at D: not listed.
    /// </summary>
    internal static TempDirectory Workspace()
    {
        var dir = new TempDirectory();
        dir.Write("accounts.csv", "account_id,name,created_at,csm\nA,Acme,2020-01-01,ann\nB,Beta,2020-01-01,bob\nC,Gone,2020-01-01,ann\n");
        dir.Write("subscriptions.csv",
            "subscription_id,account_id,start_date,end_date,amount,interval\n" +
            "s1,A,2024-01-01,2024-04-01,100,month\ns2,A,2024-04-01,2024-09-29,105,month\n" +
            "s3,B,2023-01-01,,50,month\ns4,C,2023-01-01,2024-05-01,80,month\n");
        var users = new StringBuilder("user_id,account_id,created_at\n");
        for (var i = 1; i <= 20; i++) users.Append($"u{i},A,2024-01-01\n");
        dir.Write("users.csv", users.ToString());
        var usage = new StringBuilder("account_id,user_id,timestamp,event\n");
        for (var i = 1; i <= 7; i++) usage.Append($"A,u{i},2024-05-25T10:00:00Z,login\n");
        dir.Write("usage.csv", usage.ToString());
        dir.Write("surveys.csv",
            "response_id,survey,account_id,user_id,score,scale,submitted_at\n" +
            "r1,nps,A,u1,10,0-10,2024-05-01\nr2,nps,A,u2,9,0-10,2024-05-01\nr3,nps,A,u3,8,0-10,2024-05-01\n" +
            "r4,nps,A,u4,7,0-10,2024-05-01\nr5,nps,A,u5,3,0-10,2024-05-01\n");
        dir.Write("notes.csv", "note_id,account_id,date,source,text\nn1,A,2024-04-17,call,QBR\n");
        return dir;
    }

    [Fact]
    public void Json_IsTheContractShape()
    {
        using var dir = Workspace();
        var run = RunTenure("health", "--data", dir.Path, "--at", "2024-06-01", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.Equal(["at", "accounts"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2024-06-01", root.GetProperty("at").GetString());
        var accounts = root.GetProperty("accounts").EnumerateArray().ToList();
        Assert.Equal(["A", "B"], accounts.Select(a => a.GetProperty("account_id").GetString()));

        var a = accounts[0];
        Assert.Equal(["account_id", "name", "csm", "score", "band", "factors"], a.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Acme", a.GetProperty("name").GetString());
        Assert.Equal("ann", a.GetProperty("csm").GetString());
        Assert.Equal(63.4m, a.GetProperty("score").GetDecimal());
        Assert.Equal("yellow", a.GetProperty("band").GetString());
        var factors = a.GetProperty("factors").EnumerateArray().ToList();
        Assert.Equal(["usage", "sentiment", "support", "revenue-trend", "engagement", "renewal"], factors.Select(f => f.GetProperty("factor").GetString()));
        Assert.All(factors, f => Assert.Equal(["factor", "value", "points", "weight", "missing"], f.EnumerateObject().Select(p => p.Name)));
        Assert.Equal([0.35m, 20m, 0.05m, 45m, 120m], factors.Where(f => f.GetProperty("factor").GetString() != "support").Select(f => f.GetProperty("value").GetDecimal()));
        Assert.Equal([50m, 60m, 62.5m, 75m, 100m], factors.Where(f => f.GetProperty("factor").GetString() != "support").Select(f => f.GetProperty("points").GetDecimal()));
        Assert.Equal([30, 20, 15, 15, 10, 10], factors.Select(f => f.GetProperty("weight").GetInt32()));
        var support = factors[2];
        Assert.True(support.GetProperty("missing").GetBoolean());
        Assert.Equal(JsonValueKind.Null, support.GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.Null, support.GetProperty("points").ValueKind);
        Assert.All(factors.Where(f => f.GetProperty("factor").GetString() != "support"), f => Assert.False(f.GetProperty("missing").GetBoolean()));

        // One decimal is always written: 70 is "70.0", 50 points "50.0".
        Assert.Contains("\"score\":70.0,\"band\":\"green\"", run.Out, StringComparison.Ordinal);
        Assert.Contains("{\"factor\":\"revenue-trend\",\"value\":0,\"points\":50.0,\"weight\":15,\"missing\":false}", run.Out, StringComparison.Ordinal);
        // B's open coverage: renewal has no value but is not missing.
        Assert.Contains("{\"factor\":\"renewal\",\"value\":null,\"points\":100.0,\"weight\":10,\"missing\":false}", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yellow", "A")]
    [InlineData("green", "B")]
    [InlineData("red", "")]
    public void Band_KeepsThatBandOnly(string band, string expected)
    {
        using var dir = Workspace();
        var run = RunTenure("health", "--data", dir.Path, "--at", "2024-06-01", "--band", band, "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal(expected, string.Join(",", doc.RootElement.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("account_id").GetString())));
    }

    [Fact]
    public void Account_OneAccount_NotACustomer_IsAnEmptyList()
    {
        using var dir = Workspace();
        var b = RunTenure("health", "--data", dir.Path, "--at", "2024-06-01", "--account", "B", "--format", "csv");
        Assert.True(b.ExitCode == 0, b.Error);
        var lines = b.Out.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("at,account_id,name,csm,score,band,usage_value,usage_points,usage_weight,usage_missing,sentiment_value", lines[0], StringComparison.Ordinal);
        // usage missing (no users), ..., revenue-trend 0 -> 50, renewal open -> 100.
        Assert.Equal("2024-06-01,B,Beta,bob,70.0,green,,,30,true,,,20,true,,,15,true,0,50.0,15,false,,,10,true,,100.0,10,false", lines[1].TrimEnd('\r'));

        var c = RunTenure("health", "--data", dir.Path, "--at", "2024-06-01", "--account", "C", "--format", "json");
        Assert.Equal(0, c.ExitCode);
        Assert.Contains("\"accounts\":[]", c.Out, StringComparison.Ordinal);
        Assert.Contains("not a customer", c.Error, StringComparison.Ordinal);

        var unknown = RunTenure("health", "--data", dir.Path, "--at", "2024-06-01", "--account", "Z");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--account 'Z'", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void At_DefaultsToTodayByTheClock()
    {
        using var dir = Workspace();
        var run = RunTenureAt(new FakeTimeProvider(new DateTimeOffset(2024, 6, 1, 15, 30, 0, TimeSpan.Zero)), "health", "--data", dir.Path, "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("{\"at\":\"2024-06-01\"", run.Out, StringComparison.Ordinal);
        Assert.Contains("\"score\":63.4", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_WorstFactor_ChangesTheScore()
    {
        using var dir = Workspace();
        var config = dir.Write("health.json", """{"aggregation": "worst-factor"}""");
        var run = RunTenure("health", "--data", dir.Path, "--at", "2024-06-01", "--account", "A", "--config", config, "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        // The lowest present points of A: usage 50 -> 50.0, yellow.
        Assert.Contains("\"score\":50.0,\"band\":\"yellow\"", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Db_UsesTheWorkspaceHealthModel_UnlessConfigIsGiven()
    {
        using var dir = Workspace();
        var db = Path.Combine(dir.Path, "t.db");
        Assert.Equal(0, RunTenure("import", dir.Path, "--db", db).ExitCode);
        string ScoreOfA(params string[] extra)
        {
            var run = RunTenure(["health", "--db", db, "--at", "2024-06-01", "--account", "A", "--format", "json", .. extra]);
            Assert.True(run.ExitCode == 0, run.Error);
            using var doc = JsonDocument.Parse(run.Out);
            return doc.RootElement.GetProperty("accounts")[0].GetProperty("score").GetRawText();
        }
        Assert.Equal("63.4", ScoreOfA()); // no setting: METRICS.md's model (the worked example)
        await using (var database = TenureDatabase.Open(DatabaseLocation.Parse(db)))
            await TenantSettings.SetAsync(database, "default", TenantSettings.HealthModel, """{"aggregation": "worst-factor"}""", TestContext.Current.CancellationToken);
        // The workspace's worst-factor model: A's lowest present points, usage 50.
        Assert.Equal("50.0", ScoreOfA());
        // --config wins over the workspace's model.
        var config = dir.Write("health.json", """{"aggregation": "weighted-mean"}""");
        Assert.Equal("63.4", ScoreOfA("--config", config));
    }

    [Fact]
    public void Table_ListsAccountsWithBandsAndFactors()
    {
        using var dir = Workspace();
        var run = RunTenure("health", "--data", dir.Path, "--at", "2024-06-01");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Acme", run.Out, StringComparison.Ordinal);
        Assert.Contains("63.4", run.Out, StringComparison.Ordinal);
        Assert.Contains("yellow", run.Out, StringComparison.Ordinal);
        Assert.Contains("missing", run.Out, StringComparison.Ordinal);
        Assert.Contains("2 account(s)", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--at", "June", "--at 'June' is not a day")]
    [InlineData("--at", "0001-01-01", "--at '0001-01-01' is not a day (expected a date yyyy-MM-dd from 1900-01-01 to 2201-01-01")]
    [InlineData("--band", "orange", "--band 'orange' is not one of green, yellow, red")]
    [InlineData("--format", "xml", "--format 'xml'")]
    public void BadOption_IsExit2NamingIt(string option, string value, string message)
    {
        using var dir = Workspace();
        var run = RunTenure("health", "--data", dir.Path, option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void BadConfig_IsExit2NamingTheField()
    {
        using var dir = Workspace();
        var config = dir.Write("health.json", """{"factors": {"usage": {"weight": -5}}}""");
        var run = RunTenure("health", "--data", dir.Path, "--at", "2024-06-01", "--config", config);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("health.json: factors.usage.weight: must be >= 0", run.Error, StringComparison.Ordinal);
        var missing = RunTenure("health", "--data", dir.Path, "--config", Path.Combine(dir.Path, "nope.json"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
    }
}
