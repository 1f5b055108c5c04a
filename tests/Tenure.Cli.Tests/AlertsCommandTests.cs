using Microsoft.Extensions.Time.Testing;

using static Tenure.Cli.Tests.CliRunner;

namespace Tenure.Cli.Tests;

/// <summary>`tenure alerts` and `tenure webhook` (issue #12 contracts) on a real SQLite file, at 2026-12-01 10:00 UTC.</summary>
public sealed class AlertsCommandTests
{
    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    private static void WriteData(TempDirectory dir)
    {
        dir.Write("accounts.csv", "account_id,name,created_at,csm\nX1,Xenon,2020-01-01,ann\nY1,Yak,2020-01-01,bo\n");
        // X1: NPS 2 from u7 the day before -> detractor. Y1: a detractor answer 3 years ago -> outside the 7-day look-back.
        dir.Write("surveys.csv", "response_id,survey,account_id,user_id,score,scale,submitted_at\nr1,nps,X1,u7,2,0-10,2026-11-30\nr2,nps,Y1,u1,0,0-10,2023-11-30\n");
    }

    [Fact]
    public void Import_EvaluatesAlerts_AndTheListHasTheContractShape()
    {
        using var dir = new TempDirectory();
        WriteData(dir);
        var db = Path.Combine(dir.Path, "t.db");

        var import = RunTenureAt(Clock(), "import", dir.Path, "--db", db);
        var list = RunTenureAt(Clock(), "alerts", "--db", db, "--format", "json");
        var reimport = RunTenureAt(Clock(), "import", dir.Path, "--db", db);

        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Contains("alerts for tenant default at 2026-12-01T10:00:00Z: 1 opened, 0 resolved, 0 still open; not evaluated: churn-risk (not available until the churn model is trained)", import.Error);
        Assert.Equal(0, list.ExitCode);
        Assert.Equal("""{"alerts":[{"id":1,"rule":"detractor","account_id":"X1","csm":"ann","opened_at":"2026-12-01T10:00:00Z","status":"open","reason":"NPS 2 from u7 on 2026-11-30","resolved_at":null,"resolution":null}]}""", list.Out.Trim());
        Assert.Contains("0 opened, 0 resolved, 1 still open", reimport.Error);
    }

    [Fact]
    public void Resolve_ByHand_ThenAllShowsIt()
    {
        using var dir = new TempDirectory();
        WriteData(dir);
        var db = Path.Combine(dir.Path, "t.db");
        RunTenureAt(Clock(), "import", dir.Path, "--db", db);

        var resolve = RunTenureAt(Clock(), "alerts", "resolve", "--id", "1", "--db", db);
        var again = RunTenureAt(Clock(), "alerts", "resolve", "--id", "1", "--db", db);
        var unknown = RunTenureAt(Clock(), "alerts", "resolve", "--id", "42", "--db", db);
        var notANumber = RunTenureAt(Clock(), "alerts", "resolve", "--id", "x", "--db", db);
        var evaluate = RunTenureAt(Clock(), "alerts", "evaluate", "--db", db);
        var open = RunTenureAt(Clock(), "alerts", "--db", db, "--format", "json");
        var all = RunTenureAt(Clock(), "alerts", "--db", db, "--status", "all", "--format", "json");

        Assert.Equal((0, "resolved alert 1 (detractor on X1)"), (resolve.ExitCode, resolve.Out.Trim()));
        Assert.Equal("alert 1 was already resolved (by_hand at 2026-12-01T10:00:00Z)", again.Out.Trim());
        Assert.Equal((2, "error: --id 42: tenant default has no such alert."), (unknown.ExitCode, unknown.Error.Trim()));
        Assert.Equal(2, notANumber.ExitCode);
        Assert.Contains("0 opened", evaluate.Out); // resolved by hand while the answer is still in the look-back: stays resolved
        Assert.Equal("""{"alerts":[]}""", open.Out.Trim());
        Assert.Contains("\"status\":\"resolved\",\"reason\":\"NPS 2 from u7 on 2026-11-30\",\"resolved_at\":\"2026-12-01T10:00:00Z\",\"resolution\":\"by_hand\"", all.Out);
    }

    [Fact]
    public void Rules_ImpossibleThreshold_ExitsTwoNamingTheFieldAndSavesNothing()
    {
        using var dir = new TempDirectory();
        var db = MigratedDatabase(dir.Path);
        var bad = dir.Write("alerts.json", """{"rules":{"detractor":{"threshold":9}}}""");
        var good = dir.Write("good.json", """{"look_back_days":3}""");

        var refused = RunTenure("alerts", "rules", "--db", db, "--set", bad);
        var unchanged = RunTenure("alerts", "rules", "--db", db);
        var stored = RunTenure("alerts", "rules", "--db", db, "--set", good);

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("error: alerts.json: rules.detractor.threshold: 9 is impossible for detractor: must be from 0 to 6 (an NPS detractor answers 0 to 6); nothing was saved.", refused.Error.Trim());
        Assert.Contains("\"look_back_days\": 7", unchanged.Out);
        Assert.Contains("\"look_back_days\": 3", stored.Out);
        Assert.Contains("\"look_back_days\": 3", RunTenure("alerts", "rules", "--db", db).Out);
    }

    [Fact]
    public void Webhook_AddListDeliveriesRemove_AndBadInput()
    {
        using var dir = new TempDirectory();
        WriteData(dir);
        var db = MigratedDatabase(dir.Path);

        var ftp = RunTenure("webhook", "add", "--db", db, "--tenant", "default", "--url", "ftp://example.com/x", "--secret", "0123456789abcdef");
        var badEvent = RunTenure("webhook", "add", "--db", db, "--url", "https://example.com/x", "--secret", "0123456789abcdef", "--events", "alert.opened,alert.closed");
        var emptyList = RunTenure("webhook", "list", "--db", db, "--format", "json");
        var add = RunTenure("webhook", "add", "--db", db, "--tenant", "default", "--url", "https://hooks.example.com/tenure", "--secret", "0123456789abcdef-secret", "--events", "alert.opened,alert.resolved");
        RunTenureAt(Clock(), "import", dir.Path, "--db", db);
        var list = RunTenure("webhook", "list", "--db", db, "--format", "json");
        var deliveries = RunTenure("webhook", "deliveries", "--id", "1", "--db", db, "--format", "json");
        var remove = RunTenure("webhook", "remove", "--id", "1", "--db", db);
        var removeAgain = RunTenure("webhook", "remove", "--id", "1", "--db", db);

        Assert.Equal(2, ftp.ExitCode);
        Assert.StartsWith("error: --url: url: 'ftp://example.com/x' is not an http:// or https:// URL", ftp.Error);
        Assert.Contains("Nothing was saved.", ftp.Error);
        Assert.Equal((2, "error: --events: events: 'alert.closed' is not an event (known: alert.opened, alert.resolved, task.created, survey.answered). Nothing was saved."), (badEvent.ExitCode, badEvent.Error.Trim()));
        Assert.Equal("""{"webhooks":[]}""", emptyList.Out.Trim());
        Assert.Equal("added webhook 1 for tenant default: https://hooks.example.com/tenure (alert.opened,alert.resolved)", add.Out.Trim());
        Assert.DoesNotContain("secret", list.Out);
        Assert.Contains("\"url\":\"https://hooks.example.com/tenure\",\"events\":[\"alert.opened\",\"alert.resolved\"]", list.Out);
        Assert.Contains("\"event\":\"alert.opened\",\"occurred_at\":\"2026-12-01T10:00:00Z\",\"status\":\"pending\",\"attempts\":0", deliveries.Out);
        Assert.Equal((0, "removed webhook 1"), (remove.ExitCode, remove.Out.Trim()));
        Assert.Equal(2, removeAgain.ExitCode);
    }
}
