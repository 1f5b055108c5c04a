using System.Net;
using System.Net.Http.Headers;

using Tenure.Storage;
using Tenure.Testing;
using Tenure.Web.Errors;

namespace Tenure.Web.Tests;

public abstract class AuthTests(PostgresServer postgres, Provider provider)
{
    [Fact]
    public async Task Get_WithoutKey_Is401WithChallenge()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var response = await server.AnonymousClient().Get("/api/v1/accounts");
        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        Assert.Contains("Bearer", problem.GetProperty("detail").GetString());
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.DoesNotContain("invalid_token", challenge.Parameter ?? "");
    }

    [Theory]
    [InlineData("Bearer tnr_00000000_not-a-real-key")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    public async Task Get_WithBadKey_Is401InvalidToken(string authorization)
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = server.AnonymousClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        var response = await client.Get("/api/v1/metrics/catalog");
        await response.ProblemAsync(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task ReadKey_CanRead_ButWriting_Is403AndStoresNothing()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var reader = await server.ClientAsync("acme", ApiKeyRole.Read);
        (await reader.Get("/api/v1/accounts")).EnsureSuccessStatusCode();
        var response = await reader.PostCsvAsync("accounts", SampleData.Accounts);
        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        Assert.Contains("'read'", problem.GetProperty("detail").GetString());
        var list = await (await reader.Get("/api/v1/accounts")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData(ApiKeyRole.Write)]
    [InlineData(ApiKeyRole.Admin)]
    public async Task WriteAndAdminKeys_CanWrite(ApiKeyRole role)
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync("acme", role);
        var result = await (await client.PostCsvAsync("accounts", SampleData.Accounts)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, result.GetProperty("inserted").GetInt64());
    }

    [Fact]
    public async Task Keys_SeeOnlyTheirOwnTenant_WithTheSameAccountIds()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var first = await server.ClientAsync("first");
        var second = await server.ClientAsync("second");
        await SampleData.LoadAsync(first);
        (await second.PostCsvAsync("accounts", "account_id,name,created_at,csm\nA1,Second's A1,2024-01-01,zed\n")).EnsureSuccessStatusCode();

        var mine = await (await first.Get("/api/v1/accounts/A1?asOf=2024-06-15")).JsonAsync(HttpStatusCode.OK);
        var theirs = await (await second.Get("/api/v1/accounts/A1?asOf=2024-06-15")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Umbrella", mine.GetProperty("name").GetString());
        Assert.Equal(2400m, mine.GetProperty("mrr").GetDecimal());
        Assert.Equal("Second's A1", theirs.GetProperty("name").GetString());
        Assert.Equal(0m, theirs.GetProperty("mrr").GetDecimal());
        Assert.Empty(theirs.GetProperty("subscriptions").EnumerateArray());

        // A2 exists only in the first tenant: the second can neither read it nor refer to it.
        await (await second.Get("/api/v1/accounts/A2")).ProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        var refused = await (await second.PostCsvAsync("tickets", "ticket_id,account_id,created_at\nT9,A2,2024-06-01\n"))
            .ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidInput);
        Assert.Contains("unknown account 'A2'", Assert.Single(refused.Errors()).Message);
        var list = await (await second.Get("/api/v1/accounts")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("total").GetInt32());

        // Metrics: the second tenant has no subscriptions, so mrr is unavailable there and 2800 in the first.
        var firstMrr = await (await first.Get("/api/v1/metrics?from=2024-05-01&to=2024-06-01&metric=mrr")).JsonAsync(HttpStatusCode.OK);
        var secondMrr = await (await second.Get("/api/v1/metrics?from=2024-05-01&to=2024-06-01&metric=mrr")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2800m, firstMrr.GetProperty("results")[0].GetProperty("value").GetDecimal());
        Assert.Equal("needs subscriptions.csv", secondMrr.GetProperty("results")[0].GetProperty("unavailable").GetString());
    }

    [Fact]
    public async Task PublicEndpoints_NeedNoKey()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = server.AnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await client.Get("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Get("/openapi/v1.json")).StatusCode);
        var reference = await client.Get("/api/reference");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Equal("text/html", reference.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class AuthTestsOnSqlite(PostgresServer postgres) : AuthTests(postgres, Provider.Sqlite);

public sealed class AuthTestsOnPostgres(PostgresServer postgres) : AuthTests(postgres, Provider.PostgreSql);
