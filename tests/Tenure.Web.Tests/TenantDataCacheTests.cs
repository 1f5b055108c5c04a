using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;
using Tenure.Metrics.Reporting;
using Tenure.Storage;
using Tenure.Testing;
using Tenure.Web.Data;

namespace Tenure.Web.Tests;

/// <summary>
/// The tenant data in memory under writes (issue #15, item 5): usage posted through the API is applied to the
/// snapshot without a reload and gives the figures a full reload gives; a stale snapshot is served while a reload
/// runs; an account added behind the server's back is still accepted in usage.
/// </summary>
public abstract class TenantDataCacheTests(PostgresServer postgres, Provider provider)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// The changes a cache reports. A change is reported after the readers waiting for its snapshot are answered, so a
    /// test waits for the one it expects before reading the list.
    /// </summary>
    private sealed class ChangeRecorder
    {
        private readonly List<TenantDataChangedEventArgs> changes = [];
        private readonly List<(long Version, TaskCompletionSource Reported)> waiting = [];

        public ChangeRecorder(TenantDataCache cache) => cache.DataChanged += (_, change) =>
        {
            lock (changes)
            {
                changes.Add(change);
                foreach (var (version, reported) in waiting.Where(w => w.Version <= change.Current.Version))
                    reported.TrySetResult();
            }
        };

        /// <summary>Every change reported once the one that published <paramref name="version"/> is.</summary>
        public async Task<List<TenantDataChangedEventArgs>> UpToAsync(long version)
        {
            var reported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (changes)
            {
                if (changes.Exists(c => c.Current.Version >= version))
                    reported.TrySetResult();
                else
                    waiting.Add((version, reported));
            }
            await reported.Task.WaitAsync(TimeSpan.FromMinutes(1), Token);
            lock (changes)
                return [.. changes];
        }
    }

    /// <summary>The sample tenant posted through the API and read once: its snapshot in memory, with its book built.</summary>
    private static async Task<(HttpClient Client, TenantDataCache Cache, TenantSnapshot Loaded)> WarmSampleAsync(TenureTestServer server)
    {
        var client = await server.ClientAsync();
        await SampleData.LoadAsync(client);
        await (await client.Get("/api/v1/accounts/A1")).JsonAsync(HttpStatusCode.OK); // the tenant's first load
        var cache = server.Services.GetRequiredService<TenantDataCache>();
        var loaded = cache.Loaded("acme")!;
        // The sample's rows are in it (loaded, or the later batches applied in memory once a background reader loaded it).
        Assert.Equal(await StoredData.DataVersionAsync(server.Database, "acme", Token), loaded.Version);
        _ = loaded.Accounts;
        return (client, cache, loaded);
    }

    [Fact]
    public async Task UsagePosts_AreAppliedInMemory_AndGiveTheFiguresOfAFullReload()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var (client, cache, loaded) = await WarmSampleAsync(server);
        var changes = new ChangeRecorder(cache);

        // 30 posts of 1 to 8 events: accounts and users at random, days over April to June, the same key often
        // repeated within and across posts (added to a count already in memory), users with and without a name.
        var random = new Random(15);
        string[] accounts = ["A1", "A2", "A3"];
        string[] users = ["", "U1", "U2", "U10", "ü"];
        long events = 0;
        const int Posts = 30;
        for (int post = 0; post < Posts; post++)
        {
            var csv = new StringBuilder("account_id,user_id,timestamp,event\n");
            int count = random.Next(1, 9);
            for (int i = 0; i < count; i++)
            {
                var at = new DateTime(2024, 4, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(random.Next(0, 91 * 24));
                csv.Append(CultureInfo.InvariantCulture, $"{accounts[random.Next(accounts.Length)]},{users[random.Next(users.Length)]},{at:yyyy-MM-ddTHH:mm:ssZ},login\n");
            }
            var answer = await (await client.PostCsvAsync("usage", csv.ToString())).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(count, answer.GetProperty("events").GetInt64());
            events += count;
            _ = cache.Loaded("acme")!.Accounts;
        }

        // Every post answered after its change was in memory, none by reloading: the snapshot is the loaded one plus
        // 30 versions applied in memory, and it is the stored version.
        var current = cache.Loaded("acme")!;
        Assert.Equal(loaded.Version + Posts, current.Version);
        Assert.Equal(loaded.LoadedVersion, current.LoadedVersion);
        Assert.Equal(current.Version, await StoredData.DataVersionAsync(server.Database, "acme", Token));
        var reported = await changes.UpToAsync(current.Version);
        Assert.All(reported, c => Assert.True(c.UsageOnly));
        Assert.Equal(current.Version, reported[^1].Current.Version);

        // A full reload (a new cache) reads the same rows, in the same order, and every usage figure is the same.
        using var fresh = new TenantDataCache(server.Database, NullLogger<TenantDataCache>.Instance);
        var reloaded = await fresh.GetAsync("acme", Token);
        Assert.Equal(current.Version, reloaded.Version);
        Assert.Equal(reloaded.Data.Usage, current.Data.Usage);
        Assert.Equal(reloaded.Data.Present, current.Data.Present);
        Assert.Equal(reloaded.Accounts.Accounts.Select(a => a.Account.AccountId), current.Accounts.Accounts.Select(a => a.Account.AccountId));
        foreach (var records in reloaded.Accounts.Accounts)
        {
            var same = current.Accounts.Find(records.Account.AccountId)!;
            Assert.Equal(records.Usage, same.Usage);
            Assert.Equal(records.Subscriptions, same.Subscriptions);
            Assert.Equal(records.Tickets, same.Tickets);
            Assert.Equal(records.Surveys, same.Surveys);
        }
        Assert.Equal(loaded.Data.Usage.Sum(u => (long)u.Events) + events, current.Data.Usage.Sum(u => (long)u.Events));
        var request = new MetricRequest(new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 7, 1, 0, 0, 0, DateTimeKind.Utc),
            Granularity.Day, SegmentBy.Plan, ["daily-usage", "dau", "wau", "mau", "stickiness", "adoption-rate", "engagement"]);
        Assert.Equal(Json(MetricEngine.Compute(reloaded.Data, request)), Json(MetricEngine.Compute(current.Data, request)));
        Assert.Equal(Json(MetricEngine.Compute(reloaded.Data, request with { Granularity = Granularity.Month })),
            Json(MetricEngine.Compute(current.Data, request with { Granularity = Granularity.Month })));
        // And the API answers from the snapshot in memory what it answers over the reloaded data.
        var api = await client.Get("/api/v1/metrics?from=2024-03-01&to=2024-07-01&period=month&by=plan&metric=daily-usage,dau,wau,mau,stickiness,adoption-rate,engagement");
        Assert.Equal(Json(MetricEngine.Compute(reloaded.Data, request with { Granularity = Granularity.Month })), await api.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task RowsPostedThroughTheApi_AreUpsertedInMemory_AndGiveWhatAReloadReads()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var (client, cache, loaded) = await WarmSampleAsync(server);

        // Each batch updates a stored row and adds one between, before or after the stored keys (code point order).
        string[][] batches =
        [
            ["tickets", "ticket_id,account_id,created_at,first_response_at,resolved_at,status\nT2,A1,2024-05-01,2024-05-01T00:10:00Z,2024-05-01T03:00:00Z,solved\nT25,A3,2024-06-12,,,open\n"],
            ["subscriptions", "subscription_id,account_id,plan,start_date,end_date,amount,interval,quantity,discount,currency\nS0,A3,basic,2024-03-01,,99.50,month,,,USD\nS2,A2,basic,2023-03-05,2025-03-05,3000.00,year,,,USD\n"],
            ["accounts", "account_id,name,created_at,segment,industry,plan,csm,region,acquisition_cost,currency\nA2,Globex Corp,2023-03-05T09:30:00Z,smb,software,basic,cy,NA,,USD\nA4,Initech,2024-05-20,smb,software,basic,bo,NA,250.50,USD\n"],
            ["surveys", "response_id,survey,account_id,user_id,score,scale,comment,submitted_at,ticket_id\nR2,nps,A1,U2,6,0-10,Better,2024-06-01,\nR6,nps,A4,,10,0-10,,2024-06-05,\n"],
        ];
        foreach (var batch in batches)
        {
            var answer = await (await client.PostCsvAsync(batch[0], batch[1])).JsonAsync(HttpStatusCode.OK);
            Assert.Equal((1, 1), (answer.GetProperty("inserted").GetInt64(), answer.GetProperty("updated").GetInt64()));
            // Answered once the batch is in what reads are served from.
            Assert.Equal(await StoredData.DataVersionAsync(server.Database, "acme", Token), cache.Loaded("acme")!.Version);
        }

        var current = cache.Loaded("acme")!;
        Assert.Equal(loaded.Version + batches.Length, current.Version);
        Assert.Equal(loaded.LoadedVersion, current.LoadedVersion); // applied in memory, never reloaded

        using var fresh = new TenantDataCache(server.Database, NullLogger<TenantDataCache>.Instance);
        var reloaded = await fresh.GetAsync("acme", Token);
        Assert.Equal(reloaded.Data.Present, current.Data.Present);
        // Records print every value (a decimal with its scale): equal text is the same rows, in the same order.
        Assert.Equal(reloaded.Data.Accounts.Select(r => r.ToString()), current.Data.Accounts.Select(r => r.ToString()));
        Assert.Equal(reloaded.Data.Subscriptions.Select(r => r.ToString()), current.Data.Subscriptions.Select(r => r.ToString()));
        Assert.Equal(reloaded.Data.Tickets.Select(r => r.ToString()), current.Data.Tickets.Select(r => r.ToString()));
        Assert.Equal(reloaded.Data.Surveys.Select(r => r.ToString()), current.Data.Surveys.Select(r => r.ToString()));
        Assert.Equal(["T1", "T2", "T25", "T3", "T4"], current.Data.Tickets.Select(t => t.TicketId));
        Assert.Equal(["A1", "A2", "A3", "A4"], current.Accounts.Accounts.Select(a => a.Account.AccountId));
        Assert.Equal("cy", current.Accounts.Find("A2")!.Account.Csm);
        // The API answers from it what it answers over the reloaded data: MRR (S2 now 3000 / 12 = 250 a month; S0
        // adds 99.5 from March), tickets and NPS by csm.
        var request = new MetricRequest(new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 7, 1, 0, 0, 0, DateTimeKind.Utc),
            Granularity.Month, SegmentBy.Csm, ["mrr", "customers", "tickets", "first-response-time", "nps"]);
        var api = await client.Get("/api/v1/metrics?from=2024-03-01&to=2024-07-01&period=month&by=csm&metric=mrr,customers,tickets,first-response-time,nps");
        Assert.Equal(Json(MetricEngine.Compute(reloaded.Data, request)), await api.Content.ReadAsStringAsync(Token));
        Assert.Equal(Json(MetricEngine.Compute(reloaded.Data, request)), Json(MetricEngine.Compute(current.Data, request)));
    }

    [Fact]
    public async Task ATicketsBatchAskingForCsat_IsAppliedInMemory_WithTheSendsItQueued()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres, new Dictionary<string, string?> { ["Tenure:Mail:Send"] = "false" });
        var admin = await server.ClientAsync(role: ApiKeyRole.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync("survey-definitions", "{\"type\": \"csat\", \"name\": \"Support CSAT\", \"after_tickets\": true}")).StatusCode);
        var (client, cache, loaded) = await WarmSampleAsync(server);

        // T7 and T8 resolved yesterday (2024-06-14; CSAT asks after tickets resolved in the last days), T9 still open.
        var batch = "ticket_id,account_id,created_at,resolved_at,status,requester_email\n" +
            "T7,A1,2024-06-13,2024-06-14T10:00:00Z,solved,ann@umbrella.example\nT8,A2,2024-06-13,2024-06-14T11:00:00Z,solved,\nT9,A3,2024-06-14,,open,\n";
        await (await client.PostCsvAsync("tickets", batch)).JsonAsync(HttpStatusCode.OK);

        // Answered once the tickets and the two sends they queued (two versions) are in memory, with no reload.
        var current = cache.Loaded("acme")!;
        Assert.Equal(loaded.Version + 2, current.Version);
        Assert.Equal(await StoredData.DataVersionAsync(server.Database, "acme", Token), current.Version);
        Assert.Equal(loaded.LoadedVersion, current.LoadedVersion);
        Assert.Equal(2, current.Data.SurveySends!.Count);
        using var fresh = new TenantDataCache(server.Database, NullLogger<TenantDataCache>.Instance);
        var reloaded = await fresh.GetAsync("acme", Token);
        Assert.Equal(reloaded.Data.SurveySends!.Select(s => s.ToString()), current.Data.SurveySends.Select(s => s.ToString()));
        Assert.Equal(reloaded.Data.Tickets.Select(t => t.ToString()), current.Data.Tickets.Select(t => t.ToString()));
    }

    [Fact]
    public async Task SurveyAnswersBetweenUsagePosts_AreAppliedInVersionOrder_AsAReloadReadsThem()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var day = new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        var accounts = new TenureDataSet { Accounts = [new Account("A1", "Umbrella", day), new Account("A2", "Globex", day)], Present = InputKind.Accounts };
        await DataSetImporter.ImportAsync(server.Database, "acme", accounts, cancellationToken: Token);
        var loads = 0;
        using var cache = new TenantDataCache(server.Database, NullLogger<TenantDataCache>.Instance, (tenant, cancellationToken) =>
        {
            Interlocked.Increment(ref loads);
            return StoredData.LoadVersionedAsync(server.Database, tenant, cancellationToken);
        });
        var changes = new ChangeRecorder(cache);
        var loaded = await cache.GetAsync("acme", Token);

        // usage, an answer (a new response), usage, the same response answered again, usage: five versions, each
        // reported by its writer as the server's API and survey pages do.
        async Task UsageAsync(string account, int events)
        {
            var added = (await UsageIngest.AddAsync(server.Database, "acme", [new UsageDay(account, "u1", day, events)], Token))!;
            await cache.UsageAddedAsync("acme", added, Token);
        }
        async Task AnswerAsync(string id, string account, int score, string? comment)
        {
            var response = new SurveyResponse(id, "nps", account, "u1", score, Scale.ZeroToTen, comment, day.AddHours(9));
            var summary = await DataSetImporter.ImportAsync(server.Database, "acme", new TenureDataSet { Surveys = [response], Present = InputKind.Surveys }, cancellationToken: Token);
            await cache.ChangesStoredAsync("acme", [new SurveyResponseStored(summary.DataVersion, response)], Token);
        }
        await UsageAsync("A1", 3);
        await AnswerAsync("r-\U0001F600", "A2", 4, null);
        await UsageAsync("A2", 2);
        await AnswerAsync("r-\U0001F600", "A2", 9, "Better now");
        await AnswerAsync("r-\uE000", "A1", 10, "Great");
        await UsageAsync("A1", 5);

        var current = cache.Loaded("acme")!;
        Assert.Equal(await StoredData.DataVersionAsync(server.Database, "acme", Token), current.Version);
        Assert.Equal(loaded.Version + 6, current.Version);
        Assert.Equal(1, loads); // never reloaded
        var fresh = await StoredData.LoadAsync(server.Database, "acme", Token);
        Assert.Equal(fresh.Surveys, current.Data.Surveys);
        Assert.Equal(fresh.Usage, current.Data.Usage);
        Assert.Equal(fresh.Present, current.Data.Present);
        Assert.Equal(["r-\uE000", "r-\U0001F600"], current.Data.Surveys.Select(s => s.ResponseId)); // code point order, as loaded
        Assert.Equal(9, current.Data.Surveys[1].Score);
        Assert.Equal(8, current.Data.Usage.Where(u => u.AccountId == "A1").Sum(u => u.Events));
        Assert.Equal([9], current.Accounts.Find("A2")!.Surveys.Select(s => s.Score)); // the book is rebuilt from the rows
        // A snapshot with an answer in it is not a usage-only change (the live pages and the health recomputation
        // read that); one with only usage since the one before is.
        var reported = await changes.UpToAsync(current.Version);
        Assert.Contains(reported, c => !c.UsageOnly && c.Current.Data.Surveys.Count > 0 && c.Previous is not null);
        Assert.All(reported.Where(c => c.Previous is not null && c.Current.Data.Surveys.SequenceEqual(c.Previous.Data.Surveys)), c => Assert.True(c.UsageOnly));
    }

    [Fact]
    public async Task StaleSnapshot_IsServedWhileAReloadRuns()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var accounts = new TenureDataSet { Accounts = [new Account("A1", "Umbrella", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc))], Present = InputKind.Accounts };
        await DataSetImporter.ImportAsync(server.Database, "acme", accounts, cancellationToken: Token);

        // The second load is held until the test lets it go.
        var loads = 0;
        var secondLoadStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseSecondLoad = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cache = new TenantDataCache(server.Database, NullLogger<TenantDataCache>.Instance, async (tenant, cancellationToken) =>
        {
            if (Interlocked.Increment(ref loads) == 2)
            {
                secondLoadStarted.SetResult();
                await releaseSecondLoad.Task.WaitAsync(cancellationToken);
            }
            return await StoredData.LoadVersionedAsync(server.Database, tenant, cancellationToken);
        });
        var changes = new ChangeRecorder(cache);

        var first = await cache.GetAsync("acme", Token);
        Assert.Equal(1, first.Version);

        // Another process imports (no report reaches this cache): the next read gets the snapshot it has at once and
        // starts the reload, which is then held.
        await DataSetImporter.ImportAsync(server.Database, "acme", accounts with { Accounts = [.. accounts.Accounts, new Account("A2", "Globex", new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc))] }, cancellationToken: Token);
        var during = await cache.GetAsync("acme", Token).WaitAsync(TimeSpan.FromMinutes(1), Token);
        Assert.Same(first, during);
        await secondLoadStarted.Task.WaitAsync(TimeSpan.FromMinutes(1), Token);
        Assert.Same(first, await cache.GetAsync("acme", Token).WaitAsync(TimeSpan.FromMinutes(1), Token)); // still not blocked

        var waiting = cache.GetCurrentAsync("acme", Token);
        Assert.False(waiting.IsCompleted);
        releaseSecondLoad.SetResult();
        var second = await waiting.WaitAsync(TimeSpan.FromMinutes(1), Token);
        Assert.Equal(2, second.Version);
        Assert.Equal(["A1", "A2"], second.Data.Accounts.Select(a => a.AccountId));
        Assert.Same(second, await cache.GetAsync("acme", Token));
        Assert.Equal(2, loads);

        // One change per snapshot: the first load (from nothing), then the reload, which is not a usage-only change.
        var reported = await changes.UpToAsync(second.Version);
        Assert.Equal(2, reported.Count);
        Assert.Null(reported[0].Previous);
        Assert.Same(first, reported[1].Previous);
        Assert.Same(second, reported[1].Current);
        Assert.False(reported[1].UsageOnly);
    }

    [Fact]
    public async Task UsageOfAnAccountAddedByAnotherProcess_IsAccepted()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync();
        await SampleData.LoadAsync(client);
        await (await client.Get("/api/v1/accounts/A1")).JsonAsync(HttpStatusCode.OK); // loaded without A4

        // A4 is imported straight into the database (as `tenure import` beside the server would): the ids in memory
        // do not have it yet, the stored ones do.
        await DataSetImporter.ImportAsync(server.Database, "acme",
            new TenureDataSet { Accounts = [new Account("A4", "Initech", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc))], Present = InputKind.Accounts }, cancellationToken: Token);
        var answer = await (await client.PostCsvAsync("usage", "account_id,user_id,timestamp\nA4,U9,2024-06-10T10:00:00Z\nA4,U9,2024-06-11\n")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, answer.GetProperty("events").GetInt64());

        var a4 = await (await client.Get("/api/v1/accounts/A4?asOf=2024-06-15")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, a4.GetProperty("usage").GetProperty("last30Days").GetProperty("events").GetInt64());

        // An id that is in neither is still refused, naming the stored accounts.
        var problem = await (await client.PostCsvAsync("usage", "account_id,user_id,timestamp\nA5,U9,2024-06-10\n")).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("A5", problem.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static string Json(IReadOnlyList<MetricResult> results)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
            MetricJson.WriteResults(json, results);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

public sealed class TenantDataCacheTestsOnSqlite(PostgresServer postgres) : TenantDataCacheTests(postgres, Provider.Sqlite)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ChangesAppliedInMemory_AreWrittenToTheSnapshotFile_WhichTheNextLoadReads()
    {
        // A database of this test alone (no server reading it), so every file write is this cache's.
        var directory = Directory.CreateTempSubdirectory("tenure-snapshot-save-");
        await using var database = TenureDatabase.Open(DatabaseLocation.Parse(Path.Combine(directory.FullName, "tenure.db")));
        await database.MigrateAsync(Token);
        var day = new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        await DataSetImporter.ImportAsync(database, "acme", new TenureDataSet { Accounts = [new Account("A1", "Umbrella", day)], Present = InputKind.Accounts }, cancellationToken: Token);
        using var cache = new TenantDataCache(database, NullLogger<TenantDataCache>.Instance,
            (tenant, cancellationToken) => StoredData.LoadVersionedAsync(database, tenant, cancellationToken), long.MaxValue,
            (tenant, data, version, cancellationToken) => StoredData.SaveSnapshotAsync(database, tenant, data, version, cancellationToken), TimeSpan.FromMilliseconds(100));
        var loaded = await cache.GetAsync("acme", Token);
        var file = new FileInfo(Storage.Snapshots.TenantSnapshotFile.PathFor(database, "acme")!);
        var writtenByTheLoad = file.LastWriteTimeUtc;

        // Usage posted: applied in memory (no reload), then written to the file after the delay.
        var added = await UsageIngest.AddAsync(database, "acme", [new UsageDay("A1", "u1", day, 3)], Token);
        await cache.UsageAddedAsync("acme", added!, Token);
        Assert.Equal(loaded.Version + 1, cache.Loaded("acme")!.Version);
        Assert.Equal(loaded.LoadedVersion, cache.Loaded("acme")!.LoadedVersion);
        for (var waited = 0; waited < 300; waited++)
        {
            file.Refresh();
            if (file.LastWriteTimeUtc != writtenByTheLoad)
                break;
            await Task.Delay(100, Token);
        }
        Assert.NotEqual(writtenByTheLoad, file.LastWriteTimeUtc);

        // Rows removed behind Tenure's back (no new data version): a load that still has the 3 events read the file.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(database.Location.ConnectionString))
        {
            await connection.OpenAsync(Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM usage_days";
            Assert.Equal(1, await command.ExecuteNonQueryAsync(Token));
        }
        var (data, version) = await StoredData.LoadVersionedAsync(database, "acme", Token);
        Assert.Equal(loaded.Version + 1, version);
        Assert.Equal(3, Assert.Single(data.Usage).Events);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { directory.Delete(recursive: true); } catch (IOException) { } // best effort
    }
}

public sealed class TenantDataCacheTestsOnPostgres(PostgresServer postgres) : TenantDataCacheTests(postgres, Provider.PostgreSql);
