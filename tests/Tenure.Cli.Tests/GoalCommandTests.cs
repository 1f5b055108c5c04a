using Microsoft.Extensions.Time.Testing;

using static Tenure.Cli.Tests.CliRunner;

namespace Tenure.Cli.Tests;

/// <summary>`tenure goal set|list|remove` (issue #12 item 5) on a real SQLite file, at 2026-12-01 10:00 UTC.</summary>
public sealed class GoalCommandTests
{
    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void SetListReplaceRemove_AndBadInputSavesNothing()
    {
        using var dir = new TempDirectory();
        dir.Write("accounts.csv", "account_id,name,created_at,csm,segment\nX1,Xenon,2020-01-01,ann,smb\nY1,Yak,2020-01-01,bo,enterprise\n");
        var db = Path.Combine(dir.Path, "t.db");
        Assert.Equal(0, RunTenureAt(Clock(), "import", dir.Path, "--db", db).ExitCode);

        var unknownMetric = RunTenure("goal", "set", "--db", db, "--metric", "churn", "--target", "5", "--period", "month");
        var negativeCount = RunTenure("goal", "set", "--db", db, "--metric", "customers", "--target", "-5", "--period", "month");
        var rateOver100 = RunTenure("goal", "set", "--db", db, "--metric", "churn-rate", "--target", "120", "--period", "month");
        var huge = RunTenure("goal", "set", "--db", db, "--metric", "mrr", "--target", "1e308", "--period", "year");
        var unknownCsm = RunTenure("goal", "set", "--db", db, "--metric", "nps", "--target", "50", "--period", "quarter", "--csm", "Ann");
        var repeated = RunTenure("goal", "set", "--db", db, "--metric", "nps", "--metric", "csat", "--target", "50", "--period", "quarter");
        var bothWays = RunTenure("goal", "set", "--db", db, "--metric", "nps", "--target", "50", "--period", "quarter", "--at-most", "--at-least");
        var empty = RunTenure("goal", "list", "--db", db, "--format", "json");
        var set = RunTenureAt(Clock(), "goal", "set", "--db", db, "--metric", "churn-rate", "--target", "5", "--at-most", "--period", "month");
        var replace = RunTenureAt(Clock(), "goal", "set", "--db", db, "--metric", "churn-rate", "--target", "4.5", "--period", "month");
        var segment = RunTenureAt(Clock(), "goal", "set", "--db", db, "--metric", "nps", "--target", "50", "--period", "quarter", "--segment", "smb");
        var list = RunTenure("goal", "list", "--db", db, "--format", "json");
        var remove = RunTenure("goal", "remove", "--db", db, "--metric", "nps", "--period", "quarter", "--segment", "smb");
        var removeAgain = RunTenure("goal", "remove", "--db", db, "--metric", "nps", "--period", "quarter", "--segment", "smb");

        Assert.Equal((2, "error: --metric: 'churn' is not a metric of the catalogue (see docs/metrics.md for the ids). Nothing was saved."), (unknownMetric.ExitCode, unknownMetric.Error.Trim()));
        Assert.Equal((2, "error: --target: -5 is impossible for customers: its figure is 0 or more. Nothing was saved."), (negativeCount.ExitCode, negativeCount.Error.Trim()));
        Assert.Equal((2, "error: --target: 120 is impossible for churn-rate: its figure is from 0 to 100 (%). Nothing was saved."), (rateOver100.ExitCode, rateOver100.Error.Trim()));
        Assert.Equal(2, huge.ExitCode);
        Assert.Contains("--target: '1e308' is not a number between", huge.Error);
        Assert.Equal((2, "error: --csm: no account has csm 'Ann' (names are case-sensitive, as in accounts.csv). Nothing was saved."), (unknownCsm.ExitCode, unknownCsm.Error.Trim()));
        Assert.NotEqual(0, repeated.ExitCode);
        Assert.Contains("--metric", repeated.Error);
        Assert.Equal(2, bothWays.ExitCode);
        Assert.Equal("""{"goals":[]}""", empty.Out.Trim());
        Assert.Equal((0, "set goal for tenant default: churn-rate Goal ≤ 5 % per month"), (set.ExitCode, set.Out.Trim()));
        Assert.Equal("replaced goal for tenant default: churn-rate Goal ≤ 4.5 % per month", replace.Out.Trim());
        Assert.Equal("set goal for tenant default: nps Goal ≥ 50 per quarter, segment=smb", segment.Out.Trim());
        Assert.Equal(
            """{"goals":[{"metric":"churn-rate","name":"Customer churn rate","direction":"at_most","target":4.5,"unit":"%","period":"month","scope":"all","csm":null,"segment":null,"updated_at":"T","updated_by":"cli"},""" +
            """{"metric":"nps","name":"Net Promoter Score","direction":"at_least","target":50,"unit":"pts","period":"quarter","scope":"segment","csm":null,"segment":"smb","updated_at":"T","updated_by":"cli"}]}""",
            // The database writes with the system clock: the time is checked for its shape, then left out.
            System.Text.RegularExpressions.Regex.Replace(list.Out.Trim(), "\"updated_at\":\"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z\"", "\"updated_at\":\"T\""));
        Assert.Equal((0, "removed goal nps per quarter, scope segment=smb"), (remove.ExitCode, remove.Out.Trim()));
        Assert.Equal(2, removeAgain.ExitCode);
    }
}
