using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

using Tenure.Storage;

// Load generator for `POST /api/v1/usage` (issue #3, item 6): sends batches of usage events from
// several concurrent clients for a bounded time, then reports events per second, request latency
// (p50 / p99) and whether every event sent was stored (sum of the tenant's rollup counts).
//
//   dotnet run -c Release --project bench/Tenure.UsageLoad -- --url http://127.0.0.1:5080 --key KEY
//       --db tenure.db --tenant load --accounts 1000 [--seconds 30] [--batch 2000] [--clients 4] [--body json|csv]
//
// The accounts A000001..A{accounts} must exist in the tenant (bench/usage-load.sh imports them).
var options = LoadOptions.Parse(args);
using var http = new HttpClient { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromMinutes(2) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Key);

await using var database = TenureDatabase.Open(DatabaseLocation.Parse(options.Db));
long before = await StoredEvents(database, options.Tenant);

var latencies = new List<double>[options.Clients];
long eventsSent = 0, failures = 0;
var deadline = Stopwatch.StartNew();
var clients = Enumerable.Range(0, options.Clients).Select(client => Task.Run(async () =>
{
    var random = new Random(client + 1);
    var mine = latencies[client] = [];
    var request = new StringBuilder();
    while (deadline.Elapsed.TotalSeconds < options.Seconds)
    {
        request.Clear();
        Batch(request, random, options);
        using var content = new StringContent(request.ToString(), Encoding.UTF8, options.Body == "csv" ? "text/csv" : "application/json");
        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsync("/api/v1/usage", content);
        mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (response.IsSuccessStatusCode)
        {
            Interlocked.Add(ref eventsSent, options.Batch);
        }
        else
        {
            Interlocked.Increment(ref failures);
            Console.Error.WriteLine($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            if (failures > 10)
                return;
        }
    }
})).ToArray();
await Task.WhenAll(clients);
var elapsed = deadline.Elapsed.TotalSeconds;

long stored = await StoredEvents(database, options.Tenant) - before;
var all = latencies.SelectMany(l => l).Order().ToArray();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{DatabaseLocation.Parse(options.Db).Provider}: {eventsSent:N0} events in {all.Length:N0} requests of {options.Batch:N0} ({options.Body}) from {options.Clients} clients over {elapsed:0.0} s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  {eventsSent / elapsed:N0} events/s, {all.Length / elapsed:N1} requests/s; latency p50 {Percentile(all, 0.50):0.0} ms, p99 {Percentile(all, 0.99):0.0} ms, max {all.LastOrDefault():0.0} ms; {failures} failed requests"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  stored: {stored:N0} events ({(stored == eventsSent ? "every event accounted for" : $"MISMATCH: {eventsSent - stored:N0} not stored")})"));
return stored == eventsSent && failures == 0 ? 0 : 1;

static void Batch(StringBuilder body, Random random, LoadOptions options)
{
    // Events of the last 30 days for random accounts and users: the shape of a product's event stream.
    var today = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    if (options.Body == "csv")
        body.Append("account_id,user_id,timestamp,event\n");
    else
        body.Append('[');
    for (int i = 0; i < options.Batch; i++)
    {
        var account = random.Next(1, options.Accounts + 1);
        var user = random.Next(1, 6);
        var at = today.AddSeconds(-random.Next(0, 30 * 86_400));
        var accountId = $"A{account:000000}";
        var userId = $"{accountId}-U{user}";
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

static async Task<long> StoredEvents(TenureDatabase database, string tenant)
{
    var data = await StoredData.LoadAsync(database, tenant);
    return data.Usage.Sum(u => (long)u.Events);
}

static double Percentile(double[] sorted, double p) =>
    sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

internal sealed record LoadOptions(string Url, string Key, string Db, string Tenant, int Accounts, double Seconds, int Batch, int Clients, string Body)
{
    public static LoadOptions Parse(string[] args)
    {
        string Value(string name, string? fallback = null)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback ?? throw new ArgumentException($"{name} is required");
        }
        return new LoadOptions(
            Value("--url", "http://127.0.0.1:5080"),
            Value("--key"),
            Value("--db"),
            Value("--tenant", "load"),
            int.Parse(Value("--accounts", "1000"), CultureInfo.InvariantCulture),
            double.Parse(Value("--seconds", "30"), CultureInfo.InvariantCulture),
            int.Parse(Value("--batch", "2000"), CultureInfo.InvariantCulture),
            int.Parse(Value("--clients", "4"), CultureInfo.InvariantCulture),
            Value("--body", "json"));
    }
}
