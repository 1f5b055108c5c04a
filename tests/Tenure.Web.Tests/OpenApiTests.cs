using System.Net;
using System.Text.Json;

using Tenure.Metrics.Inputs;
using Tenure.Testing;
using Tenure.Web.Apis;

namespace Tenure.Web.Tests;

public sealed class OpenApiTests(PostgresServer postgres)
{
    [Fact]
    public async Task Document_ListsEveryPath_WithTheBearerScheme()
    {
        await using var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres);
        var document = await (await server.AnonymousClient().Get("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/metrics", "/api/v1/metrics/catalog", "/api/v1/accounts", "/api/v1/accounts/{id}", "/api/v1/alerts", "/api/v1/webhooks" })
            Assert.True(paths.TryGetProperty(path, out var item) && item.TryGetProperty("get", out _), $"GET {path} is missing");
        foreach (var (kind, _) in InputKinds.All)
        {
            var path = "/api/v1/" + IngestApi.RouteOf(kind);
            Assert.True(paths.TryGetProperty(path, out var item) && item.TryGetProperty("post", out _), $"POST {path} is missing");
            var post = item.GetProperty("post");
            var content = post.GetProperty("requestBody").GetProperty("content");
            Assert.True(content.TryGetProperty("text/csv", out _));
            Assert.Equal("array", content.GetProperty("application/json").GetProperty("schema").GetProperty("type").GetString());
        }

        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        var getMetrics = paths.GetProperty("/api/v1/metrics").GetProperty("get");
        Assert.Equal("GetMetrics", getMetrics.GetProperty("operationId").GetString());
        Assert.True(getMetrics.GetProperty("security")[0].TryGetProperty("Bearer", out _));
        Assert.Contains(getMetrics.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "from");
    }
}
