using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Tenure.Web.Tests;

internal static class Http
{
    public static Task<HttpResponseMessage> PostCsvAsync(this HttpClient client, string kind, string csv) =>
        client.PostAsync($"/api/v1/{kind}", new StringContent(csv, Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PostBytesAsync(this HttpClient client, string kind, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return client.PostAsync($"/api/v1/{kind}", content, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string kind, string json) =>
        client.PostAsync($"/api/v1/{kind}", new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> Get(this HttpClient client, string path) =>
        client.GetAsync(path, TestContext.Current.CancellationToken);

    /// <summary>The body as JSON, after checking the status (the body is in the failure message).</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Checks a ProblemDetails body: status, content type and type URI; returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected, string type)
    {
        var problem = await response.JsonAsync(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.Equal(type, problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>The "errors" of an invalid-input problem as (line or index, column, message).</summary>
    public static List<(int? Line, int? Index, string? Column, string Message)> Errors(this JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateArray().Select(e => (
            e.TryGetProperty("line", out var line) ? line.GetInt32() : (int?)null,
            e.TryGetProperty("index", out var index) ? index.GetInt32() : (int?)null,
            e.GetProperty("column").ValueKind == JsonValueKind.Null ? null : e.GetProperty("column").GetString(),
            e.GetProperty("message").GetString()!))];
}
