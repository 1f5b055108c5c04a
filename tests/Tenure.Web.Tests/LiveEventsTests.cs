using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

using Microsoft.Extensions.DependencyInjection;

using Tenure.Ingest;
using Tenure.Storage;
using Tenure.Storage.Users;
using Tenure.Testing;
using Tenure.Web.Errors;
using Tenure.Web.Live;

namespace Tenure.Web.Tests;

/// <summary>The live streams (GET /api/v1/events, GET /live/events): who may listen, to what, what wakes them, their caps.</summary>
public abstract class LiveEventsTests(PostgresServer postgres, Provider provider)
{
    private const string Password = "live-test-password";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Streams_WithoutCredentials_Are401_NeverARedirect()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var anonymous = server.BrowserLikeClient();

        await (await anonymous.Get(LiveEventsApi.ApiPath)).ProblemAsync(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        await (await anonymous.Get(LiveEventsApi.PagePath)).ProblemAsync(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task PageStream_WithTheSignInCookie_IsAnUnbufferedEventStream()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        await DashboardUsers.CreateAsync(server.Database, "acme", "ann@example.com", DashboardRole.Csm, "ann", Password, Token);
        var browser = server.BrowserLikeClient();
        var cookie = SignIn.SessionCookie(await SignIn.PostAsync(browser, await SignIn.TokenAsync(browser, "/signin"), "ann@example.com", Password));

        using var request = new HttpRequestMessage(HttpMethod.Get, LiveEventsApi.PagePath);
        request.Headers.Add("Cookie", cookie);
        await using var stream = await EventStream.OpenAsync(server.AnonymousClient(), request);

        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.True(stream.Response.Headers.CacheControl?.NoCache);
        Assert.Equal("no", Assert.Single(stream.Response.Headers.GetValues("X-Accel-Buffering")));
        Assert.Equal(["retry: 5000", ": connected"], stream.Preamble);
    }

    [Fact]
    public async Task ApiStream_AfterAnIngestBatch_SendsAUsageChangeOfTheKeysTenant()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var writer = await server.ClientAsync("acme");
        await SampleData.LoadAsync(writer);
        await (await writer.Get("/api/v1/accounts")).JsonAsync(HttpStatusCode.OK); // the tenant is in memory: the batch is applied there
        var reader = await server.ClientAsync("acme", ApiKeyRole.Read);
        await using var stream = await EventStream.OpenAsync(reader, LiveEventsApi.ApiPath);

        await (await writer.PostCsvAsync("usage", SampleData.Usage)).JsonAsync(HttpStatusCode.OK);

        // The alert evaluations of the load and of the batch may send "alert" events around it: wait for the batch's.
        var change = await stream.NextChangeAsync(TenantChanges.Usage);
        Assert.Equal("acme", change.GetProperty("tenant").GetString());
        // A batch of usage events merges into the tenant's data: no full reload ("data") with it.
        Assert.DoesNotContain(TenantChanges.Data, Kinds(change));
        Assert.True(change.GetProperty("data_version").GetInt64() > 0);
        Assert.Equal(TenureTestServer.Now, change.GetProperty("occurred_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Streams_HearOnlyTheirOwnTenant()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var acme = await server.ClientAsync("acme");
        var globex = await server.ClientAsync("globex");
        await using var acmeStream = await EventStream.OpenAsync(acme, LiveEventsApi.ApiPath);
        await using var globexStream = await EventStream.OpenAsync(globex, LiveEventsApi.ApiPath);

        await (await acme.PostCsvAsync("accounts", SampleData.Accounts)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("acme", (await acmeStream.NextChangeAsync(TenantChanges.Data)).GetProperty("tenant").GetString());
        // acme's event went out before globex changed: had it reached globex's stream, it would be read there first,
        // among the events skipped on the way to globex's own (an alert evaluation may send more of either tenant's).
        await (await globex.PostCsvAsync("accounts", SampleData.Accounts)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("globex", (await globexStream.NextChangeAsync(TenantChanges.Data)).GetProperty("tenant").GetString());
        Assert.All(globexStream.Read, e => Assert.Equal("globex", e.GetProperty("tenant").GetString()));
        Assert.All(acmeStream.Read, e => Assert.Equal("acme", e.GetProperty("tenant").GetString()));
    }

    [Fact]
    public async Task ApiStream_AfterAnImportOfAnotherProcess_SendsADataChange_AndReadsSeeIt()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync("acme");
        await SampleData.LoadAsync(client);
        Assert.Equal(3, (await (await client.Get("/api/v1/accounts")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32());
        await using var stream = await EventStream.OpenAsync(client, LiveEventsApi.ApiPath);

        // `tenure import` of one more account, through the storage API on its own database handle: this server's
        // cache never hears of it, only the stored data version tells.
        var directory = Directory.CreateTempSubdirectory("tenure-live-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "accounts.csv"), SampleData.Accounts + "A4,Initech,2024-05-01,smb,software,basic,bo,NA,,USD\n", Token);
            var read = DataSetReader.ReadDirectory(directory);
            Assert.Empty(read.Errors);
            await using var otherProcess = server.AnotherInstance();
            await DataSetImporter.ImportAsync(otherProcess.Database, "acme", read.DataSet!, cancellationToken: Token);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        // Skips any "alert" event of the load's evaluations: waits for the reload's "data".
        var change = await stream.NextChangeAsync(TenantChanges.Data);
        Assert.Contains(TenantChanges.Data, Kinds(change));
        // 3 sample accounts + A4 = 4, served without waiting: the event came after the new snapshot.
        Assert.Equal(4, (await (await client.Get("/api/v1/accounts")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ApiStream_AfterAnIngestThatOpensAnAlert_SendsAnAlertChange()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var writer = await server.ClientAsync("acme");
        await (await writer.PostCsvAsync("accounts", "account_id,name,created_at,csm\nX1,Xenon,2020-01-01,ann\n")).JsonAsync(HttpStatusCode.OK);
        await (await writer.Get("/api/v1/accounts")).JsonAsync(HttpStatusCode.OK); // the tenant is in memory: the next ingest refreshes it and is evaluated
        await using var stream = await EventStream.OpenAsync(await server.ClientAsync("acme", ApiKeyRole.Read), LiveEventsApi.ApiPath);

        // An NPS 2 the day before the server's now (2024-06-15): the evaluation after the ingest opens a detractor alert.
        await (await writer.PostCsvAsync("surveys", "response_id,survey,account_id,user_id,score,scale,submitted_at\nr1,nps,X1,u7,2,0-10,2024-06-14\n")).JsonAsync(HttpStatusCode.OK);

        var change = await stream.NextChangeAsync(TenantChanges.Alerts);
        Assert.Equal("acme", change.GetProperty("tenant").GetString());
        // The one alert change of the run is the detractor's (nothing else opened or resolved), and it is stored
        // before the event went out: a read after the event sees it.
        var alerts = (await (await writer.Get("/api/v1/alerts?status=all")).JsonAsync(HttpStatusCode.OK)).GetProperty("alerts");
        var alert = Assert.Single(alerts.EnumerateArray());
        Assert.Equal(("detractor", "X1", "open"), (alert.GetProperty("rule").GetString(), alert.GetProperty("account_id").GetString(), alert.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task ApiStream_AfterAnAlertIsResolvedByHand_SendsAnAlertChange()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres, new Dictionary<string, string?> { ["Tenure:Alerts:Evaluate"] = "false" });
        var writer = await server.ClientAsync("acme");
        await (await writer.PostCsvAsync("accounts", "account_id,name,created_at,csm\nX1,Xenon,2020-01-01,ann\n")).JsonAsync(HttpStatusCode.OK);
        await (await writer.PostCsvAsync("surveys", "response_id,survey,account_id,user_id,score,scale,submitted_at\nr1,nps,X1,u7,2,0-10,2024-06-14\n")).JsonAsync(HttpStatusCode.OK);
        var opened = (await (await writer.PostAsync("/api/v1/alerts/evaluate", null, Token)).JsonAsync(HttpStatusCode.OK)).GetProperty("opened");
        var id = Assert.Single(opened.EnumerateArray()).GetProperty("id").GetInt64();
        await using var stream = await EventStream.OpenAsync(await server.ClientAsync("acme", ApiKeyRole.Read), LiveEventsApi.ApiPath);

        await (await writer.PostAsync($"/api/v1/alerts/{id}/resolve", null, Token)).JsonAsync(HttpStatusCode.OK);

        // With the hourly and after-ingest evaluation off, the only thing that can send an event now is the resolve.
        var change = await stream.NextChangeAsync(TenantChanges.Alerts);
        Assert.Equal([TenantChanges.Alerts], Kinds(change));
    }

    private static string?[] Kinds(JsonElement change) => [.. change.GetProperty("changes").EnumerateArray().Select(c => c.GetString())];

    [Fact]
    public async Task Notify_ManyTimesWithinTheCoalescingInterval_SendsOneEventNowAndOneForTheRest()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var changes = server.Services.GetRequiredService<TenantChanges>();
        changes.Notify("acme", TenantChanges.Tasks); // nobody listens: nothing is kept for later
        using var subscription = changes.Subscribe("acme");

        for (var i = 0; i < 100; i++)
            changes.Notify("acme", i % 2 == 0 ? TenantChanges.Tasks : TenantChanges.Notes);
        var first = await subscription.Events.ReadAsync(Token);
        var second = await subscription.Events.ReadAsync(Token);
        changes.Notify("acme", TenantChanges.Surveys);
        var third = await subscription.Events.ReadAsync(Token);

        // The first notification goes out at once; the other 99 wait out the interval and go out as one event with
        // each kind once; the next notification is the third event: the 100 made exactly two.
        Assert.Equal((1, "task"), (first.Sequence, string.Join(',', first.Changes)));
        Assert.Equal((2, "note,task"), (second.Sequence, string.Join(',', second.Changes)));
        Assert.Equal((3, "survey"), (third.Sequence, string.Join(',', third.Changes)));
    }

    [Fact]
    public async Task Streams_PastTheCaps_Are429_AndAClosedStreamGivesItsPlaceBack()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres, new Dictionary<string, string?>
        {
            ["Tenure:Live:MaxConnectionsPerUser"] = "1",
            ["Tenure:Live:MaxConnections"] = "2",
        });
        var first = await server.ClientAsync("acme", ApiKeyRole.Read);
        var second = await server.ClientAsync("acme", ApiKeyRole.Read);
        var third = await server.ClientAsync("globex", ApiKeyRole.Read);
        var connections = server.Services.GetRequiredService<LiveConnections>();

        var firstStream = await EventStream.OpenAsync(first, LiveEventsApi.ApiPath);
        var perUser = await (await first.GetAsync(LiveEventsApi.ApiPath, HttpCompletionOption.ResponseHeadersRead, Token)).ProblemAsync(HttpStatusCode.TooManyRequests, ProblemTypes.TooManyRequests);
        Assert.Contains("MaxConnectionsPerUser", perUser.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var secondStream = await EventStream.OpenAsync(second, LiveEventsApi.ApiPath);
        var overall = await third.GetAsync(LiveEventsApi.ApiPath, HttpCompletionOption.ResponseHeadersRead, Token);
        Assert.Equal(TimeSpan.FromSeconds(LiveEventsApi.RetryAfterSeconds), overall.Headers.RetryAfter?.Delta);
        Assert.Contains("Tenure:Live:MaxConnections)", (await overall.ProblemAsync(HttpStatusCode.TooManyRequests, ProblemTypes.TooManyRequests)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        await firstStream.DisposeAsync(); // the client goes away: the server notices (RequestAborted) and frees the place
        while (connections.Open > 1)
            await Task.Delay(20, Token);
        await using var thirdStream = await EventStream.OpenAsync(third, LiveEventsApi.ApiPath);
        Assert.Equal(2, connections.Open);
    }

    /// <summary>A client's side of a stream: reads its lines, skipping comments, up to the next change event.</summary>
    private sealed class EventStream : IAsyncDisposable
    {
        /// <summary>Bounds a read so a missing event fails the test instead of hanging it (not a timing assertion: events come within ~2 s).</summary>
        private static readonly TimeSpan ReadBound = TimeSpan.FromSeconds(30);

        private readonly StreamReader reader;

        private EventStream(HttpResponseMessage response, StreamReader reader, List<string> preamble) =>
            (Response, this.reader, Preamble) = (response, reader, preamble);

        public HttpResponseMessage Response { get; }

        /// <summary>The lines before the first blank line: the retry field and the connected comment.</summary>
        public IReadOnlyList<string> Preamble { get; }

        public static Task<EventStream> OpenAsync(HttpClient client, string path) =>
            OpenAsync(client, new HttpRequestMessage(HttpMethod.Get, path));

        public static async Task<EventStream> OpenAsync(HttpClient client, HttpRequestMessage request)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
            if (response.StatusCode != HttpStatusCode.OK)
                Assert.Fail($"{request.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Token)}");
            var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Token));
            var stream = new EventStream(response, reader, []);
            // Read up to the end of the preamble: once it is here, the server has subscribed.
            var preamble = (List<string>)stream.Preamble;
            while (await stream.LineAsync() is { Length: > 0 } line)
                preamble.Add(line);
            return stream;
        }

        /// <summary>Every "change" event read so far (those <see cref="NextChangeAsync"/> skipped too), oldest first.</summary>
        public List<JsonElement> Read { get; } = [];

        /// <summary>
        /// The data of the next "change" event whose changes include <paramref name="kind"/>, as JSON; events of other
        /// kinds only (an alert evaluation's "alert" before an ingest's "usage") are skipped. Each line's read is bounded
        /// (<see cref="ReadBound"/>), and so is the whole wait: a kind that never comes fails the test.
        /// </summary>
        public async Task<JsonElement> NextChangeAsync(string kind)
        {
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(Token);
            bound.CancelAfter(ReadBound);
            string? name = null, data = null;
            while (true)
            {
                var line = await LineAsync(bound.Token);
                if (line.Length == 0)
                {
                    if (name == TenantChange.EventName && data is not null)
                    {
                        var change = JsonDocument.Parse(data).RootElement.Clone();
                        Read.Add(change);
                        if (change.GetProperty("changes").EnumerateArray().Any(c => c.GetString() == kind))
                            return change;
                    }
                    (name, data) = (null, null);
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line["data: ".Length..];
                }
            }
        }

        private async Task<string> LineAsync(CancellationToken cancellationToken = default)
        {
            var token = cancellationToken.CanBeCanceled ? cancellationToken : Token;
            return await reader.ReadLineAsync(token).AsTask().WaitAsync(ReadBound, token) ?? throw new InvalidOperationException("The stream ended.");
        }

        public ValueTask DisposeAsync()
        {
            Response.Dispose(); // aborts the request: the server sees the client go away
            try
            {
                reader.Dispose();
            }
            catch (InvalidOperationException)
            {
                // A read still pending (a failed test): the response is gone all the same.
            }
            return ValueTask.CompletedTask;
        }
    }
}

public sealed class LiveEventsTestsOnSqlite(PostgresServer postgres) : LiveEventsTests(postgres, Provider.Sqlite);

public sealed class LiveEventsTestsOnPostgres(PostgresServer postgres) : LiveEventsTests(postgres, Provider.PostgreSql);
