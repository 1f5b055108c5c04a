using System.CommandLine;
using System.Reflection;

using Spectre.Console;

using Tenure.Cli.Commands;
using Tenure.Cli.Output;

using static Tenure.Cli.Tests.CliRunner;

namespace Tenure.Cli.Tests;

/// <summary>The conventions of docs/cli.md: --version, --help examples, --quiet, NO_COLOR, progress, exit codes.</summary>
public class CliConventionsTests
{
    private static IEnumerable<Command> AllCommands(Command command)
    {
        yield return command;
        foreach (var sub in command.Subcommands)
        {
            foreach (var c in AllCommands(sub))
                yield return c;
        }
    }

    [Fact]
    public void Version_PrintsTheInformationalVersion()
    {
        var run = RunTenure("--version");

        var expected = typeof(TenureApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.Out.Trim());
    }

    [Fact]
    public void SuggestDirective_CompletesCommandsAndOptions_ForDotnetSuggest()
    {
        // What dotnet-suggest's shell shim asks (docs/cli.md, "Shell completions"): the words completing the line at the cursor.
        var command = RunTenure("[suggest:11]", "tenure heal");
        var options = RunTenure("[suggest:15]", "tenure health -");

        Assert.Equal(0, command.ExitCode);
        Assert.Equal(["health"], command.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var offered = options.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("--at", offered);
        Assert.Contains("--band", offered);
        Assert.Contains("--db", offered);
    }

    [Fact]
    public void Help_EveryCommandHasExamplesThatParse()
    {
        var root = TenureApp.BuildRoot(new CliContext(TextWriter.Null, TextWriter.Null));

        foreach (var command in AllCommands(root))
        {
            var examples = CommandExamples.For(command);
            Assert.True(examples.Count > 0, $"`tenure {CommandExamples.PathOf(command)}` has no --help examples");
            foreach (var example in examples)
            {
                Assert.StartsWith("tenure ", example, StringComparison.Ordinal);
                var parsed = root.Parse(example["tenure ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
                Assert.True(parsed.Errors.Count == 0, $"{example}: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
            }
        }
    }

    [Fact]
    public void Help_PrintsTheExamplesAfterTheOptions()
    {
        var run = RunTenure("import", "--help");

        Assert.Equal(0, run.ExitCode);
        int options = run.Out.IndexOf("Options:", StringComparison.Ordinal);
        int examples = run.Out.IndexOf("Examples:", StringComparison.Ordinal);
        Assert.True(options >= 0 && examples > options, run.Out);
        Assert.Contains("  tenure import --from stripe exports/stripe/ --db tenure.db --dry-run", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Quiet_LeavesTheResultAndDropsTheNotes()
    {
        using var dir = new TempDirectory();
        dir.Write("accounts.csv", "account_id,name,created_at\na1,A,2025-01-01\n");
        var db = Path.Combine(dir.Path, "t.db");

        var loud = RunTenure("import", dir.Path, "--db", db, "--format", "json");
        var quiet = RunTenure("import", dir.Path, "--db", db, "--format", "json", "--quiet");
        var shortForm = RunTenure("import", dir.Path, "--db", db, "--format", "json", "-q");

        Assert.Contains("read 1 file(s)", loud.Error, StringComparison.Ordinal);
        Assert.Equal((0, ""), (quiet.ExitCode, quiet.Error));
        Assert.Equal((0, ""), (shortForm.ExitCode, shortForm.Error));
        Assert.Contains("\"rows\":1", quiet.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Quiet_StillPrintsErrors()
    {
        using var dir = new TempDirectory();
        dir.Write("accounts.csv", "account_id,name,created_at\na1,A,not-a-date\n");

        var run = RunTenure("import", dir.Path, "--db", Path.Combine(dir.Path, "t.db"), "--quiet");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("accounts.csv:2: created_at: 'not-a-date' is not an ISO-8601 date or date-time", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void NoColor_IsAnyNonEmptyValue(string? value, bool noColor) =>
        Assert.Equal(noColor, Terminal.NoColor(name => name == "NO_COLOR" ? value : null));

    [Fact]
    public void NoColor_TurnsColoursOffOnATerminal()
    {
        var console = Terminal.For(new StringWriter(), interactive: true, name => name == "NO_COLOR" ? "1" : null);

        Assert.Equal(ColorSystem.NoColors, console.Profile.Capabilities.ColorSystem);
    }

    [Fact]
    public void Progress_RunsTheWorkAndReportsOnlyWhenSomeoneWatches()
    {
        var watched = new CliContext(new StringWriter(), new StringWriter()) { IsInteractive = true };
        var piped = new CliContext(new StringWriter(), new StringWriter());
        var quiet = new CliContext(new StringWriter(), new StringWriter()) { IsInteractive = true, Quiet = true };

        Assert.Equal(42, ProgressDisplay.Bar(watched, "work", 10, progress => { Assert.NotNull(progress); progress.Report(10); return 42; }));
        Assert.Equal(42, ProgressDisplay.Bar(piped, "work", 10, progress => { Assert.Null(progress); return 42; }));
        Assert.Equal(42, ProgressDisplay.Bar(quiet, "work", 10, progress => { Assert.Null(progress); return 42; }));
        Assert.Equal(7, ProgressDisplay.Spinner(watched, "fitting", () => 7));
        Assert.Equal("", piped.Error.ToString());
    }

    [Fact]
    public void ExitCodes_AreTheTableOfDocsCli()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "cli.md"));
        var codes = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (int)f.GetValue(null)!).ToList();

        Assert.Equal([0, 1, 2], codes.Order());
        Assert.All(codes, code => Assert.Contains($"\n| {code} | ", doc, StringComparison.Ordinal));
    }
}
