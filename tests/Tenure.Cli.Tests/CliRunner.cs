using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Tenure.Cli.Tests;

/// <summary>Runs `tenure` in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public sealed record Run(int ExitCode, string Out, string Error);

    public static Run RunTenure(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = TenureApp.Run(args, output, error);
        return new Run(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs `tenure` with a fixed clock for "today".</summary>
    public static Run RunTenureAt(TimeProvider clock, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = TenureApp.Run(args, output, error, clock);
        return new Run(code, output.ToString(), error.ToString());
    }

    /// <summary>The demo's CSV files for <paramref name="accounts"/> accounts in <paramref name="directory"/>, as of 1 November 2026.</summary>
    public static void WriteDemo(string directory, int accounts)
    {
        var run = RunTenureAt(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero)),
            "demo", "--out", directory, "--accounts", accounts.ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-summary");
        Assert.True(run.ExitCode == 0, run.Error);
    }

    /// <summary>
    /// Runs `tenure` as a process of its own (the tests' build of tenure.dll), with <paramref name="environment"/> added to
    /// its environment: for what one process cannot try in-process, as a heap limit or a runtime switch.
    /// </summary>
    public static async Task<Run> RunTenureProcessAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "tenure.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new Run(process.ExitCode, await output, await error);
    }

    /// <summary>A new, empty SQLite database in <paramref name="directory"/>, created with `tenure db migrate` as a user would.</summary>
    public static string MigratedDatabase(string directory, string fileName = "t.db")
    {
        var db = System.IO.Path.Combine(directory, fileName);
        var run = RunTenure("db", "migrate", "--db", db);
        Assert.True(run.ExitCode == 0, run.Error);
        return db;
    }

    public static string RepoRoot([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", ".."));

    /// <summary>A fresh temporary directory, removed when disposed.</summary>
    public sealed class TempDirectory : IDisposable
    {
        public TempDirectory() => Directory.CreateDirectory(Path);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tenure-test-" + Guid.NewGuid().ToString("N"));

        public string Write(string fileName, string content)
        {
            var path = System.IO.Path.Combine(Path, fileName);
            File.WriteAllText(path, content);
            return path;
        }

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }
}
