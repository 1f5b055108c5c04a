using Microsoft.Extensions.Time.Testing;

using static Tenure.Cli.Tests.CliRunner;

namespace Tenure.Cli.Tests;

/// <summary>`tenure task` and `tenure note` on a real SQLite file, at 2026-12-01 10:00 UTC.</summary>
public sealed class WorkCommandTests
{
    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    private static string Imported(TempDirectory dir)
    {
        dir.Write("accounts.csv", "account_id,name,created_at,csm\nX1,Xenon,2020-01-01,ann\n");
        var db = Path.Combine(dir.Path, "t.db");
        Assert.Equal(0, RunTenureAt(Clock(), "import", dir.Path, "--db", db).ExitCode);
        return db;
    }

    [Fact]
    public void TaskAddListComplete_JsonHasTheApiShape()
    {
        using var dir = new TempDirectory();
        var db = Imported(dir);

        var add = RunTenureAt(Clock(), "task", "add", "--db", db, "--account", "X1", "--title", "Call the sponsor", "--due", "2026-12-03", "--format", "json");
        var list = RunTenureAt(Clock(), "task", "list", "--db", db, "--format", "json");
        var complete = RunTenureAt(Clock(), "task", "complete", "--id", "1", "--db", db);
        var again = RunTenureAt(Clock(), "task", "complete", "--id", "1", "--db", db);
        var open = RunTenureAt(Clock(), "task", "list", "--db", db, "--format", "json");

        Assert.True(add.ExitCode == 0, add.Error);
        Assert.Matches("""^\{"id":1,"account_id":"X1","title":"Call the sponsor","owner":"ann","category":null,"status":"open","created_at":"2026-12-01T10:00:00Z","created_by":"cli:[^"]*","due_at":"2026-12-03T00:00:00Z","completed_at":null,"completed_by":null,"alert_id":null\}$""", add.Out.Trim());
        Assert.StartsWith("""{"tasks":[{"id":1,""", list.Out.Trim(), StringComparison.Ordinal);
        Assert.Equal("completed task 1 (Call the sponsor on X1)", complete.Out.Trim());
        Assert.Equal("task 1 was already completed at 2026-12-01T10:00:00Z", again.Out.Trim());
        Assert.Equal("""{"tasks":[]}""", open.Out.Trim());
    }

    [Theory]
    [InlineData("--title", "", "error: title: required (must not be empty). Nothing was saved.")]
    [InlineData("--due", "9999-12-31", "error: due_at: 9999-12-31 is not a plausible due date: must be from 1900-01-01 to 2036-12-01 (10 years from now). Nothing was saved.")]
    [InlineData("--account", "NOPE", "error: account_id: workspace default has no account 'NOPE'")]
    public void TaskAdd_BadInput_ExitsWithTheFieldNamed(string option, string value, string error)
    {
        using var dir = new TempDirectory();
        var db = Imported(dir);
        string[] args = ["task", "add", "--db", db, "--account", "X1", "--title", "ok"];
        var i = Array.IndexOf(args, option);
        if (i >= 0) args[i + 1] = value;
        else args = [.. args, option, value];

        var run = RunTenureAt(Clock(), args);
        var list = RunTenureAt(Clock(), "task", "list", "--db", db, "--status", "all", "--format", "json");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(error, run.Error, StringComparison.Ordinal);
        Assert.Equal("""{"tasks":[]}""", list.Out.Trim());
    }

    [Fact]
    public void NoteAddList_JsonHasTheApiShape()
    {
        using var dir = new TempDirectory();
        var db = Imported(dir);

        var add = RunTenureAt(Clock(), "note", "add", "--db", db, "--account", "X1", "--text", "Renewal confirmed on the call.", "--source", "call", "--format", "json");
        var list = RunTenureAt(Clock(), "note", "list", "--db", db, "--account", "X1", "--format", "json");
        var empty = RunTenureAt(Clock(), "note", "add", "--db", db, "--account", "X1", "--text", " ");

        Assert.True(add.ExitCode == 0, add.Error);
        Assert.Matches("""^\{"id":1,"account_id":"X1","author":"cli:[^"]*","source":"call","created_at":"2026-12-01T10:00:00Z","text":"Renewal confirmed on the call."\}$""", add.Out.Trim());
        Assert.Contains("\"text\":\"Renewal confirmed on the call.\"", list.Out, StringComparison.Ordinal);
        Assert.NotEqual(0, empty.ExitCode);
        Assert.Contains("error: text: required (must not be empty). Nothing was saved.", empty.Error, StringComparison.Ordinal);
    }
}
