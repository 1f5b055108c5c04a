using System.Runtime.CompilerServices;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

using Tenure.Demo;
using Tenure.Ingest;
using Tenure.Metrics.Inputs;
using Tenure.Storage;
using Tenure.Storage.Users;

namespace Tenure.Web.BrowserTests;

/// <summary>
/// `tenure serve` for the browser: the real server (<see cref="TenureWebApplication.Build"/>) on Kestrel at
/// http://127.0.0.1:&lt;free port&gt; over a temp SQLite database holding the 500-account demo data (plus one survey
/// comment that is a script tag) and one user of every role; and a headless Debian chromium driven by Playwright.
/// One per test assembly: loading the demo takes a few seconds.
/// </summary>
public sealed class BrowserServer : IAsyncLifetime
{
    /// <summary>The one test collection of every browser test class: they run one at a time, so page timings are not disturbed.</summary>
    public const string Collection = "browser";

    public const string ChromiumPath = "/usr/bin/chromium";
    public const string Tenant = Tenants.Default;
    public const string Password = "browser-test-password";
    public const string AdminEmail = "admin@example.com";
    public const string ManagerEmail = "manager@example.com";
    public const string CsmEmail = "csm@example.com";
    public const string ViewerEmail = "viewer@example.com";

    /// <summary>The survey comment that must show as text.</summary>
    public const string ScriptComment = "<script>alert(1)</script>";

    /// <summary>The server's "now": two weeks after the demo data's as-of date, so the last complete month is Oct 2026.</summary>
    public static readonly DateTimeOffset Now = new(DemoOptions.DefaultAsOf.AddDays(14));

    private readonly string directory = Directory.CreateTempSubdirectory("tenure-browser-").FullName;
    private WebApplication? app;
    private IPlaywright? playwright;

    public bool IsAvailable => File.Exists(ChromiumPath);

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    public TenureDatabase Database { get; private set; } = default!;

    public TenureDataSet Data { get; private set; } = default!;

    /// <summary>The CSM the csm user is: the accounts.csm of the account with the script comment.</summary>
    public string CsmName { get; private set; } = "";

    /// <summary>The account whose survey answer carries <see cref="ScriptComment"/>.</summary>
    public string ScriptAccountId { get; private set; } = "";

    /// <summary>A read API key of the tenant, to compare the pages with GET /api/v1/metrics.</summary>
    public string ApiKey { get; private set; } = "";

    /// <summary>Page timings collected by the tests, written to artifacts/screenshots/timings.txt at the end.</summary>
    public List<PageTiming> Timings { get; } = [];

    /// <summary>The server's warnings and errors (artifacts/screenshots/server.log).</summary>
    public ServerLog Log { get; } = new(Path.Combine(ScreenshotDirectory, "server.log"));

    /// <summary>Asserts that a navigation answered 200; when it did not, the message carries the server's latest warnings and errors.</summary>
    public void AssertOk(IResponse? response, string what)
    {
        Assert.True(response is not null, $"{what}: no response.");
        Assert.True(response.Status == 200, $"{what}: {response.Status} {response.StatusText} from {response.Url}. The server's latest warnings and errors:{Environment.NewLine}{Log.Recent()}");
    }

    /// <summary>Skips the calling test, saying how to install chromium, when it is missing.</summary>
    public void RequireChromium()
    {
        if (!IsAvailable)
            Assert.Skip($"chromium is not installed at {ChromiumPath} (apt-get install chromium); the browser tests need it.");
    }

    public async ValueTask InitializeAsync()
    {
        if (!IsAvailable)
            return;
        // Bounded: a start that never finishes fails every browser test with this message instead of stalling the run.
        try
        {
            await StartAsync().WaitAsync(BrowserLimits.Start);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"The browser tests' server and chromium did not start within {BrowserLimits.Start.TotalMinutes} minutes.", e);
        }
    }

    private async Task StartAsync()
    {
        File.WriteAllText(Log.Path, $"# Tenure browser-test server: warnings and errors, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC{Environment.NewLine}");
        var csv = Directory.CreateDirectory(Path.Combine(directory, "csv")).FullName;
        DemoCsvWriter.Write(new DemoOptions(), csv);
        (ScriptAccountId, CsmName) = AddScriptComment(csv);
        var read = DataSetReader.ReadDirectory(csv);
        Data = read.DataSet ?? throw new InvalidOperationException("The demo data did not read back: " + string.Join("; ", read.Errors.Take(5)));

        var dbPath = Path.Combine(directory, "tenure.db");
        Database = TenureDatabase.Open(DatabaseLocation.Parse(dbPath));
        await Database.MigrateAsync();
        await DataSetImporter.ImportAsync(Database, Tenant, Data);
        await DashboardUsers.CreateAsync(Database, Tenant, AdminEmail, DashboardRole.Admin, null, Password);
        await DashboardUsers.CreateAsync(Database, Tenant, ManagerEmail, DashboardRole.Manager, null, Password);
        await DashboardUsers.CreateAsync(Database, Tenant, CsmEmail, DashboardRole.Csm, CsmName, Password);
        await DashboardUsers.CreateAsync(Database, Tenant, ViewerEmail, DashboardRole.Viewer, null, Password);
        ApiKey = (await ApiKeys.CreateAsync(Database, Tenant, ApiKeyRole.Read, "browser tests")).Key;

        app = TenureWebApplication.Build([], builder =>
        {
            builder.Configuration["Tenure:Database"] = dbPath;
            builder.Configuration["Logging:LogLevel:Default"] = "Warning";
            builder.Logging.AddProvider(Log);
            // Every test signs in from 127.0.0.1, dozens of times a minute: the per-address sign-in limit (10/min) is for attackers.
            builder.Configuration["Tenure:SignIn:AttemptsPerMinutePerAddress"] = "10000";
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        });
        await app.StartAsync();
        BaseUrl = app.Urls.First().TrimEnd('/');

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (no cookies) with a laptop-sized window, or <paramref name="width"/> x <paramref name="height"/> (a phone: 390 x 844).</summary>
    public Task<IBrowserContext> NewContextAsync(int width = 1440, int height = 900) =>
        NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new() { Width = width, Height = height } });

    /// <summary>A fresh browser context with these options, whose close is bounded (<see cref="BoundedBrowserContext"/>).</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options) =>
        BoundedBrowserContext.Wrap(await Browser.NewContextAsync(options));

    /// <summary>Signs in through the form; returns the page, on wherever sign-in landed.</summary>
    public async Task<IPage> SignInAsync(IBrowserContext context, string email, string? password = null)
    {
        var page = await context.NewPageAsync();
        // Navigations of a signed-in page wait as long as NavigateByAsync does (a busy CI machine), not Playwright's 30 s.
        page.SetDefaultNavigationTimeout(PageChecks.NavigationMilliseconds);
        await page.GotoAsync("/signin");
        await page.FillAsync("input[type=email]", email);
        await page.FillAsync("input[type=password]", password ?? Password);
        await PageChecks.NavigateByAsync(page, () => page.ClickAsync("button[type=submit]"));
        return page;
    }

    public static string RepoRoot([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", ".."));

    public static string ScreenshotDirectory => Directory.CreateDirectory(Path.Combine(RepoRoot(), "artifacts", "screenshots")).FullName;

    /// <summary>Puts <see cref="ScriptComment"/> into the first survey answer that has a comment; returns its account and that account's CSM.</summary>
    private static (string AccountId, string Csm) AddScriptComment(string csv)
    {
        var surveysPath = Path.Combine(csv, "surveys.csv");
        var lines = File.ReadAllLines(surveysPath);
        var header = lines[0].Split(',');
        int comment = Array.IndexOf(header, "comment"), account = Array.IndexOf(header, "account_id");
        // The demo's comments are plain words; a row is found whose fields hold no quotes, so splitting on commas is exact.
        var row = Enumerable.Range(1, lines.Length - 1).First(i => !lines[i].Contains('"') && lines[i].Split(',')[comment].Length > 0);
        var fields = lines[row].Split(',');
        fields[comment] = ScriptComment;
        lines[row] = string.Join(',', fields);
        File.WriteAllLines(surveysPath, lines);

        var accountId = fields[account];
        var accounts = File.ReadAllLines(Path.Combine(csv, "accounts.csv"));
        var accountHeader = accounts[0].Split(',');
        int idColumn = Array.IndexOf(accountHeader, "account_id"), csmColumn = Array.IndexOf(accountHeader, "csm");
        var accountRow = accounts.Skip(1).Select(l => l.Split(',')).First(f => f[idColumn] == accountId);
        return (accountId, accountRow[csmColumn]);
    }

    public async ValueTask DisposeAsync()
    {
        if (Timings.Count > 0)
        {
            var lines = Timings.OrderBy(t => t.Page, StringComparer.Ordinal)
                .Select(t => $"{t.Page,-16} {t.Url,-60} server {t.ServerMilliseconds,7:0.0} ms   first paint {t.FirstPaintMilliseconds?.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "-",7} ms   first contentful paint {t.FirstContentfulPaintMilliseconds?.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "-",7} ms");
            await StopStepAsync("writing timings.txt", () => File.WriteAllLinesAsync(Path.Combine(ScreenshotDirectory, "timings.txt"),
                [$"# Tenure page timings: demo data set (500 accounts), headless chromium, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC", "# server = responseStart - requestStart of the navigation (time to the response's first byte)", .. lines]));
        }
        // Every step runs, each bounded, whatever the one before did: a server left running keeps the test process
        // from exiting (its host waits for shutdown at process exit), which would stall the whole run.
        if (Browser is not null)
            await StopStepAsync("closing chromium", () => Browser.DisposeAsync().AsTask());
        if (playwright is not null)
            await StopStepAsync("stopping the Playwright driver", () => Task.Run(playwright.Dispose));
        if (app is not null)
        {
            await StopStepAsync("stopping the server", () => app.StopAsync());
            await StopStepAsync("disposing the server", () => app.DisposeAsync().AsTask());
        }
        if (Database is not null)
            await StopStepAsync("closing the database", () => Database.DisposeAsync().AsTask());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    /// <summary>One step of the shutdown, given <see cref="BrowserLimits.StopStep"/>; a failure or a timeout is reported on stderr and the shutdown goes on.</summary>
    private static async Task StopStepAsync(string step, Func<Task> run)
    {
        try
        {
            await run().WaitAsync(BrowserLimits.StopStep);
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"browser tests: {step} failed or took over {BrowserLimits.StopStep.TotalSeconds} s: {e.GetType().Name}: {e.Message}");
        }
    }
}

/// <summary>How long a page took: server time (request to first response byte) and first (contentful) paint, from the navigation start.</summary>
public sealed record PageTiming(string Page, string Url, double ServerMilliseconds, double? FirstPaintMilliseconds, double? FirstContentfulPaintMilliseconds);
