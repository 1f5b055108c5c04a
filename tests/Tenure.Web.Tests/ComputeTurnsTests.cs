using System.Net;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using Tenure.Testing;
using Tenure.Web.Hosting;

namespace Tenure.Web.Tests;

/// <summary>
/// Issue #13 item 3: pages and API answers not cached yet are computed a bounded number at once, server-wide
/// (<see cref="ComputeTurns"/>); a cached answer takes no turn; a request that goes away stops waiting.
/// </summary>
public sealed class ComputeTurnsTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ComputeTurns Turns(int count) => new(Options.Create(new CacheOptions { ConcurrentComputations = count }));

    [Fact]
    public void Count_DefaultsToTheProcessorCount()
    {
        Assert.Equal(Environment.ProcessorCount, Turns(0).Count);
        Assert.Equal(3, Turns(3).Count);
    }

    [Fact]
    public async Task WaitAsync_BeyondTheCount_WaitsUntilATurnIsGivenBack()
    {
        var turns = Turns(2);
        var first = await turns.WaitAsync(Token);
        var second = await turns.WaitAsync(Token);
        var third = turns.WaitAsync(Token).AsTask();
        Assert.Equal(2, turns.Running);
        Assert.False(third.IsCompleted); // two turns, both held
        Assert.Equal(1, turns.Waiting);

        first.Dispose();
        using var turn = await third.WaitAsync(TimeSpan.FromSeconds(30), Token);
        Assert.Equal(2, turns.Running);
        Assert.Equal(0, turns.Waiting);
        second.Dispose();
        Assert.Equal(1, turns.Running);
    }

    [Fact]
    public async Task WaitAsync_Cancelled_StopsWaitingAndTakesNoTurn()
    {
        var turns = Turns(1);
        var held = await turns.WaitAsync(Token);
        using var goneAway = new CancellationTokenSource();
        var waiting = turns.WaitAsync(goneAway.Token).AsTask();
        goneAway.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, turns.Waiting);

        held.Dispose();
        Assert.Equal(0, turns.Running); // the cancelled wait took nothing it must give back
        default(ComputeTurns.Turn).Dispose(); // a turn never taken gives nothing back
        Assert.Equal(0, turns.Running);
    }

    [Fact]
    public async Task Turns_OfKindsNeverTimed_GoOldestFirst()
    {
        var turns = Turns(1);
        var held = await turns.WaitAsync(Token);
        var order = new List<string>();
        var waits = new[] { "a", "b", "c" }.Select(kind => TakeAndNote(turns, kind, order)).ToList();
        await Until(() => turns.Waiting == 3);
        held.Dispose();
        await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(30), Token);
        Assert.Equal(["a", "b", "c"], order);
    }

    [Fact]
    public async Task Turns_GoToTheEarliestDue_TheQuickKindBeforeASlowOneThatAskedJustBefore_ButNotForEver()
    {
        var turns = new ComputeTurns(Options.Create(new CacheOptions { ConcurrentComputations = 1, TurnsByCost = 4 }));
        // The kinds' times: "slow" held 200 ms (at least, timed here from outside the turn), "quick" given back at once.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (await turns.WaitAsync("slow", Token))
            await Task.Delay(200, Token);
        var slow = clock.Elapsed;
        (await turns.WaitAsync("quick", Token)).Dispose();

        // The slow kind asks first, the quick one right after: the quick one is due first (by 4 x 200 ms less a few microseconds).
        Assert.Equal(["quick", "slow"], await WhoGoesFirst(turns, "slow", "quick", TimeSpan.Zero));

        // A slow one that has waited longer than 4 times its kind's time is due before any quick one asking now.
        Assert.Equal(["slow", "quick"], await WhoGoesFirst(turns, "slow", "quick", 4 * slow + TimeSpan.FromMilliseconds(200)));
    }

    /// <summary>
    /// The order in which a turn of <paramref name="first"/>, then one of <paramref name="second"/> asked
    /// <paramref name="between"/> later, are taken once the only turn, held meanwhile, is given back.
    /// </summary>
    private static async Task<List<string>> WhoGoesFirst(ComputeTurns turns, string first, string second, TimeSpan between)
    {
        var held = await turns.WaitAsync(Token);
        var order = new List<string>();
        var firstTaken = TakeAndNote(turns, first, order);
        await Until(() => turns.Waiting == 1);
        await Task.Delay(between, Token);
        var secondTaken = TakeAndNote(turns, second, order);
        await Until(() => turns.Waiting == 2);
        held.Dispose();
        await Task.WhenAll(firstTaken, secondTaken).WaitAsync(TimeSpan.FromSeconds(30), Token);
        return order;
    }

    /// <summary>Waits for a turn of <paramref name="kind"/>, notes the kind in <paramref name="order"/> and gives the turn back at once.</summary>
    private static async Task TakeAndNote(ComputeTurns turns, string kind, List<string> order)
    {
        using var turn = await turns.WaitAsync(kind, Token);
        lock (order)
            order.Add(kind);
    }

    [Fact]
    public async Task DashboardPageAndApiQuery_NotCached_WaitForATurn_Cached_DoNot()
    {
        var (server, api, browser, turns) = await StartWithOneTurnAsync();
        await using var __ = server;
        const string Page = "/dashboards/saas?period=custom&from=2024-02-01&to=2024-05-01";
        // Weeks: never answered from the monthly grids, so computed (or cached) for the query.
        const string Query = "/api/v1/metrics?from=2024-01-01&to=2024-04-01&period=week&metric=mrr";

        var held = await turns.WaitAsync(Token);
        var page = browser.GetAsync(Page, Token);
        var query = api.GetAsync(Query, Token);
        // The only turn is held: both wait for it (a request that answered without one would never be counted).
        await Until(() => turns.Waiting == 2 || page.IsCompleted || query.IsCompleted);
        if (page.IsCompleted)
            Assert.Fail($"the page answered {(int)(await page).StatusCode} without a turn");
        if (query.IsCompleted)
            Assert.Fail($"the query answered {(int)(await query).StatusCode} without a turn");
        Assert.Equal(2, turns.Waiting);

        held.Dispose();
        Assert.Equal(HttpStatusCode.OK, (await page.WaitAsync(TimeSpan.FromSeconds(60), Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await query.WaitAsync(TimeSpan.FromSeconds(60), Token)).StatusCode);

        // Computed once: asked again while the turn is held, both are answered from the cache.
        using var again = await turns.WaitAsync(Token);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(Page, Token).WaitAsync(TimeSpan.FromSeconds(60), Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Query, Token).WaitAsync(TimeSpan.FromSeconds(60), Token)).StatusCode);
    }

    [Fact]
    public async Task TheTimeWaitedForATurn_IsInTheServerTimingHeader_AsQueue()
    {
        var (server, api, browser, turns) = await StartWithOneTurnAsync();
        await using var __ = server;
        const string Page = "/dashboards/support?period=custom&from=2024-02-01&to=2024-05-01";
        const string Query = "/api/v1/metrics?from=2024-01-01&to=2024-04-01&period=week&metric=customers";

        var held = await turns.WaitAsync(Token);
        var page = browser.GetAsync(Page, Token);
        var query = api.GetAsync(Query, Token);
        await Until(() => turns.Waiting == 2 || page.IsCompleted || query.IsCompleted);
        Assert.Equal(2, turns.Waiting);
        // Both wait at least this long from here; the first to get the turn then holds it while the other waits on.
        await Task.Delay(300, Token);
        held.Dispose();
        foreach (var response in new[] { await page.WaitAsync(TimeSpan.FromSeconds(60), Token), await query.WaitAsync(TimeSpan.FromSeconds(60), Token) })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var (app, queue) = Timing(response);
            Assert.True(queue >= 300, $"queued {queue} ms, held 300 ms");
            Assert.True(app >= queue, $"app {app} ms, of which queued {queue} ms");
        }

        // Asked again: answered from the cache, without a turn, so without a queue time.
        var (_, cachedQueue) = Timing(await browser.GetAsync(Page, Token));
        Assert.Null(cachedQueue);
    }

    /// <summary>The app and queue durations of a response's Server-Timing header (queue null when absent).</summary>
    private static (double App, double? Queue) Timing(HttpResponseMessage response)
    {
        var header = Assert.Single(response.Headers.GetValues("Server-Timing"));
        var match = System.Text.RegularExpressions.Regex.Match(header, @"^app;dur=([0-9]+\.[0-9])(?:, queue;dur=([0-9]+\.[0-9]))?$");
        Assert.True(match.Success, header);
        double Of(int group) => double.Parse(match.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);
        return (Of(1), match.Groups[2].Success ? Of(2) : null);
    }

    [Fact]
    public async Task AccountsList_OverTheDaysSummaries_TakesNoTurn_ADrillDownDoes()
    {
        var (server, _, browser, turns) = await StartWithOneTurnAsync();
        await using var __ = server;

        // The day's first list makes the summaries: with a turn.
        var held = await turns.WaitAsync(Token);
        var first = browser.GetAsync("/accounts", Token);
        await Until(() => turns.Waiting == 1 || first.IsCompleted);
        if (first.IsCompleted)
            Assert.Fail($"the day's first list answered {(int)(await first).StatusCode} without a turn");
        held.Dispose();
        Assert.Equal(HttpStatusCode.OK, (await first.WaitAsync(TimeSpan.FromSeconds(60), Token)).StatusCode);

        // Then a new list (another sort, a filter) answers while the only turn is held; a drill-down waits for it.
        using var again = await turns.WaitAsync(Token);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/accounts?sort=-mrr", Token).WaitAsync(TimeSpan.FromSeconds(60), Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/accounts?plan=pro&sort=band", Token).WaitAsync(TimeSpan.FromSeconds(60), Token)).StatusCode);
        var drill = browser.GetAsync("/accounts?drill=mrr&from=2024-05-01&to=2024-06-01", Token);
        await Until(() => turns.Waiting == 1 || drill.IsCompleted);
        if (drill.IsCompleted)
            Assert.Fail($"the drill-down answered {(int)(await drill).StatusCode} without a turn");
    }

    /// <summary>A server with one turn and no warm-up, the sample data loaded, an API client and a signed-in viewer's browser.</summary>
    private async Task<(TenureTestServer Server, HttpClient Api, HttpClient Browser, ComputeTurns Turns)> StartWithOneTurnAsync()
    {
        var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres,
            new Dictionary<string, string?> { ["Tenure:Cache:ConcurrentComputations"] = "1", ["Tenure:Dashboards:WarmUp"] = "false" });
        try
        {
            var api = await server.ClientAsync();
            await SampleData.LoadAsync(api);
            return (server, api, await SignInAsync(server), server.Services.GetRequiredService<ComputeTurns>());
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, for at most a minute.</summary>
    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!condition() && DateTime.UtcNow < deadline)
            await Task.Delay(10, Token);
    }

    private static async Task<HttpClient> SignInAsync(TenureTestServer server)
    {
        const string Password = "a long enough password";
        await Storage.Users.DashboardUsers.CreateAsync(server.Database, "acme", "viewer@example.com", Storage.Users.DashboardRole.Viewer, null, Password, Token);
        var client = server.BrowserLikeClient();
        var token = await SignIn.TokenAsync(client, "/signin");
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostAsync(client, token, "viewer@example.com", Password)).StatusCode);
        return client;
    }
}
