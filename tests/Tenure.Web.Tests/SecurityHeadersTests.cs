using System.Net;

using Tenure.Storage;
using Tenure.Testing;
using Tenure.Web.Errors;

namespace Tenure.Web.Tests;

/// <summary>Issue 15 item 8: security headers on pages and API answers, unknown hosts, unknown /api paths and methods.</summary>
public abstract class SecurityHeadersTests(PostgresServer postgres, Provider provider)
{
    [Fact]
    public async Task Page_And_ApiAnswer_CarryTheSecurityHeaders()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var page = await server.BrowserLikeClient().Get("/signin");
        var api = await (await server.ClientAsync()).Get("/api/v1/metrics/catalog");
        foreach (var response in new[] { page, api })
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode}");
            var csp = Header(response, "Content-Security-Policy");
            Assert.Contains("script-src 'self';", csp);
            Assert.DoesNotContain("unsafe-inline';", csp.Split("style-src")[0]); // no inline script: only styles may be inline
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
            Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        }
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ApiReference_HasItsOwnPolicy_StillNotFramable()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var reference = await server.AnonymousClient().Get("/api/reference");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        var csp = Header(reference, "Content-Security-Policy");
        Assert.Contains("script-src 'self' 'unsafe-inline'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
    }

    [Fact]
    public async Task UnknownApiPath_Is404ProblemDetails_NotARedirect()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var anonymous = await server.BrowserLikeClient().Get("/api/v1/nope");
        var problem = await anonymous.ProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        Assert.Contains("/api/v1/nope", problem.GetProperty("detail").GetString());
        var withKey = await (await server.ClientAsync(role: ApiKeyRole.Read)).Get("/api/v1/nope");
        await withKey.ProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task WrongMethod_Is405ProblemDetails_WithAllow()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync(role: ApiKeyRole.Admin);
        // /api/v1/metrics/catalog is GET only.
        var response = await client.PostAsync("/api/v1/metrics/catalog", new StringContent("{}"), TestContext.Current.CancellationToken);
        var problem = await response.ProblemAsync(HttpStatusCode.MethodNotAllowed, ProblemTypes.MethodNotAllowed);
        Assert.Contains("GET", response.Content.Headers.Allow);
        Assert.Contains("POST", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task UnknownHost_Is400_AndNoRedirectNamesIt()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = server.BrowserLikeClient();
        foreach (var path in new[] { "/", "/accounts", "/signin", "/api/v1/metrics/catalog" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = "evil.test";
            var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.DoesNotContain("evil.test", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
        // The loopback names still work, and their redirect stays on this site.
        using var local = new HttpRequestMessage(HttpMethod.Get, "/accounts");
        local.Headers.Host = "127.0.0.1:5080";
        var redirect = await client.SendAsync(local, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.DoesNotContain("evil.test", redirect.Headers.Location!.ToString());
    }

    private static string Header(HttpResponseMessage response, string name)
    {
        Assert.True(response.Headers.TryGetValues(name, out var values), $"no {name} header");
        return string.Join(", ", values);
    }
}

public sealed class SecurityHeadersTestsOnSqlite(PostgresServer postgres) : SecurityHeadersTests(postgres, Provider.Sqlite);

public sealed class SecurityHeadersTestsOnPostgres(PostgresServer postgres) : SecurityHeadersTests(postgres, Provider.PostgreSql);
