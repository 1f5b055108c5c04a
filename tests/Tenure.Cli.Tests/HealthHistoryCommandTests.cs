using System.Text.Json;

using static Tenure.Cli.Tests.CliRunner;

namespace Tenure.Cli.Tests;

/// <summary>
/// `tenure health backfill` and `tenure health history` on <see cref="HealthCommandTests.Workspace"/> imported into
/// SQLite: A is the METRICS.md worked example on 2024-06-01 (63.4 yellow); B scores (50 x 15 + 100 x 10) / 25 = 70.0
/// green every day (no change over 90 days: MRR 50 throughout, coverage open); C is no customer in 2024-05-30..06-01.
/// </summary>
public class HealthHistoryCommandTests
{
    private static (TempDirectory Dir, string Db) Imported()
    {
        var dir = HealthCommandTests.Workspace();
        var db = Path.Combine(dir.Path, "t.db");
        var import = RunTenure("import", dir.Path, "--db", db);
        Assert.True(import.ExitCode == 0, import.Error);
        return (dir, db);
    }

    [Fact]
    public void Backfill_ThenHistory_GivesEachCustomerDay_WithHandScores()
    {
        var (dir, db) = Imported();
        using var _ = dir;

        var backfill = RunTenure("health", "backfill", "--db", db, "--to", "2024-06-01", "--days", "3");
        Assert.True(backfill.ExitCode == 0, backfill.Error);
        Assert.Contains("from 2024-05-30 to 2024-06-01: 6 account-days", backfill.Out, StringComparison.Ordinal); // A and B, 3 days each

        var run = RunTenure("health", "history", "--db", db, "--from", "2024-05-30", "--to", "2024-06-01", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var accounts = doc.RootElement.GetProperty("accounts").EnumerateArray().ToList();
        Assert.Equal(["A", "B"], accounts.Select(a => a.GetProperty("account_id").GetString()));
        Assert.Equal(["account_id", "from", "to", "days", "band_changes"], accounts[0].EnumerateObject().Select(p => p.Name));
        var aToday = accounts[0].GetProperty("days").EnumerateArray().Last();
        Assert.Equal(("2024-06-01", 63.4m, "yellow"), (aToday.GetProperty("date").GetString(), aToday.GetProperty("score").GetDecimal(), aToday.GetProperty("band").GetString()));
        Assert.All(accounts[1].GetProperty("days").EnumerateArray(), d => Assert.Equal(70.0m, d.GetProperty("score").GetDecimal()));
        Assert.Equal(3, accounts[1].GetProperty("days").GetArrayLength());
        Assert.Empty(accounts[1].GetProperty("band_changes").EnumerateArray());
    }

    [Fact]
    public void Backfill_Twice_ReplacesTheDays()
    {
        var (dir, db) = Imported();
        using var _ = dir;

        Assert.Equal(0, RunTenure("health", "backfill", "--db", db, "--to", "2024-06-01", "--days", "3").ExitCode);
        Assert.Equal(0, RunTenure("health", "backfill", "--db", db, "--to", "2024-06-01", "--days", "3").ExitCode);

        var csv = RunTenure("health", "history", "--db", db, "--from", "2024-01-01", "--to", "2024-12-31", "--format", "csv");
        Assert.True(csv.ExitCode == 0, csv.Error);
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("date,account_id,score,band,usage_value,usage_points,usage_weight,usage_missing,", lines[0], StringComparison.Ordinal);
        Assert.Equal(1 + 6, lines.Length); // header + A and B on 3 days, once each
        Assert.Contains("2024-06-01,A,63.4,yellow,0.35,50.0,30,false,20,60.0,20,false,,,15,true,", csv.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("backfill", "--days", "0", "--days '0' must be a whole number from 1 to 3660")]
    [InlineData("backfill", "--to", "June", "--to 'June' is not a day")]
    [InlineData("history", "--from", "2024-13-01", "--from '2024-13-01' is not a day")]
    public void BadOptions_SayWhichAndWhy(string command, string option, string value, string message)
    {
        var (dir, db) = Imported();
        using var _ = dir;

        var run = RunTenure("health", command, "--db", db, option, value);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void History_NothingStored_SaysHowToRecordIt()
    {
        var (dir, db) = Imported();
        using var _ = dir;

        var run = RunTenure("health", "history", "--db", db, "--to", "2024-06-01");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("no health history stored for tenant 'default'", run.Error, StringComparison.Ordinal);
    }
}
