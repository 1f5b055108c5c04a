using System.Net;
using System.Threading.RateLimiting;

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using Tenure.Testing;
using Tenure.Web.Dashboards;
using Tenure.Web.Errors;
using Tenure.Web.Hosting;
using Tenure.Web.Security;

namespace Tenure.Web.Tests;

/// <summary>Issue 15 items 1 and 6: every heavy read is bounded, and edge inputs are 4xx with a clear message, never 500.</summary>
public sealed class LimitsTests(PostgresServer postgres)
{
    private async Task<(TenureTestServer Server, HttpClient Client)> StartAsync()
    {
        var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres);
        var client = await server.ClientAsync(role: Storage.ApiKeyRole.Read);
        return (server, client);
    }

    [Theory]
    [InlineData("from=0001-01-01&to=9999-01-01&metric=mrr&period=day", "from", "from '0001-01-01' is outside the supported calendar (1900-01-01 to 2201-01-01).")]
    [InlineData("from=9999-11-01&to=9999-12-31", "from", "from '9999-11-01' is outside the supported calendar (1900-01-01 to 2201-01-01).")]
    [InlineData("from=9999-01-01&to=9999-12-31&period=year", "from", "from '9999-01-01' is outside the supported calendar (1900-01-01 to 2201-01-01).")]
    [InlineData("from=2024-01-01&to=9999-12-31&period=week", "to", "to '9999-12-31' is outside the supported calendar (1900-01-01 to 2201-01-01).")]
    // 2020-01-01..2025-01-01: 5 x 365 + 2 leap days = 1,827 days.
    [InlineData("from=2020-01-01&to=2025-01-01&metric=mrr&period=day", "period", "the request asks for 1,827 periods; at most 1,500 are allowed (period=day over 2020-01-01..2025-01-01); ask for a shorter range or a longer period.")]
    [InlineData("from=2024-01-01&to=2024-02-01&lifespanMonths=7.9e28", "lifespanMonths", "lifespanMonths '7.9e28' must be a number more than 0.")]
    [InlineData("from=2024-01-01&to=2024-02-01&lifespanMonths=79000000000000000000000000000", "lifespanMonths", "lifespanMonths '79000000000000000000000000000' must be at most 1200 months (100 years).")]
    public async Task Metrics_OverALimit_Is400NamingIt(string query, string parameter, string detail)
    {
        var (server, client) = await StartAsync();
        await using var _ = server;
        var problem = await (await client.Get("/api/v1/metrics?" + query)).ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidParameter);
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Metrics_1500RepeatedIds_AreComputedOnce()
    {
        var (server, client) = await StartAsync();
        await using var _ = server;
        var ids = string.Join(',', Enumerable.Repeat("mrr", 1_500));
        var json = await (await client.Get("/api/v1/metrics?from=2024-01-01&to=2024-04-01&metric=" + ids)).JsonAsync(HttpStatusCode.OK);
        // January, February, March: one "all" result each for the one metric (unavailable: nothing is stored).
        Assert.Equal(3, json.GetProperty("results").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/v1/accounts/acme?asOf=0001-01-01", "asOf '0001-01-01' is outside the supported calendar (1900-01-01 to 2201-01-01).")]
    [InlineData("/api/v1/accounts/acme?asOf=9999-12-31T23:59:59", "asOf '9999-12-31T23:59:59' is outside the supported calendar (1900-01-01 to 2201-01-01).")]
    [InlineData("/api/v1/accounts?asOf=0001-01-01", "asOf '0001-01-01' is outside the supported calendar (1900-01-01 to 2201-01-01).")]
    public async Task Accounts_AsOfOutsideTheCalendar_Is400(string path, string detail)
    {
        var (server, client) = await StartAsync();
        await using var _ = server;
        var problem = await (await client.Get(path)).ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidParameter);
        Assert.Equal("asOf", problem.GetProperty("parameter").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("GetMetrics")]
    [InlineData("ListAccounts")]
    [InlineData("GetAccount")]
    public async Task HeavyReads_CarryTheConcurrencyPolicy(string endpointName)
    {
        var (server, _) = await StartAsync();
        await using var __ = server;
        var endpoint = server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Single(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == endpointName);
        Assert.Equal(HeavyReadLimiting.Policy, endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName);
    }

    [Fact]
    public async Task HeavyReads_BeyondPermitsAndQueue_Are429WithRetryAfter()
    {
        var (server, _) = await StartAsync();
        await using var __ = server;
        var policy = new HeavyReadLimiting.HeavyReadPolicy(Options.Create(new ApiOptions { ConcurrentHeavyReads = 1, HeavyReadQueue = 0 }));
        var http = new DefaultHttpContext { RequestServices = server.Services };
        http.Response.Body = new MemoryStream();
        var partition = policy.GetPartition(http);
        using var limiter = partition.Factory(partition.PartitionKey);
        using var first = limiter.AttemptAcquire();
        using var second = limiter.AttemptAcquire();
        Assert.True(first.IsAcquired);
        Assert.False(second.IsAcquired); // one permit, no queue: the second heavy read at once is refused

        await policy.OnRejected!(new OnRejectedContext { HttpContext = http, Lease = second }, TestContext.Current.CancellationToken);
        Assert.Equal(StatusCodes.Status429TooManyRequests, http.Response.StatusCode);
        Assert.Equal("1", http.Response.Headers.RetryAfter.ToString());
        http.Response.Body.Position = 0;
        var body = await new StreamReader(http.Response.Body).ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.Contains(ProblemTypes.TooManyRequests, body, StringComparison.Ordinal);
        Assert.Contains("Tenure:Api:ConcurrentHeavyReads", body, StringComparison.Ordinal);
    }

    [Fact]
    public void HeavyReads_DefaultPermits_AreTwiceTheCores()
    {
        var options = HeavyReadLimiting.LimiterOptions(new ApiOptions());
        Assert.Equal(2 * Environment.ProcessorCount, options.PermitLimit);
        Assert.Equal(8, options.QueueLimit);
    }

    [Theory]
    [InlineData("period=month&date=0001-01-15", "date '0001-01-15' is not a date (yyyy-MM-dd) from 1900-01-01 to 2201-01-01; showing the last complete month.")]
    [InlineData("period=year&date=9999-06-01", "date '9999-06-01' is not a date (yyyy-MM-dd) from 1900-01-01 to 2201-01-01; showing the last complete year.")]
    [InlineData("period=quarter&date=9999-12", "date '9999-12' is not a date (yyyy-MM-dd) from 1900-01-01 to 2201-01-01; showing the last complete quarter.")]
    [InlineData("from=0001-01-01&to=2024-01-01", "a custom range needs from and to dates (yyyy-MM-dd, 1900-01-01 to 2201-01-01) with to after from; showing the last month.")]
    public void Dashboard_DateOutsideTheCalendar_FallsBackWithAMessage(string query, string message)
    {
        var pairs = query.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        var now = new DateTime(2026, 11, 15, 0, 0, 0, DateTimeKind.Utc);
        var q = DashboardQuery.Parse(k => pairs.GetValueOrDefault(k), now, out var error);
        Assert.Equal(message, error);
        Assert.True(q.Current.End <= now);
    }

    [Theory]
    [InlineData("/dashboards/kpi?period=month&date=0001-01-15", "date '0001-01-15' is outside the supported calendar (1900-01-01 to 2201-01-01).")]
    [InlineData("/?date=0001-01-15", "date '0001-01-15' is outside the supported calendar (1900-01-01 to 2201-01-01).")]
    [InlineData("/dashboards/saas?period=year&date=9999-06-01", "date '9999-06-01' is outside the supported calendar (1900-01-01 to 2201-01-01).")]
    [InlineData("/dashboards/executive?period=quarter&date=9999-12", "date '9999-12' is outside the supported calendar (1900-01-01 to 2201-01-01).")]
    [InlineData("/dashboards/cs-manager?period=custom&from=0001-01-01&to=2024-01-01", "from '0001-01-01' is outside the supported calendar (1900-01-01 to 2201-01-01).")]
    [InlineData("/dashboards/support?period=custom&from=2024-01-01&to=2201-01-02", "to '2201-01-02' is outside the supported calendar (1900-01-01 to 2201-01-01).")]
    [InlineData("/accounts?drill=mrr&from=1899-12-01&to=1900-01-01", "from '1899-12-01' is outside the supported calendar (1900-01-01 to 2201-01-01).")]
    [InlineData("/accounts?renewal_before=9999-01-01", "renewal_before '9999-01-01' is outside the supported calendar (1900-01-01 to 2201-01-01).")]
    public async Task DashboardPage_DateOutsideTheCalendar_Is400WithTheMessage(string path, string message)
    {
        var (server, _) = await StartAsync();
        await using var __ = server;
        var browser = await SignedInAsync(server);
        var response = await browser.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains(message, page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"query-refused\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dashboards/kpi?period=month&date=1900-01-15")]   // the first supported month
    [InlineData("/dashboards/kpi?period=month&date=not-a-date")]   // not a date at all: the default month, with a message
    [InlineData("/accounts?renewal_before=2201-01-01")]
    public async Task DashboardPage_DateInTheCalendarOrNotADate_Is200(string path)
    {
        var (server, _) = await StartAsync();
        await using var __ = server;
        var browser = await SignedInAsync(server);
        var response = await browser.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("query-refused", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    /// <summary>A browser-like client signed in as a viewer of tenant acme.</summary>
    private static async Task<HttpClient> SignedInAsync(TenureTestServer server)
    {
        const string Password = "a long enough password";
        await Storage.Users.DashboardUsers.CreateAsync(server.Database, "acme", "viewer@example.com", Storage.Users.DashboardRole.Viewer, null, Password, TestContext.Current.CancellationToken);
        var client = server.BrowserLikeClient();
        var form = await (await client.Get("/signin")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var signIn = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = "viewer@example.com",
            ["Input.Password"] = Password,
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    [Theory]
    [InlineData("/accounts", true)]
    [InlineData("/", true)]
    [InlineData("/accounts?csm=ann%20lee", true)]
    [InlineData("/\u3000/evil.test", false)]  // the returnUrl=%2F%E3%80%80%2Fevil.test
    [InlineData("/ /evil.test", false)]
    [InlineData("/\t/evil.test", false)]
    [InlineData("/\u00a0/evil.test", false)]
    [InlineData("/caf\u00e9", false)]         // a Location header cannot carry it; real return URLs are percent-encoded
    [InlineData("//evil.test", false)]
    [InlineData("/\\evil.test", false)]
    [InlineData("https://evil.test", false)]
    [InlineData("/x?next=https://evil.test", false)]
    [InlineData("evil.test", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsLocalUrl_OnlyPrintableAsciiPathsOnThisSite(string? url, bool expected) =>
        Assert.Equal(expected, CookieSignIn.IsLocalUrl(url));

    [Theory]
    [InlineData("%2F%E3%80%80%2Fevil.test")]
    [InlineData("%2F%2Fevil.test")]
    [InlineData("https%3A%2F%2Fevil.test")]
    public async Task SignIn_WithAForeignReturnUrl_Is400WithAMessage(string returnUrl)
    {
        var (server, _) = await StartAsync();
        await using var __ = server;
        var response = await server.AnonymousClient().GetAsync("/signin?returnUrl=" + returnUrl, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("returnUrl must be a path on this site", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithALocalReturnUrl_ShowsTheForm()
    {
        var (server, _) = await StartAsync();
        await using var __ = server;
        var response = await server.AnonymousClient().GetAsync("/signin?returnUrl=%2Faccounts", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("returnUrl must be", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
