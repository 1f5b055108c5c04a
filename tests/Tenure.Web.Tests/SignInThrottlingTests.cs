using System.Net;
using System.Text.RegularExpressions;

using Tenure.Storage.Users;
using Tenure.Testing;

namespace Tenure.Web.Tests;

/// <summary>Issue 15 item 7: per-IP throttling, per-account lockout with back-off, and signed-out cookies that stop working.</summary>
public abstract partial class SignInThrottlingTests(PostgresServer postgres, Provider provider)
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task ManyAttemptsFromOneAddress_Are429WithRetryAfter_EvenWithForgedForwardedFor()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = server.BrowserLikeClient();
        var token = await TokenAsync(client, "/signin");
        // The default is 10 attempts a minute per address; X-Forwarded-For is not trusted by default, so varying it changes nothing.
        for (var i = 1; i <= 10; i++)
        {
            // A different unknown address each time, so no account lockout (5 failures) is reached first.
            var response = await PostSignInAsync(client, token, $"nobody{i}@example.com", "wrong password!", forwardedFor: $"203.0.113.{i}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var refused = await PostSignInAsync(client, token, "nobody11@example.com", "wrong password!", forwardedFor: "203.0.113.11");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60); // a one-minute window
        Assert.Contains("Too many sign-in attempts", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        // Reading the form is not an attempt.
        Assert.Equal(HttpStatusCode.OK, (await client.Get("/signin")).StatusCode);
    }

    [Fact]
    public async Task FiveFailures_LockTheAccount_FromEveryAddress_ThenBackOffDoubles()
    {
        // Forwarded headers on (as behind a proxy the operator runs): each attempt comes from its own client address.
        await using var server = await TenureTestServer.StartAsync(provider, postgres, new Dictionary<string, string?> { ["ForwardedHeaders_Enabled"] = "true" });
        await DashboardUsers.CreateAsync(server.Database, "acme", "ann@example.com", DashboardRole.Viewer, null, Password, TestContext.Current.CancellationToken);
        var client = server.BrowserLikeClient();
        var token = await TokenAsync(client, "/signin");
        var ip = 0;
        for (var i = 1; i <= 4; i++)
            Assert.Equal(HttpStatusCode.OK, (await PostSignInAsync(client, token, "ann@example.com", "wrong password!", $"198.51.100.{++ip}")).StatusCode);
        var fifth = await PostSignInAsync(client, token, "ANN@example.com", "wrong password!", $"198.51.100.{++ip}");
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.Equal("60", Assert.Single(fifth.Headers.GetValues("Retry-After"))); // first lockout: 60 s

        // The right password, from yet another address, during the lockout: refused, and the page says why.
        var during = await PostSignInAsync(client, token, "ann@example.com", Password, $"198.51.100.{++ip}");
        Assert.Equal(HttpStatusCode.TooManyRequests, during.StatusCode);
        Assert.Null(during.Headers.Location);
        Assert.Contains("is locked for 60 seconds", WebUtility.HtmlDecode(await during.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));

        // After 61 s five more failures lock it again for twice as long: 120 s.
        server.Clock.Advance(TimeSpan.FromSeconds(61));
        for (var i = 1; i <= 4; i++)
            Assert.Equal(HttpStatusCode.OK, (await PostSignInAsync(client, token, "ann@example.com", "wrong password!", $"198.51.100.{++ip}")).StatusCode);
        var again = await PostSignInAsync(client, token, "ann@example.com", "wrong password!", $"198.51.100.{++ip}");
        Assert.Equal("120", Assert.Single(again.Headers.GetValues("Retry-After")));

        // Once it ends, the right password signs in.
        server.Clock.Advance(TimeSpan.FromSeconds(121));
        var signedIn = await PostSignInAsync(client, token, "ann@example.com", Password, $"198.51.100.{++ip}");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task SignedOutCookie_Replayed_GoesBackToSignIn()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        await DashboardUsers.CreateAsync(server.Database, "acme", "ann@example.com", DashboardRole.Viewer, null, Password, TestContext.Current.CancellationToken);
        var client = server.BrowserLikeClient();
        var signedIn = await PostSignInAsync(client, await TokenAsync(client, "/signin"), "ann@example.com", Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = SessionCookie(signedIn);
        var replay = server.BrowserLikeClient();
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(replay, "/accounts", cookie)).StatusCode);

        var signOut = await client.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signout",
            ["__RequestVerificationToken"] = await TokenAsync(client, "/signout"),
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        // The old cookie, kept by an attacker (not cleared by the browser), no longer opens anything.
        var after = await GetWithCookieAsync(replay, "/accounts", cookie);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/signin", after.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NewPassword_EndsOlderSessions()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        await DashboardUsers.CreateAsync(server.Database, "acme", "ann@example.com", DashboardRole.Viewer, null, Password, TestContext.Current.CancellationToken);
        var client = server.BrowserLikeClient();
        var cookie = SessionCookie(await PostSignInAsync(client, await TokenAsync(client, "/signin"), "ann@example.com", Password));
        var replay = server.BrowserLikeClient();
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(replay, "/accounts", cookie)).StatusCode);
        Assert.True(await DashboardUsers.SetPasswordAsync(server.Database, "acme", "ann@example.com", "another long password", TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Redirect, (await GetWithCookieAsync(replay, "/accounts", cookie)).StatusCode);
    }

    [Fact]
    public async Task Admin_OnSettings_DisablesAUser_ResetsAPassword_AndSeesKeys_ManagerCannot()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var ct = TestContext.Current.CancellationToken;
        await DashboardUsers.CreateAsync(server.Database, "acme", "admin@example.com", DashboardRole.Admin, null, Password, ct);
        await DashboardUsers.CreateAsync(server.Database, "acme", "ann@example.com", DashboardRole.Viewer, null, Password, ct);
        await DashboardUsers.CreateAsync(server.Database, "acme", "mo@example.com", DashboardRole.Manager, null, Password, ct);
        var (_, key) = await Tenure.Storage.ApiKeys.CreateAsync(server.Database, "acme", Tenure.Storage.ApiKeyRole.Read, "nightly", ct);

        var ann = server.BrowserLikeClient();
        var annCookie = SessionCookie(await PostSignInAsync(ann, await TokenAsync(ann, "/signin"), "ann@example.com", Password));
        var admin = server.BrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PostSignInAsync(admin, await TokenAsync(admin, "/signin"), "admin@example.com", Password)).StatusCode);
        var settings = await (await admin.Get("/settings")).Content.ReadAsStringAsync(ct);
        Assert.Contains(key.Prefix, settings);
        Assert.Contains("nightly", settings);

        var disabled = await PostSettingsAsync(admin, "disable ann@example.com");
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Contains("Disabled ann@example.com", await disabled.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.Redirect, (await GetWithCookieAsync(server.BrowserLikeClient(), "/accounts", annCookie)).StatusCode);

        var reset = await PostSettingsAsync(admin, "reset mo@example.com");
        var shown = NewPassword().Match(await reset.Content.ReadAsStringAsync(ct));
        Assert.True(shown.Success);
        Assert.Null(await DashboardUsers.VerifyAsync(server.Database, "acme", "mo@example.com", Password, ct));
        Assert.NotNull(await DashboardUsers.VerifyAsync(server.Database, "acme", "mo@example.com", shown.Groups[1].Value, ct));

        var manager = server.BrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PostSignInAsync(manager, await TokenAsync(manager, "/signin"), "mo@example.com", shown.Groups[1].Value)).StatusCode);
        var refused = await PostSettingsAsync(manager, "enable ann@example.com");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.True((await DashboardUsers.FindAsync(server.Database, "acme", "ann@example.com", ct))!.IsDisabled);
    }

    private static async Task<HttpResponseMessage> PostSettingsAsync(HttpClient client, string action) =>
        await client.PostAsync("/settings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "user-admin",
            ["__RequestVerificationToken"] = await TokenAsync(client, "/settings"),
            ["AdminInput.Action"] = action,
        }), TestContext.Current.CancellationToken);

    [GeneratedRegex("New password, shown once: <code>([^<]+)</code>")]
    private static partial Regex NewPassword();

    private static async Task<string> TokenAsync(HttpClient client, string path)
    {
        var html = await (await client.Get(path)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return AntiforgeryToken().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"no antiforgery token on {path}");
    }

    private static Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string token, string email, string password, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "signin",
                ["__RequestVerificationToken"] = token,
                ["Input.Email"] = email,
                ["Input.Password"] = password,
            }),
        };
        if (forwardedFor is not null)
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tenure-session=", StringComparison.Ordinal)).Split(';')[0];

    private static Task<HttpResponseMessage> GetWithCookieAsync(HttpClient client, string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed class SignInThrottlingTestsOnSqlite(PostgresServer postgres) : SignInThrottlingTests(postgres, Provider.Sqlite);

public sealed class SignInThrottlingTestsOnPostgres(PostgresServer postgres) : SignInThrottlingTests(postgres, Provider.PostgreSql);
