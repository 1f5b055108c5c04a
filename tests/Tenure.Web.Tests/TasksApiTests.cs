using System.Net;
using System.Text;

using Microsoft.Extensions.DependencyInjection;

using Tenure.Storage;
using Tenure.Storage.Webhooks;
using Tenure.Storage.Work;
using Tenure.Testing;
using Tenure.Web.Data;
using Tenure.Web.Errors;

namespace Tenure.Web.Tests;

/// <summary>/api/v1/tasks and /api/v1/accounts/{id}/notes at the test server's now, 2024-06-15.</summary>
public sealed class TasksApiTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<(TenureTestServer Server, HttpClient Client)> StartAsync(PostgresServer postgres, Provider provider = Provider.Sqlite)
    {
        var server = await TenureTestServer.StartAsync(provider, postgres, new Dictionary<string, string?> { ["Tenure:Alerts:Evaluate"] = "false" });
        var client = await server.ClientAsync(role: ApiKeyRole.Write);
        Assert.Equal(HttpStatusCode.OK, (await client.PostCsvAsync("accounts", "account_id,name,created_at,csm\nX1,Xenon,2020-01-01,ann\nY1,Yak,2020-01-01,bo\n")).StatusCode);
        // tasks.csv: k1 completed in June, k2 open and overdue (due 10 June).
        Assert.Equal(HttpStatusCode.OK, (await client.PostCsvAsync("tasks",
            "task_id,owner,account_id,category,created_at,due_at,completed_at\nk1,ann,X1,onboarding,2024-06-01,2024-06-05,2024-06-03\nk2,bo,Y1,,2024-06-01,2024-06-10,\n")).StatusCode);
        var other = await server.ClientAsync("other", ApiKeyRole.Admin);
        Assert.Equal(HttpStatusCode.OK, (await other.PostCsvAsync("accounts", "account_id,name,created_at,csm\nZ9,Zed,2020-01-01,zed\n")).StatusCode);
        return (server, client);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string? json) =>
        client.SendAsync(new HttpRequestMessage(method, path) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") }, Token);

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task CreateChangeCommentComplete_WithTheDocumentedShape_AndTheMetricsCountIt(Provider provider)
    {
        var (server, client) = await StartAsync(postgres, provider);
        await using var _ = server;
        await Webhooks.AddAsync(server.Database, "acme", "https://hooks.example.com/t", "0123456789abcdef", "task.created", Token);

        var created = await (await Send(client, HttpMethod.Post, "/api/v1/accounts/X1/tasks", """{"title":"Call the sponsor","due_at":"2024-06-20","category":"rescue"}""")).JsonAsync(HttpStatusCode.OK);
        var id = created.GetProperty("id").GetInt64();
        var changed = await (await Send(client, HttpMethod.Patch, $"/api/v1/tasks/{id}", """{"owner":"carl","due_at":"2024-06-12T09:30:00Z"}""")).JsonAsync(HttpStatusCode.OK);
        var comment = await (await Send(client, HttpMethod.Post, $"/api/v1/tasks/{id}/comments", """{"text":"Left a voicemail."}""")).JsonAsync(HttpStatusCode.OK);
        var open = await (await client.Get("/api/v1/tasks?owner=carl")).JsonAsync(HttpStatusCode.OK);
        var completed = await (await client.PostAsync($"/api/v1/tasks/{id}/complete", null, Token)).JsonAsync(HttpStatusCode.OK);
        var read = await (await client.Get($"/api/v1/tasks/{id}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(["id", "account_id", "title", "owner", "category", "status", "created_at", "created_by", "due_at", "completed_at", "completed_by", "alert_id", "comments"],
            created.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("ann", "open", "2024-06-15T00:00:00Z", "2024-06-20T00:00:00Z"),
            (created.GetProperty("owner").GetString(), created.GetProperty("status").GetString(), created.GetProperty("created_at").GetString(), created.GetProperty("due_at").GetString()));
        Assert.StartsWith("api-key:", created.GetProperty("created_by").GetString(), StringComparison.Ordinal);
        Assert.Equal(("carl", "2024-06-12T09:30:00Z"), (changed.GetProperty("owner").GetString(), changed.GetProperty("due_at").GetString()));
        Assert.Equal("Left a voicemail.", comment.GetProperty("text").GetString());
        Assert.Equal([id], open.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()));
        Assert.Equal(("completed", "2024-06-15T00:00:00Z"), (completed.GetProperty("status").GetString(), completed.GetProperty("completed_at").GetString()));
        Assert.Equal(["Left a voicemail."], read.GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("text").GetString()));
        Assert.Equal("task.created", Assert.Single(await Webhooks.DueAsync(server.Database, TenureTestServer.Now.UtcDateTime.AddMinutes(1), cancellationToken: Token)).Event);

        // POST /api/v1/tasks is still the ingest of tasks.csv rows (a JSON array): k3, completed 14 June.
        var ingested = await (await client.PostJsonAsync("tasks", """[{"task_id":"k3","owner":"ann","account_id":"X1","created_at":"2024-06-01","completed_at":"2024-06-14"}]""")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, ingested.GetProperty("rows").GetInt32());

        // tasks-completed in June 2024 = k1 (imported, 3 June) + k3 (ingested, 14 June) + the task above (completed 15 June) = 3: all count.
        var metrics = await (await client.Get("/api/v1/metrics?from=2024-06-01&to=2024-07-01&metric=tasks-completed")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3m, Assert.Single(metrics.GetProperty("results").EnumerateArray()).GetProperty("value").GetDecimal());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task TasksAndNotes_AreAppliedToTheWarmTenantInMemory_EqualToAFreshLoad(Provider provider)
    {
        var (server, client) = await StartAsync(postgres, provider);
        await using var _ = server;
        var cache = server.Services.GetRequiredService<TenantDataCache>();
        var loaded = await cache.GetCurrentAsync("acme", Token); // warm, with tasks.csv's k1 and k2

        var first = (await (await Send(client, HttpMethod.Post, "/api/v1/accounts/X1/tasks", """{"title":"Call the sponsor","due_at":"2024-06-20"}""")).JsonAsync(HttpStatusCode.OK)).GetProperty("id").GetInt64();
        var second = (await (await Send(client, HttpMethod.Post, "/api/v1/accounts/Y1/tasks", """{"title":"Send the QBR deck","category":"qbr"}""")).JsonAsync(HttpStatusCode.OK)).GetProperty("id").GetInt64();
        await (await Send(client, HttpMethod.Patch, $"/api/v1/tasks/{first}", """{"owner":"carl"}""")).JsonAsync(HttpStatusCode.OK);
        await (await client.PostAsync($"/api/v1/tasks/{second}/complete", null, Token)).JsonAsync(HttpStatusCode.OK);
        await (await client.PostAsync($"/api/v1/tasks/{second}/complete", null, Token)).JsonAsync(HttpStatusCode.OK); // already completed: nothing written
        await (await Send(client, HttpMethod.Post, "/api/v1/accounts/X1/notes", """{"text":"Champion left the company.","source":"call"}""")).JsonAsync(HttpStatusCode.OK);

        // Five writes, each visible when answered, made in memory from the snapshot loaded before them (no reload) and
        // row for row what a load of the database gives: the own tasks after tasks.csv's, in id order.
        var snapshot = cache.Loaded("acme")!;
        Assert.Equal(await StoredData.DataVersionAsync(server.Database, "acme", Token), snapshot.Version);
        Assert.Equal(loaded.Version + 5, snapshot.Version);
        Assert.Equal(loaded.LoadedVersion, snapshot.LoadedVersion);
        var fresh = await StoredData.LoadAsync(server.Database, "acme", Token);
        Assert.Equal(fresh.Tasks, snapshot.Data.Tasks);
        Assert.Equal(fresh.Notes, snapshot.Data.Notes);
        Assert.Equal(fresh.Present, snapshot.Data.Present);
        Assert.Equal(["k1", "k2", $"tenure-task-{first}", $"tenure-task-{second}"], snapshot.Data.Tasks.Select(t => t.TaskId));
        Assert.Equal(("carl", null), (snapshot.Data.Tasks[2].Owner, snapshot.Data.Tasks[2].CompletedAt));
        Assert.Equal(TenureTestServer.Now.UtcDateTime, snapshot.Data.Tasks[3].CompletedAt);
        Assert.Equal(("X1", "call", "Champion left the company."), (Assert.Single(snapshot.Data.Notes).AccountId, snapshot.Data.Notes[0].Source, snapshot.Data.Notes[0].Text));

        // tasks-completed in June 2024 = k1 (3 June) + the second task (15 June) = 2, from the snapshot in memory.
        var metrics = await (await client.Get("/api/v1/metrics?from=2024-06-01&to=2024-07-01&metric=tasks-completed")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2m, Assert.Single(metrics.GetProperty("results").EnumerateArray()).GetProperty("value").GetDecimal());
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "X1", """{"title":""}""", "title: required" },
        { "X1", $$"""{"title":"{{new string('x', 10_240)}}"}""", "title: 10240 characters is too long: at most 200." },
        { "X1", """{"title":"ok","due_at":"9999-12-31"}""", "due_at: 9999-12-31 is not a plausible due date" },
        { "X1", """{"title":"ok","due_at":"1899-12-31"}""", "due_at: 1899-12-31 is not a plausible due date" },
        { "X1", """{"title":"ok","due_at":"next week"}""", "due_at: 'next week' is not a date" },
        { "NOPE", """{"title":"ok"}""", "account_id: workspace acme has no account 'NOPE'" },
        { "Z9", """{"title":"another tenant's account"}""", "account_id: workspace acme has no account 'Z9'" },
        { "X1", """{"title":"a","title":"b"}""", "title: given twice." },
        { "X1", """{"tittle":"ok"}""", "tittle: unknown field (expected one of title, owner, category, due_at)." },
        { "X1", """{"title":7}""", "title: must be a string (or null)." },
        { "X1", """["ok"]""", "body: must be a JSON object" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Create_BadInput_400NamingTheFieldAndNothingSaved(string account, string body, string detail)
    {
        var (server, client) = await StartAsync(postgres);
        await using var _ = server;

        var problem = await (await Send(client, HttpMethod.Post, $"/api/v1/accounts/{account}/tasks", body)).ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidInput);

        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("Nothing was saved.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await TaskStore.ListAsync(server.Database, "acme", TaskStatusFilter.All, cancellationToken: Token));
    }

    [Fact]
    public async Task Roles_ReadKeyReadsOnly_AndAnotherTenantSeesNothing()
    {
        var (server, client) = await StartAsync(postgres);
        await using var _ = server;
        var reader = await server.ClientAsync(role: ApiKeyRole.Read);
        var other = await server.ClientAsync("other", ApiKeyRole.Admin);
        var id = (await (await Send(client, HttpMethod.Post, "/api/v1/accounts/X1/tasks", """{"title":"QBR"}""")).JsonAsync(HttpStatusCode.OK)).GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.Forbidden, (await Send(reader, HttpMethod.Post, "/api/v1/accounts/X1/tasks", """{"title":"x"}""")).StatusCode);
        Assert.Single((await (await reader.Get("/api/v1/accounts/X1/tasks")).JsonAsync(HttpStatusCode.OK)).GetProperty("tasks").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync($"/api/v1/tasks/{id}/complete", null, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(reader, HttpMethod.Post, "/api/v1/accounts/X1/notes", """{"text":"x"}""")).StatusCode);
        Assert.Single((await (await reader.Get("/api/v1/tasks")).JsonAsync(HttpStatusCode.OK)).GetProperty("tasks").EnumerateArray());
        await (await other.Get($"/api/v1/tasks/{id}")).ProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        await (await other.PostAsync($"/api/v1/tasks/{id}/complete", null, Token)).ProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        Assert.Empty((await (await other.Get("/api/v1/tasks?status=all")).JsonAsync(HttpStatusCode.OK)).GetProperty("tasks").EnumerateArray());
        var badStatus = await (await reader.Get("/api/v1/tasks?status=done")).ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidParameter);
        Assert.Equal("status 'done' is not one of open, completed, all.", badStatus.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Notes_AddAndList_BadOnesRefused()
    {
        var (server, client) = await StartAsync(postgres);
        await using var _ = server;

        var note = await (await Send(client, HttpMethod.Post, "/api/v1/accounts/X1/notes", """{"text":"Champion left the company.","source":"call"}""")).JsonAsync(HttpStatusCode.OK);
        var empty = await (await Send(client, HttpMethod.Post, "/api/v1/accounts/X1/notes", """{"text":"  "}""")).ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidInput);
        var elsewhere = await (await Send(client, HttpMethod.Post, "/api/v1/accounts/Z9/notes", """{"text":"x"}""")).ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidInput);
        var list = await (await client.Get("/api/v1/accounts/X1/notes")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(["id", "account_id", "author", "source", "created_at", "text"], note.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("call", "2024-06-15T00:00:00Z"), (note.GetProperty("source").GetString(), note.GetProperty("created_at").GetString()));
        Assert.Equal("text: required (must not be empty). Nothing was saved.", empty.GetProperty("detail").GetString());
        Assert.StartsWith("account_id: workspace acme has no account 'Z9'", elsewhere.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["Champion left the company."], list.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("text").GetString()));
    }
}
