using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

using Tenure.Storage;

// Load test of the warm tenant (issue #13, item 3): N concurrent clients (closed loop) over random dashboard
// views and random `GET /api/v1/metrics` queries of one tenant, with random segment filters (the tenant's own
// csm, plan, segment, industry and region values) and random periods (month, quarter, year, custom range) inside
// [--from, --to). Reports, per kind of request, client latency and the server's own time (its Server-Timing
// header) as p50 / p99 / max, split into first requests (a URL no client asked for before: nothing cached) and
// repeats; errors; and the server's peak memory (with --server-pid).
//
//   dotnet run -c Release --project bench/Tenure.DashboardLoad -- --url http://127.0.0.1:5080 --key READ_KEY
//       --email E --password P --db tenure.db [--tenant default] [--clients 20] [--seconds 60]
//       [--from 2023-01-01] [--to 2025-01-01] [--server-pid PID] [--seed 1] [--slowest N]
//
// --slowest N also lists the N slowest first requests by server time, with their paths: which views and filters
// are the slow ones.
//
// --paths FILE asks the paths listed in FILE (one a line, such as /dashboards/support?period=year&date=2024-01-10&plan=pro;
// /api/ paths with the key) once each, in order, on one client, instead of random requests for --seconds: the same
// views of two builds, each on a fresh server, compared one by one. It prints each path's server time and their sum.
// --pause-ms N waits N ms after each listed path's answer before asking the next: with a pause long enough for the work a
// view starts in the background (its metric grids) to end, each view is timed on a quiet server.
var options = LoadOptions.Parse(args);
var cookies = new CookieContainer();
using var handler = new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false, MaxConnectionsPerServer = 256 };
using var http = new HttpClient(handler) { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromMinutes(2) };

Dictionary<string, string[]> choices;
await using (var database = TenureDatabase.Open(DatabaseLocation.Parse(options.Db)))
{
    var accounts = await StoredData.LoadAccountsAsync(database, options.Tenant);
    string[] Values(Func<Tenure.Metrics.Inputs.Account, string?> of) =>
        [.. accounts.Select(of).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    choices = new(StringComparer.Ordinal)
    {
        ["csm"] = Values(a => a.Csm),
        ["plan"] = Values(a => a.Plan),
        ["segment"] = Values(a => a.Segment),
        ["industry"] = Values(a => a.Industry),
        ["region"] = Values(a => a.Region),
    };
}
var signedIn = options.Email is not null && await SignInAsync(http, options.Email, options.Password ?? "");

var recorder = new Recorder();
var seen = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
long failures = 0;
var peakRss = new PeakMemory(options.ServerPid);
peakRss.ResetPeak();
var clock = Stopwatch.StartNew();
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds));

var listed = options.Paths is { } pathsFile
    ? new Queue<string>(File.ReadLines(pathsFile).Select(l => l.Trim()).Where(l => l.StartsWith('/')))
    : null;
var clients = Enumerable.Range(0, listed is null ? options.Clients : 1).Select(client => Task.Run(async () =>
{
    var random = new Random(options.Seed * 1000 + client);
    while (listed is null ? !stop.IsCancellationRequested : listed.Count > 0)
    {
        if (listed is not null && options.PauseMilliseconds > 0 && seen.Count > 0)
            await Task.Delay(options.PauseMilliseconds);
        var (kind, path, bearer) = listed is null ? NextRequest(random, options, choices, signedIn) : Listed(listed.Dequeue());
        var first = seen.TryAdd(path, 0);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Key);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var client = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var (server, queued) = ServerMilliseconds(response);
            recorder.Add(kind, first, client, server, queued, path);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failures);
                Console.Error.WriteLine($"GET {path}: {(int)response.StatusCode}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Refused, reset or timed out (HttpClient.Timeout, 2 minutes): a failed request, its time counted.
            recorder.Add(kind, first, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null, 0, path);
            Interlocked.Increment(ref failures);
            Console.Error.WriteLine($"GET {path}: {e.GetType().Name}: {e.Message}");
        }
    }
})).ToArray();

using var sampler = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
var sampling = Task.Run(async () =>
{
    while (await sampler.WaitForNextTickAsync())
        peakRss.Sample();
});
await Task.WhenAll(clients);
var elapsed = clock.Elapsed.TotalSeconds;
sampler.Dispose();
await sampling;
peakRss.Sample();

var all = recorder.Rows();
Console.WriteLine(Invariant($"{all.Count:N0} requests from {options.Clients} clients in {elapsed:0.0} s = {all.Count / elapsed:N1} requests/s; {failures} failed"));
// "own": the server's time less what the request waited for a turn at computing (its Server-Timing "queue").
Console.WriteLine("  kind       requests   client p50     p99     max   server p50     p99     max   own p50     p99  (ms)");
foreach (var group in all.GroupBy(r => (r.Kind, r.First)).OrderBy(g => g.Key.Kind, StringComparer.Ordinal).ThenByDescending(g => g.Key.First))
{
    var client = group.Select(r => r.Client).Order().ToArray();
    var server = group.Where(r => r.Server is not null).Select(r => r.Server!.Value).Order().ToArray();
    var own = group.Where(r => r.Server is not null).Select(r => r.Server!.Value - r.Queued).Order().ToArray();
    Console.WriteLine(Invariant(
        $"  {group.Key.Kind + (group.Key.First ? " first" : " again"),-16} {client.Length,6:N0} {Percentile(client, 0.50),9:0.0} {Percentile(client, 0.99),7:0.0} {client.LastOrDefault(),7:0.0} {Percentile(server, 0.50),10:0.0} {Percentile(server, 0.99),7:0.0} {server.LastOrDefault(),7:0.0} {Percentile(own, 0.50),9:0.0} {Percentile(own, 0.99),7:0.0}"));
}
var allClient = all.Select(r => r.Client).Order().ToArray();
var allServer = all.Where(r => r.Server is not null).Select(r => r.Server!.Value).Order().ToArray();
Console.WriteLine(Invariant(
    $"  {"all",-16} {allClient.Length,6:N0} {Percentile(allClient, 0.50),9:0.0} {Percentile(allClient, 0.99),7:0.0} {allClient.LastOrDefault(),7:0.0} {Percentile(allServer, 0.50),10:0.0} {Percentile(allServer, 0.99),7:0.0} {allServer.LastOrDefault(),7:0.0}"));
if (options.Slowest > 0)
{
    Console.WriteLine(Invariant($"  the {options.Slowest} slowest first requests (server ms, client ms, queued ms, path):"));
    foreach (var row in all.Where(r => r.First).OrderByDescending(r => r.Server ?? r.Client).Take(options.Slowest))
        Console.WriteLine(Invariant($"    {row.Server,8:0.0} {row.Client,8:0.0} {row.Queued,8:0.0}  {row.Path}"));
}
if (listed is not null)
{
    Console.WriteLine("  each path (server ms, client ms, path):");
    foreach (var row in all)
        Console.WriteLine(Invariant($"    {row.Server,8:0.0} {row.Client,8:0.0}  {row.Path}"));
    Console.WriteLine(Invariant($"  sum of the server times: {all.Sum(r => r.Server ?? 0):0.0} ms"));
}
if (peakRss.Known)
    Console.WriteLine(Invariant($"  server memory: peak RSS {peakRss.PeakMegabytes:N0} MB (VmHWM {(peakRss.PeakIsOfTheLoad ? "since the load started" : "since the server started")}), RSS at the end {peakRss.LastMegabytes:N0} MB"));
return failures == 0 ? 0 : 1;

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

/// <summary>
/// The server's own time from its <c>Server-Timing: app;dur=X</c> header (null without one) and the part of it the request
/// waited for a turn at computing (<c>queue;dur=Y</c>, 0 without one).
/// </summary>
static (double? Server, double Queued) ServerMilliseconds(HttpResponseMessage response)
{
    if (!response.Headers.TryGetValues("Server-Timing", out var values))
        return (null, 0);
    double? server = null;
    double queued = 0;
    foreach (var value in values)
    {
        foreach (Match match in Regex.Matches(value, @"(app|queue);dur=([0-9.]+)"))
        {
            var milliseconds = double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            if (match.Groups[1].Value == "app")
                server = milliseconds;
            else
                queued = milliseconds;
        }
    }
    return (server, queued);
}

/// <summary>A listed path's kind (its page, or "metrics" for the API, asked with the key).</summary>
static (string Kind, string Path, bool Bearer) Listed(string path)
{
    if (path.StartsWith("/api/", StringComparison.Ordinal))
        return ("metrics", path, true);
    var page = path.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "page";
    return (page, path, false);
}

/// <summary>
/// A random request: half of them (all without sign-in) a metrics query (1 to 4 metrics, monthly over 1 to 24
/// months, sometimes split by a segment attribute), the others a dashboard view; either with 0 to 2 random filters
/// and a random period.
/// </summary>
static (string Kind, string Path, bool Bearer) NextRequest(Random random, LoadOptions options, Dictionary<string, string[]> choices, bool dashboards)
{
    string[] metrics = ["customers", "new-customers", "churned-customers", "churn-rate", "mrr", "new-mrr", "expansion-mrr",
        "contraction-mrr", "churned-mrr", "reactivation-mrr", "nps", "csat", "first-contact-resolution-rate", "first-response-time", "daily-usage"];
    string[] pages = ["kpi", "saas", "executive", "cs-manager", "support", "accounts"];
    string[] bys = ["", "", "", "plan", "segment", "csm", "region"];
    int months = (options.To.Year - options.From.Year) * 12 + options.To.Month - options.From.Month;
    var filters = string.Concat(Enumerable.Range(0, random.Next(3)).Select(_ =>
    {
        var key = choices.Keys.ElementAt(random.Next(choices.Count));
        var values = choices[key];
        return values.Length == 0 ? "" : $"&{key}={Uri.EscapeDataString(values[random.Next(values.Length)])}";
    }).Distinct());
    if (!dashboards || random.Next(2) == 0)
    {
        var start = options.From.AddMonths(random.Next(months));
        var end = start.AddMonths(random.Next(1, months + 1));
        if (end > options.To) end = options.To;
        var picked = string.Join(',', Enumerable.Range(0, random.Next(1, 5)).Select(_ => metrics[random.Next(metrics.Length)]).Distinct());
        var by = bys[random.Next(bys.Length)];
        // The API has no segment filter (it splits instead): a filter becomes a split by that attribute.
        return ("metrics", Invariant($"/api/v1/metrics?metric={picked}&from={start:yyyy-MM-dd}&to={end:yyyy-MM-dd}&period=month{(by.Length > 0 ? "&by=" + by : "")}"), true);
    }
    var page = pages[random.Next(pages.Length)];
    var anchor = options.From.AddMonths(random.Next(months)).AddDays(random.Next(28));
    string period = random.Next(4) switch
    {
        0 => Invariant($"period=month&date={anchor:yyyy-MM-dd}"),
        1 => Invariant($"period=quarter&date={anchor:yyyy-MM-dd}"),
        2 => Invariant($"period=year&date={anchor:yyyy-MM-dd}"),
        _ => Invariant($"period=custom&from={anchor:yyyy-MM-dd}&to={anchor.AddDays(random.Next(7, 200)):yyyy-MM-dd}"),
    };
    var path = page == "accounts" ? "/accounts" : "/dashboards/" + page;
    return (page, $"{path}?{period}{filters}", false);
}

/// <summary>Signs in through the sign-in form (its antiforgery token included) so dashboard pages can be read.</summary>
static async Task<bool> SignInAsync(HttpClient http, string email, string password)
{
    var form = await http.GetStringAsync("/signin");
    var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
    using var content = new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["_handler"] = "signin",
        ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        ["Input.Email"] = email,
        ["Input.Password"] = password,
    });
    using var response = await http.PostAsync("/signin", content);
    using var check = await http.GetAsync("/dashboards/kpi");
    if (check.StatusCode != HttpStatusCode.OK)
        throw new InvalidOperationException($"signing in as {email} failed: the sign-in answered {(int)response.StatusCode}, a dashboard then {(int)check.StatusCode}");
    return true;
}

static double Percentile(double[] sorted, double p) =>
    sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

/// <summary>Requests' latencies (client and server, in milliseconds) by kind and whether the URL was new, from any thread.</summary>
internal sealed class Recorder
{
    private readonly List<(string Kind, bool First, double Client, double? Server, double Queued, string Path)> rows = [];

    public void Add(string kind, bool first, double client, double? server, double queued, string path)
    {
        lock (rows)
            rows.Add((kind, first, client, server, queued, path));
    }

    public List<(string Kind, bool First, double Client, double? Server, double Queued, string Path)> Rows()
    {
        lock (rows)
            return [.. rows];
    }
}

/// <summary>
/// The server's resident memory from /proc (Linux): VmHWM is the peak since it started, or since <see cref="ResetPeak"/>
/// (writing 5 to /proc/PID/clear_refs, allowed to the server's own user and root), VmRSS now.
/// </summary>
internal sealed class PeakMemory(int? pid)
{
    public bool Known { get; private set; }

    public long PeakMegabytes { get; private set; }

    /// <summary>Whether the peak was reset when the load started (else it is the server's since its start, its load and warm-up too).</summary>
    public bool PeakIsOfTheLoad { get; private set; }

    public void ResetPeak()
    {
        if (pid is null)
            return;
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            PeakIsOfTheLoad = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another user's process, or no /proc: the peak since the server started.
        }
    }

    public long LastMegabytes { get; private set; }

    public void Sample()
    {
        if (pid is null)
            return;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    PeakMegabytes = Math.Max(PeakMegabytes, Kilobytes(line) / 1024);
                else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    LastMegabytes = Kilobytes(line) / 1024;
            }
            Known = true;
        }
        catch (IOException)
        {
            // The server is gone: keep the last sample.
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}

internal sealed record LoadOptions(
    string Url, string Key, string Db, string Tenant, int Clients, double Seconds, DateTime From, DateTime To,
    string? Email, string? Password, int? ServerPid, int Seed, int Slowest, string? Paths, int PauseMilliseconds)
{
    public static LoadOptions Parse(string[] args)
    {
        string? Optional(string name)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        string Value(string name, string? fallback = null) =>
            Optional(name) ?? fallback ?? throw new ArgumentException($"{name} is required");
        DateTime Date(string name, string fallback) =>
            DateTime.SpecifyKind(DateTime.ParseExact(Value(name, fallback), "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc);
        return new LoadOptions(
            Value("--url", "http://127.0.0.1:5080"),
            Value("--key"),
            Value("--db"),
            Value("--tenant", "default"),
            int.Parse(Value("--clients", "20"), CultureInfo.InvariantCulture),
            double.Parse(Value("--seconds", "60"), CultureInfo.InvariantCulture),
            Date("--from", "2023-01-01"),
            Date("--to", "2025-01-01"),
            Optional("--email"),
            Optional("--password"),
            Optional("--server-pid") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            int.Parse(Value("--seed", "1"), CultureInfo.InvariantCulture),
            int.Parse(Value("--slowest", "0"), CultureInfo.InvariantCulture),
            Optional("--paths"),
            int.Parse(Value("--pause-ms", "0"), CultureInfo.InvariantCulture));
    }
}
