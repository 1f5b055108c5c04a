using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

using Microsoft.Extensions.Time.Testing;

using static Tenure.Cli.Tests.CliRunner;

namespace Tenure.Cli.Tests;

/// <summary>The README's first command: `tenure demo` loads a database and serves it, printing a read key.</summary>
public partial class DemoServeTests
{
    [GeneratedRegex(@"Read API key \(shown once\): (tnr_\S+)")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"sign in as (\S+), password (\S+)\)")]
    private static partial Regex SignInLine();

    [GeneratedRegex(@"^\s+(tenure .*)$", RegexOptions.Multiline)]
    private static partial Regex CommandLine();

    /// <summary>A day in December 2026: the demo's last full month must be November (the issue's December collapse).</summary>
    private static FakeTimeProvider December() => new(new DateTimeOffset(2026, 12, 9, 15, 0, 0, TimeSpan.Zero));

    [Fact]
    public void DemoNoServe_LoadsTheDatabaseAndPrintsAReadKey_TwiceWithoutDuplicating()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "demo.db");

        var first = RunTenureAt(December(), "demo", "--db", db, "--accounts", "40", "--no-serve");
        var second = RunTenureAt(December(), "demo", "--db", db, "--accounts", "40", "--no-serve");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Matches(KeyLine(), first.Out);
        // Generated up to today: the headline is last month's, and the data ends today.
        Assert.Contains("as of 2026-12-09", first.Out);
        Assert.Contains("Headline metrics for 2026-11:", first.Out);
        Assert.Contains("tenure serve --db", first.Out);
        Assert.Contains(" 0 updated, 0 already there", first.Out);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("0 rows inserted, 0 updated", second.Out);
        Assert.NotEqual(KeyLine().Match(first.Out).Groups[1].Value, KeyLine().Match(second.Out).Groups[1].Value);
    }

    [Fact]
    public async Task DemoNoServe_PrintsASignInThatWorks_AndASecondRunReplacesItsPassword()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "demo.db");

        var first = SignInLine().Match(RunTenure("demo", "--db", db, "--accounts", "30", "--no-serve").Out);
        var second = SignInLine().Match(RunTenure("demo", "--db", db, "--accounts", "30", "--no-serve").Out);

        Assert.True(first.Success && second.Success);
        Assert.Equal("admin@tenure.demo", second.Groups[1].Value);
        await using var database = Tenure.Storage.TenureDatabase.Open(Tenure.Storage.DatabaseLocation.Parse(db));
        var ct = TestContext.Current.CancellationToken;
        var user = await Tenure.Storage.Users.DashboardUsers.VerifyAsync(database, "default", "admin@tenure.demo", second.Groups[2].Value, ct);
        Assert.Equal(Tenure.Storage.Users.DashboardRole.Admin, user?.Role);
        Assert.Null(await Tenure.Storage.Users.DashboardUsers.VerifyAsync(database, "default", "admin@tenure.demo", first.Groups[2].Value, ct));
    }

    [Fact]
    public void DemoOut_AsOfGiven_UsesItNotTheClock()
    {
        using var dir = new TempDirectory();

        var run = RunTenureAt(December(), "demo", "--out", dir.Path, "--accounts", "30", "--as-of", "2026-11-01");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("as of 2026-11-01", run.Out);
        Assert.Contains("Headline metrics for 2026-10:", run.Out);
    }

    /// <summary>Every `tenure` command the demo prints works when pasted: it names the demo's database and exits 0.</summary>
    [Fact]
    public void DemoNoServe_EveryPrintedCommand_RunsWithExitZero()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "my demo.db"); // a space: the printed --db must be quoted

        var demo = RunTenureAt(December(), "demo", "--db", db, "--accounts", "40", "--no-serve");

        Assert.True(demo.ExitCode == 0, demo.Error);
        var commands = CommandLine().Matches(demo.Out).Select(m => m.Groups[1].Value.Trim()).ToList();
        Assert.True(commands.Count >= 4, demo.Out);
        Assert.Contains($"Serve it with: tenure serve --db \"{db}\"", demo.Out, StringComparison.Ordinal);
        foreach (var command in commands)
        {
            Assert.Contains($"--db \"{db}\"", command, StringComparison.Ordinal);
            var run = RunTenureAt(December(), [.. ShellWords(command).Skip(1)]);
            Assert.True(run.ExitCode == 0, $"`{command}` exited {run.ExitCode}: {run.Error}");
        }
    }

    /// <summary>Splits a command line as a POSIX shell would for these lines: spaces separate words, double quotes group.</summary>
    private static IEnumerable<string> ShellWords(string line)
    {
        var word = new System.Text.StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (any)
                    yield return word.ToString();
                word.Clear();
                any = false;
            }
            else
            {
                word.Append(c);
                any = true;
            }
        }
        if (any)
            yield return word.ToString();
    }

    [Fact]
    public void Demo_OutWithDb_IsRefused()
    {
        using var dir = new TempDirectory();
        var run = RunTenure("demo", "--out", dir.Path, "--db", Path.Combine(dir.Path, "x.db"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not both", run.Error);
    }

    /// <summary>The real process: `tenure demo` serves on a port; the printed read key reads the API, and cannot write.</summary>
    [Fact]
    public async Task Demo_ServesTheApiWithThePrintedKey()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "demo.db");
        var url = $"http://127.0.0.1:{FreePort()}";
        var tenure = Path.Combine(AppContext.BaseDirectory, "tenure.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", ["exec", tenure, "demo", "--db", db, "--accounts", "40", "--as-of", "2026-11-01", "--urls", url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            string? key = null;
            var cancel = TestContext.Current.CancellationToken;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            // Bounds, not timings: about 9 s on a quiet machine, minutes on a loaded one.
            timeout.CancelAfter(TimeSpan.FromMinutes(5));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (KeyLine().Match(line) is { Success: true } match)
                    key = match.Groups[1].Value;
                if (line.StartsWith("Tenure is serving", StringComparison.Ordinal))
                    break;
            }
            Assert.True(key is not null, "no key printed; stderr: " + (process.HasExited ? await process.StandardError.ReadToEndAsync(cancel) : ""));

            using var http = new HttpClient { BaseAddress = new Uri(url) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var metrics = await http.GetAsync("/api/v1/metrics?from=2026-10-01&to=2026-11-01&metric=customers", cancel);
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
            using var json = JsonDocument.Parse(await metrics.Content.ReadAsStringAsync(cancel));
            var result = json.RootElement.GetProperty("results")[0];
            Assert.Equal("customers", result.GetProperty("metric").GetString());
            Assert.True(result.GetProperty("value").GetDecimal() > 0);

            using var write = await http.PostAsync("/api/v1/accounts", new StringContent("[]", System.Text.Encoding.UTF8, "application/json"), cancel);
            Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);

            // A service manager stops it with SIGTERM: it must stop gracefully, by itself, with exit code 0.
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await term.WaitForExitAsync(cancel);
            using var stopped = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            stopped.CancelAfter(TimeSpan.FromSeconds(90)); // past the host's own 30 s shutdown bound
            await process.WaitForExitAsync(stopped.Token);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
