using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

using Tenure.Metrics.Inputs;
using Tenure.Storage;
using Tenure.Storage.Alerts;
using Tenure.Storage.Snapshots;
using Tenure.Storage.Webhooks;
using Tenure.Web.Alerts;

namespace Tenure.Web.Tests;

/// <summary>
/// Webhook deliveries against a real receiver: Kestrel on 127.0.0.1 and a free port, started by the test, which
/// checks each signature itself (HMAC-SHA256 computed here, not by Tenure's code).
/// </summary>
public sealed class WebhookDeliveryTests
{
    private const string Secret = "s3cret-for-the-receiver-only";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Account X1 (CSM ann) with an NPS 2 from u7 one day before <paramref name="now"/>.</summary>
    private static TenureDataSet Data(DateTime now) => new()
    {
        Accounts = [new Account("X1", "Xenon", new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), Csm: "ann")],
        Surveys = [new SurveyResponse("r1", "nps", "X1", "u7", 2, Scale.ZeroToTen, null, now.Date.AddDays(-1))],
        Present = InputKind.Accounts | InputKind.Surveys,
    };

    [Fact]
    public async Task Delivery_SignedRetriedAfter500_NotDuplicatedByReimport()
    {
        await using var receiver = await Receiver.StartAsync(failFirst: 1);
        await using var db = await TempDatabase.CreateAsync();
        var now = new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);
        var clock = new FakeTimeProvider(new DateTimeOffset(now));
        await DataSetImporter.ImportAsync(db.Database, "acme", Data(now), cancellationToken: Token);
        var hook = await Webhooks.AddAsync(db.Database, "acme", receiver.Url("/hook"), Secret, "alert.opened,alert.resolved", Token);
        var dispatcher = new WebhookDispatcher(db.Database, WebhookDispatcher.CreateClient(TimeSpan.FromSeconds(10)), clock, NullLogger<WebhookDispatcher>.Instance);

        var (_, changes) = await TenantAlerts.EvaluateAsync(db.Database, "acme", now, cancellationToken: Token);
        var first = await dispatcher.SendDueAsync(Token);      // the receiver answers 500
        var notDue = await dispatcher.SendDueAsync(Token);     // the retry waits 15 s
        clock.Advance(TimeSpan.FromSeconds(15));
        var retried = await dispatcher.SendDueAsync(Token);    // 200
        // The same file imported again and evaluated again: the alert is still open, nothing new is sent.
        await DataSetImporter.ImportAsync(db.Database, "acme", Data(now), cancellationToken: Token);
        var (_, again) = await TenantAlerts.EvaluateAsync(db.Database, "acme", now.AddMinutes(5), cancellationToken: Token);
        clock.Advance(TimeSpan.FromHours(1));
        var afterReimport = await dispatcher.SendDueAsync(Token);

        Assert.Single(changes.Opened);
        Assert.Equal((1, 0, 1, 0), (first, notDue, retried, afterReimport));
        Assert.Empty(again.Opened);
        Assert.Equal(2, receiver.Requests.Count);
        var (a, b) = (receiver.Requests.First(), receiver.Requests.Last());
        Assert.Equal((500, 200), (a.Answered, b.Answered));
        Assert.Equal(a.Delivery, b.Delivery);                 // a retry is the same delivery, same bytes
        Assert.Equal(a.Body, b.Body);
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid, $"bad signature {r.Signature}"));
        Assert.Equal("application/json; charset=utf-8", a.ContentType);
        using var body = JsonDocument.Parse(a.Body);
        var root = body.RootElement;
        Assert.Equal(a.Delivery, root.GetProperty("id").GetString());
        Assert.Equal("alert.opened", root.GetProperty("event").GetString());
        Assert.Equal("2026-12-01T10:00:00Z", root.GetProperty("occurred_at").GetString());
        Assert.Equal("acme", root.GetProperty("tenant").GetString());
        var data = root.GetProperty("data");
        Assert.Equal(("detractor", "X1", "ann", "open", "NPS 2 from u7 on 2026-11-30"),
            (data.GetProperty("rule").GetString(), data.GetProperty("account_id").GetString(), data.GetProperty("csm").GetString(),
             data.GetProperty("status").GetString(), data.GetProperty("reason").GetString()));
        var log = Assert.Single(await Webhooks.DeliveriesAsync(db.Database, "acme", hook.Id, cancellationToken: Token));
        Assert.Equal((DeliveryStatus.Delivered, 2, (int?)200, (string?)null), (log.Status, log.Attempts, log.LastStatusCode, log.LastError));
    }

    [Fact]
    public async Task Delivery_Redirect_IsNotFollowedAndCountsAsAFailure()
    {
        await using var receiver = await Receiver.StartAsync(failFirst: 0);
        await using var db = await TempDatabase.CreateAsync();
        var now = new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);
        var clock = new FakeTimeProvider(new DateTimeOffset(now));
        await DataSetImporter.ImportAsync(db.Database, "acme", Data(now), cancellationToken: Token);
        var hook = await Webhooks.AddAsync(db.Database, "acme", receiver.Url("/moved"), Secret, null, Token);
        var dispatcher = new WebhookDispatcher(db.Database, WebhookDispatcher.CreateClient(TimeSpan.FromSeconds(10)), clock, NullLogger<WebhookDispatcher>.Instance);

        await TenantAlerts.EvaluateAsync(db.Database, "acme", now, cancellationToken: Token);
        await dispatcher.SendDueAsync(Token);

        Assert.Equal(["/moved"], receiver.Requests.Select(r => r.Path)); // never /hook, where it points
        var log = Assert.Single(await Webhooks.DeliveriesAsync(db.Database, "acme", hook.Id, cancellationToken: Token));
        Assert.Equal((DeliveryStatus.Pending, 1, (int?)307), (log.Status, log.Attempts, log.LastStatusCode));
        Assert.StartsWith("HTTP 307: redirect to http://elsewhere.invalid/hook not followed", log.LastError);
    }

    [Fact]
    public async Task Delivery_ReceiverDown_IsRetriedLater()
    {
        await using var db = await TempDatabase.CreateAsync();
        var now = new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);
        var clock = new FakeTimeProvider(new DateTimeOffset(now));
        await DataSetImporter.ImportAsync(db.Database, "acme", Data(now), cancellationToken: Token);
        string url;
        await using (var gone = await Receiver.StartAsync(failFirst: 0))
            url = gone.Url("/hook"); // a port nobody listens on any more
        var hook = await Webhooks.AddAsync(db.Database, "acme", url, Secret, null, Token);
        var dispatcher = new WebhookDispatcher(db.Database, WebhookDispatcher.CreateClient(TimeSpan.FromSeconds(10)), clock, NullLogger<WebhookDispatcher>.Instance);

        await TenantAlerts.EvaluateAsync(db.Database, "acme", now, cancellationToken: Token);
        await dispatcher.SendDueAsync(Token);

        var log = Assert.Single(await Webhooks.DeliveriesAsync(db.Database, "acme", hook.Id, cancellationToken: Token));
        Assert.Equal((DeliveryStatus.Pending, 1, (int?)null, now.AddSeconds(15)), (log.Status, log.Attempts, log.LastStatusCode, log.NextAttemptAt));
        Assert.NotNull(log.LastError);
    }

    /// <summary>
    /// Deliveries written while no server ran (as `tenure import` writes them) are sent by the server when it starts:
    /// the durable outbox, end to end through `tenure serve`'s hosted services.
    /// </summary>
    [Fact]
    public async Task Serve_AtStart_SendsWhatIsPending()
    {
        await using var receiver = await Receiver.StartAsync(failFirst: 0);
        await using var db = await TempDatabase.CreateAsync();
        var now = DateTime.UtcNow;
        await DataSetImporter.ImportAsync(db.Database, "acme", Data(now), cancellationToken: Token);
        await Webhooks.AddAsync(db.Database, "acme", receiver.Url("/hook"), Secret, null, Token);
        await TenantAlerts.EvaluateAsync(db.Database, "acme", now, cancellationToken: Token);
        var pending = Assert.Single(await Webhooks.DueAsync(db.Database, now.AddMinutes(1), cancellationToken: Token));

        await using var server = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Tenure:Database", db.File);
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseSetting("Tenure:Dashboards:WarmUp", "false");
        });
        _ = server.Services; // starts the host and its hosted services
        for (var i = 0; i < 600 && receiver.Requests.IsEmpty; i++)
            await Task.Delay(100, Token);

        var received = Assert.Single(receiver.Requests);
        Assert.Equal(pending.Id, received.Delivery);
        Assert.True(received.SignatureValid);
    }

    /// <summary>A webhook receiver on 127.0.0.1 and a free port: records every request, answers 500 to the first <c>failFirst</c>, then 200; /moved answers 307 to another host.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication app;
        private int failuresLeft;

        private Receiver(WebApplication app, int failFirst) => (this.app, failuresLeft) = (app, failFirst);

        public ConcurrentQueue<Received> Requests { get; } = new();

        public static async Task<Receiver> StartAsync(int failFirst)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new Receiver(app, failFirst);
            app.MapPost("/hook", receiver.HandleAsync);
            app.MapPost("/moved", async context =>
            {
                await receiver.RecordAsync(context, 307);
                context.Response.StatusCode = 307;
                context.Response.Headers.Location = "http://elsewhere.invalid/hook";
            });
            await app.StartAsync(Token);
            return receiver;
        }

        public string Url(string path) => app.Urls.First().TrimEnd('/') + path;

        private async Task HandleAsync(HttpContext context)
        {
            var status = Interlocked.Decrement(ref failuresLeft) >= 0 ? 500 : 200;
            await RecordAsync(context, status);
            context.Response.StatusCode = status;
        }

        private async Task RecordAsync(HttpContext context, int answered)
        {
            using var stream = new MemoryStream();
            await context.Request.Body.CopyToAsync(stream);
            var raw = stream.ToArray();
            var signature = context.Request.Headers["X-Tenure-Signature"].ToString();
            // The receiver's own check: sha256= + lowercase hex HMAC-SHA256(secret, raw body).
            var expected = "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), raw)).ToLowerInvariant();
            Requests.Enqueue(new Received(context.Request.Path, context.Request.Headers["X-Tenure-Delivery"].ToString(), signature,
                signature == expected, Encoding.UTF8.GetString(raw), context.Request.ContentType, answered));
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private sealed record Received(string Path, string Delivery, string Signature, bool SignatureValid, string Body, string? ContentType, int Answered);

    private sealed class TempDatabase : IAsyncDisposable
    {
        private TempDatabase(string file, TenureDatabase database) => (File, Database) = (file, database);

        public string File { get; }

        public TenureDatabase Database { get; }

        public static async Task<TempDatabase> CreateAsync()
        {
            var file = Path.Combine(Path.GetTempPath(), $"tenure-webhooks-{Guid.NewGuid():N}.db");
            var database = TenureDatabase.Open(DatabaseLocation.Parse(file));
            await database.MigrateAsync(Token);
            return new TempDatabase(file, database);
        }

        public async ValueTask DisposeAsync()
        {
            await Database.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var path in new[] { File, File + "-wal", File + "-shm" })
            {
                try { System.IO.File.Delete(path); } catch (IOException) { }
            }
            try { Directory.Delete(TenantSnapshotFile.DirectoryOf(File), recursive: true); } catch (IOException) { }
        }
    }
}
