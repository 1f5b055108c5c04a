using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

using Tenure.Storage;

// Load generator for `POST /api/v1/usage` (issue #3, item 6) and the load-and-fault run of issue #15
// (item 5): sends batches of usage events for a bounded time and, with --read-key, reads at the same
// time (random metric, account and, with --email, dashboard requests), then reports events per second,
// latency (p50 / p99) of writes and reads, read throughput, errors, the server's peak memory (with
// --server-pid) and whether every event the server acknowledged was stored (accepted = stored).
//
//   dotnet run -c Release --project bench/Tenure.UsageLoad -- --url http://127.0.0.1:5080 --key KEY
//       --db tenure.db --tenant load [--accounts 1000] [--seconds 30] [--batch 2000] [--clients 4]
//       [--body json|csv] [--rate POSTS_PER_SECOND] [--read-key KEY --readers N]
//       [--email E --password P] [--server-pid PID] [--as-of yyyy-MM-dd]
//
// Without --rate each client posts back to back (closed loop); with it, posts start at that rate
// whatever the answers take (open loop, as a product's event stream does). Account ids: with
// --accounts the ids A000001..A{accounts} (bench/usage-load.sh imports them); with --accounts 0 the
// tenant's stored accounts (a demo data set).
var options = LoadOptions.Parse(args);
var cookies = new CookieContainer();
using var handler = new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false, MaxConnectionsPerServer = 256 };
using var http = new HttpClient(handler) { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromMinutes(2) };

await using var database = TenureDatabase.Open(DatabaseLocation.Parse(options.Db));
var stored = await StoredData.LoadAsync(database, options.Tenant);
long before = stored.Usage.Sum(u => (long)u.Events);
string[] accountIds = options.Accounts > 0
    ? [.. Enumerable.Range(1, options.Accounts).Select(i => $"A{i:000000}")]
    : [.. stored.Accounts.Select(a => a.AccountId)];
stored = null!; // the reads below must not keep a second copy of the tenant alive in this process
if (accountIds.Length == 0)
    throw new InvalidOperationException($"tenant {options.Tenant} has no accounts to send usage for");
var dashboards = options.Email is not null && await SignInAsync(http, options.Email, options.Password ?? "");

var writes = new Recorder();
var reads = new Recorder();
long eventsAccepted = 0, writeFailures = 0, writeTimeouts = 0, readFailures = 0;
var peakRss = new PeakMemory(options.ServerPid);
var deadline = Stopwatch.StartNew();
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds));

async Task PostAsync(Random random)
{
    var body = new StringBuilder();
    Batch(body, random, options, accountIds);
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/usage")
    {
        Content = new StringContent(body.ToString(), Encoding.UTF8, options.Body == "csv" ? "text/csv" : "application/json"),
    };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Key);
    var started = Stopwatch.GetTimestamp();
    try
    {
        using var response = await http.SendAsync(request);
        writes.Add("usage", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (response.IsSuccessStatusCode)
        {
            Interlocked.Add(ref eventsAccepted, options.Batch);
        }
        else
        {
            Interlocked.Increment(ref writeFailures);
            Console.Error.WriteLine($"POST usage: {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
    {
        // Refused, reset or timed out (HttpClient.Timeout): a failed post, counted as not accepted.
        writes.Add("usage", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        Interlocked.Increment(ref writeFailures);
        if (e is TaskCanceledException)
            Interlocked.Increment(ref writeTimeouts);
        Console.Error.WriteLine($"POST usage: {e.GetType().Name}: {e.Message}");
    }
}

Task[] writers;
if (options.Rate > 0)
{
    // Open loop: one post every 1/rate s, each on its own task, so a slow answer never slows the stream.
    writers = [Task.Run(async () =>
    {
        var random = new Random(1);
        var inFlight = new List<Task>();
        var interval = TimeSpan.FromSeconds(1 / options.Rate);
        using var timer = new PeriodicTimer(interval);
        while (!stop.IsCancellationRequested && await timer.WaitForNextTickAsync(CancellationToken.None))
        {
            if (stop.IsCancellationRequested)
                break;
            inFlight.Add(PostAsync(new Random(random.Next())));
        }
        await Task.WhenAll(inFlight);
    })];
}
else
{
    writers = [.. Enumerable.Range(0, options.Clients).Select(client => Task.Run(async () =>
    {
        var random = new Random(client + 1);
        while (!stop.IsCancellationRequested && Interlocked.Read(ref writeFailures) <= 10)
            await PostAsync(random);
    }))];
}

var readers = Enumerable.Range(0, options.Readers).Select(reader => Task.Run(async () =>
{
    var random = new Random(1000 + reader);
    while (!stop.IsCancellationRequested)
    {
        var (kind, path, bearer) = ReadRequest(random, options, accountIds, dashboards);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ReadKey);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            reads.Add(kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref readFailures);
                Console.Error.WriteLine($"GET {path}: {(int)response.StatusCode}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Refused, reset or timed out (HttpClient.Timeout, 2 minutes): a failed read, its time counted.
            reads.Add(kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Interlocked.Increment(ref readFailures);
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
await Task.WhenAll([.. writers, .. readers]);
var elapsed = deadline.Elapsed.TotalSeconds;
sampler.Dispose();
await sampling;
peakRss.Sample();

long storedEvents = (await StoredData.LoadAsync(database, options.Tenant)).Usage.Sum(u => (long)u.Events) - before;
var provider = DatabaseLocation.Parse(options.Db).Provider;
var w = writes.All();
Console.WriteLine(Invariant(
    $"{provider}: {eventsAccepted:N0} events accepted in {w.Length:N0} posts of {options.Batch:N0} ({options.Body}) {(options.Rate > 0 ? $"at {options.Rate:0.#} posts/s" : $"from {options.Clients} clients")} over {elapsed:0.0} s"));
Console.WriteLine(Invariant(
    $"  writes: {eventsAccepted / elapsed:N0} events/s, {w.Length / elapsed:N1} posts/s; latency p50 {Percentile(w, 0.50):0.0} ms, p99 {Percentile(w, 0.99):0.0} ms, max {w.LastOrDefault():0.0} ms; {writeFailures} failed"));
if (options.Readers > 0)
{
    var r = reads.All();
    Console.WriteLine(Invariant(
        $"  reads ({options.Readers} clients): {r.Length:N0} in {elapsed:0.0} s = {r.Length / elapsed:N1} requests/s; latency p50 {Percentile(r, 0.50):0.0} ms, p99 {Percentile(r, 0.99):0.0} ms, max {r.LastOrDefault():0.0} ms; {readFailures} failed"));
    foreach (var (kind, latencies) in reads.ByKind())
        Console.WriteLine(Invariant($"    {kind,-10} {latencies.Length,6:N0} requests; p50 {Percentile(latencies, 0.50),8:0.0} ms, p99 {Percentile(latencies, 0.99),8:0.0} ms"));
}
if (peakRss.Known)
    Console.WriteLine(Invariant($"  server memory: peak RSS {peakRss.PeakMegabytes:N0} MB (VmHWM since the server started), RSS at the end {peakRss.LastMegabytes:N0} MB"));
// A post the client gave up on (timeout) may still have been stored: at most its events more than acknowledged.
var verdict = storedEvents == eventsAccepted ? "every acknowledged event stored, nothing else"
    : storedEvents > eventsAccepted && storedEvents - eventsAccepted <= writeTimeouts * options.Batch ? $"every acknowledged event stored, and {storedEvents - eventsAccepted:N0} of the {writeTimeouts} posts that timed out on the client"
    : $"MISMATCH: {eventsAccepted - storedEvents:N0} acknowledged events not stored";
Console.WriteLine(Invariant($"  accepted = stored: {eventsAccepted:N0} acknowledged, {storedEvents:N0} stored ({verdict})"));
return storedEvents == eventsAccepted && writeFailures == 0 && readFailures == 0 ? 0 : 1;

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

static void Batch(StringBuilder body, Random random, LoadOptions options, string[] accountIds)
{
    // Events of the 30 days before the as-of day for random accounts and users: the shape of a product's event stream.
    var today = options.AsOf;
    if (options.Body == "csv")
        body.Append("account_id,user_id,timestamp,event\n");
    else
        body.Append('[');
    for (int i = 0; i < options.Batch; i++)
    {
        var accountId = accountIds[random.Next(accountIds.Length)];
        var userId = $"{accountId}-U{random.Next(1, 6)}";
        var at = today.AddSeconds(-random.Next(1, 30 * 86_400));
        var timestamp = at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        if (options.Body == "csv")
        {
            body.Append(accountId).Append(',').Append(userId).Append(',').Append(timestamp).Append(",feature_used\n");
        }
        else
        {
            if (i > 0) body.Append(',');
            body.Append("{\"account_id\":\"").Append(accountId).Append("\",\"user_id\":\"").Append(userId)
                .Append("\",\"timestamp\":\"").Append(timestamp).Append("\",\"event\":\"feature_used\"}");
        }
    }
    if (options.Body != "csv")
        body.Append(']');
}

/// <summary>A random read: a metric query over 1 to 12 months, an account, or (signed in) a dashboard of a month.</summary>
static (string Kind, string Path, bool Bearer) ReadRequest(Random random, LoadOptions options, string[] accountIds, bool dashboards)
{
    string[] metrics = ["mrr", "churn-rate", "net-revenue-retention", "nps", "csat", "tickets", "mau", "arpa", "customers", "new-mrr"];
    string[] pages = ["kpi", "saas", "executive", "cs-manager", "support"];
    string[] bys = ["", "", "plan", "segment", "csm"];
    var month = options.AsOf.AddMonths(-random.Next(1, 24));
    var roll = random.Next(dashboards ? 10 : 6);
    if (roll < 4)
    {
        var to = month.AddMonths(random.Next(1, 13));
        var by = bys[random.Next(bys.Length)];
        return ("metrics", Invariant($"/api/v1/metrics?metric={metrics[random.Next(metrics.Length)]}&from={month:yyyy-MM-dd}&to={to:yyyy-MM-dd}&period=month{(by.Length > 0 ? "&by=" + by : "")}"), true);
    }
    if (roll < 6)
        return ("account", $"/api/v1/accounts/{Uri.EscapeDataString(accountIds[random.Next(accountIds.Length)])}", true);
    return ("dashboard", Invariant($"/dashboards/{pages[random.Next(pages.Length)]}?period=month&date={month:yyyy-MM-dd}"), false);
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

/// <summary>Request latencies in milliseconds by kind of request, from any thread.</summary>
internal sealed class Recorder
{
    private readonly List<(string Kind, double Milliseconds)> all = [];

    public void Add(string kind, double milliseconds)
    {
        lock (all)
            all.Add((kind, milliseconds));
    }

    public double[] All()
    {
        lock (all)
            return [.. all.Select(a => a.Milliseconds).Order()];
    }

    public IEnumerable<(string Kind, double[] Sorted)> ByKind()
    {
        lock (all)
            return [.. all.GroupBy(a => a.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Select(a => a.Milliseconds).Order().ToArray()))];
    }
}

/// <summary>The server's resident memory from /proc (Linux): VmHWM is the peak since it started, VmRSS now.</summary>
internal sealed class PeakMemory(int? pid)
{
    public bool Known { get; private set; }

    public long PeakMegabytes { get; private set; }

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
    string Url, string Key, string Db, string Tenant, int Accounts, double Seconds, int Batch, int Clients, string Body,
    double Rate, string? ReadKey, int Readers, string? Email, string? Password, int? ServerPid, DateTime AsOf)
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
        var readKey = Optional("--read-key");
        return new LoadOptions(
            Value("--url", "http://127.0.0.1:5080"),
            Value("--key"),
            Value("--db"),
            Value("--tenant", "load"),
            int.Parse(Value("--accounts", "1000"), CultureInfo.InvariantCulture),
            double.Parse(Value("--seconds", "30"), CultureInfo.InvariantCulture),
            int.Parse(Value("--batch", "2000"), CultureInfo.InvariantCulture),
            int.Parse(Value("--clients", "4"), CultureInfo.InvariantCulture),
            Value("--body", "json"),
            double.Parse(Value("--rate", "0"), CultureInfo.InvariantCulture),
            readKey,
            readKey is null ? 0 : int.Parse(Value("--readers", "4"), CultureInfo.InvariantCulture),
            Optional("--email"),
            Optional("--password"),
            Optional("--server-pid") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            DateTime.SpecifyKind(DateTime.ParseExact(Value("--as-of", "2026-11-01"), "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc));
    }
}
