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
