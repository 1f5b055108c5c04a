using System.Globalization;
using System.Security.Claims;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

using Tenure.Storage;
using Tenure.Storage.Work;
using Tenure.Web.Data;
using Tenure.Web.Errors;
using Tenure.Web.Security;
using Tenure.Web.Work;

namespace Tenure.Web.Apis;

/// <summary>
/// /api/v1/tasks and /api/v1/accounts/{id}/tasks (docs/tasks.md): Tenure's own tasks. Read keys list and read; write
/// and admin keys create (on an account), change (assign), complete and comment. Imported tasks.csv rows are not here
/// (POST /api/v1/tasks stays the ingest of tasks.csv rows); both count in the work metrics.
/// </summary>
public static class TasksApi
{
    private static readonly string[] CreateFields = ["title", "owner", "category", "due_at"];
    private static readonly string[] ChangeFields = ["title", "owner", "category", "due_at"];
    private static readonly string[] CommentFields = ["text"];

    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/tasks").WithTags("Tasks");
        group.MapGet("", ListAsync)
            .WithName("ListTasks")
            .WithSummary("The tenant's Tenure tasks: open ones by due date (overdue first), then completed ones newest first")
            .WithDescription("status: open (default), completed or all; account_id and owner filter. {\"tasks\":[{\"id\",\"account_id\",\"title\",\"owner\",\"category\",\"status\",\"created_at\",\"created_by\",\"due_at\",\"completed_at\",\"completed_by\",\"alert_id\"}]}.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id}", GetAsync)
            .WithName("GetTask")
            .WithSummary("A task with its comments")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{id}", ChangeAsync)
            .WithName("ChangeTask")
            .WithSummary("Change a task's title, owner (assign), category or due date; null clears owner, category or due_at")
            .Accepts<object>("application/json")
            .RequireAuthorization(ApiPolicies.Write)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/complete", CompleteAsync)
            .WithName("CompleteTask")
            .WithSummary("Complete a task (completing a completed task changes nothing)")
            .RequireAuthorization(ApiPolicies.Write)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/comments", CommentAsync)
            .WithName("CommentTask")
            .WithSummary("Add a comment to a task: body {\"text\": \"...\"} (1-8000 characters)")
            .Accepts<object>("application/json")
            .RequireAuthorization(ApiPolicies.Write)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        // Created on its account: POST /api/v1/tasks imports tasks.csv rows (the ingest contract), so it is not reused.
        var accountTasks = api.MapGroup("/accounts/{accountId}/tasks").WithTags("Tasks");
        accountTasks.MapGet("", ListOfAccountAsync)
            .WithName("ListAccountTasks")
            .WithSummary("The account's Tenure tasks (every status), most urgent first");
        accountTasks.MapPost("", CreateAsync)
            .WithName("CreateTask")
            .WithSummary("Create a task on the account; the owner defaults to the account's CSM; writes a task.created webhook delivery")
            .WithDescription("Body {\"title\": \"Call the sponsor\", \"owner\": \"ann\", \"category\": \"rescue\", \"due_at\": \"2026-12-15\"}. Title 1-200 characters; due_at a date or an ISO 8601 instant from 1900-01-01 to 10 years ahead. Invalid input, or an account the tenant does not have, is refused and nothing is saved.")
            .Accepts<object>("application/json")
            .RequireAuthorization(ApiPolicies.Write)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    public static async Task<JsonWriterResult> ListOfAccountAsync(string accountId, ClaimsPrincipal user, TenureDatabase database, CancellationToken cancellationToken)
    {
        var tasks = await TaskStore.ListAsync(database, ApiClaims.TenantOf(user), TaskStatusFilter.All, accountId, cancellationToken: cancellationToken);
        return new JsonWriterResult(json => TaskJson.WriteList(json, tasks));
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> ListAsync(string? status, [FromQuery(Name = "account_id")] string? accountId, string? owner,
        ClaimsPrincipal user, TenureDatabase database, CancellationToken cancellationToken)
    {
        TaskStatusFilter filter;
        switch (status?.Trim().ToLowerInvariant())
        {
            case null or "" or "open": filter = TaskStatusFilter.Open; break;
            case "completed": filter = TaskStatusFilter.Completed; break;
            case "all": filter = TaskStatusFilter.All; break;
            default: return new QueryParameterException("status", $"status '{status}' is not one of open, completed, all.").ToResult();
        }
        var tasks = await TaskStore.ListAsync(database, ApiClaims.TenantOf(user), filter, NullIfBlank(accountId), NullIfBlank(owner), cancellationToken: cancellationToken);
        return new JsonWriterResult(json => TaskJson.WriteList(json, tasks));
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> CreateAsync(string accountId, HttpRequest request, ClaimsPrincipal user, TenureDatabase database,
        TenantDataCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenant = ApiClaims.TenantOf(user);
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            var body = await WorkRequestBody.ReadAsync(request, CreateFields, cancellationToken);
            var told = new List<StoredChange>();
            var task = await TaskStore.CreateAsync(database, tenant,
                new NewTask(accountId, body["title"], body["owner"], body["category"], WorkInput.ParseDue(body["due_at"], now), CreatedBy(user)),
                now, told.Add, cancellationToken);
            await cache.ChangesStoredAsync(tenant, told, cancellationToken);
            return new JsonWriterResult(json => TaskJson.Write(json, task, []));
        }
        catch (WorkInputException e)
        {
            return Invalid("Invalid task", e);
        }
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> GetAsync(string id, ClaimsPrincipal user, TenureDatabase database, CancellationToken cancellationToken)
    {
        var tenant = ApiClaims.TenantOf(user);
        if (!TryId(id, out var taskId) || await TaskStore.GetAsync(database, tenant, taskId, cancellationToken) is not { } found)
            return NotFound(tenant, id);
        return new JsonWriterResult(json => TaskJson.Write(json, found.Task, found.Comments));
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> ChangeAsync(string id, HttpRequest request, ClaimsPrincipal user, TenureDatabase database,
        TenantDataCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenant = ApiClaims.TenantOf(user);
        if (!TryId(id, out var taskId)) return NotFound(tenant, id);
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            var body = await WorkRequestBody.ReadAsync(request, ChangeFields, cancellationToken);
            if (body.Has("title") && body["title"] is null) throw new WorkInputException("title", "required (a task always has a title).");
            var changes = new TaskChanges(
                Title: body["title"],
                Owner: body["owner"],
                Category: body.Has("category") ? body["category"] ?? "" : null,
                DueAt: WorkInput.ParseDue(body["due_at"], now),
                ClearDueAt: body.Has("due_at") && body["due_at"] is null,
                ClearOwner: body.Has("owner") && body["owner"] is null);
            var told = new List<StoredChange>();
            if (await TaskStore.UpdateAsync(database, tenant, taskId, changes, now, told.Add, cancellationToken) is not { } task)
                return NotFound(tenant, id);
            await cache.ChangesStoredAsync(tenant, told, cancellationToken);
            return new JsonWriterResult(json => TaskJson.Write(json, task));
        }
        catch (WorkInputException e)
        {
            return Invalid("Invalid task change", e);
        }
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> CompleteAsync(string id, ClaimsPrincipal user, TenureDatabase database,
        TenantDataCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenant = ApiClaims.TenantOf(user);
        var told = new List<StoredChange>();
        if (!TryId(id, out var taskId)
            || await TaskStore.CompleteAsync(database, tenant, taskId, clock.GetUtcNow().UtcDateTime, CreatedBy(user), told.Add, cancellationToken) is not { } result)
            return NotFound(tenant, id);
        await cache.ChangesStoredAsync(tenant, told, cancellationToken);
        return new JsonWriterResult(json => TaskJson.Write(json, result.Task));
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> CommentAsync(string id, HttpRequest request, ClaimsPrincipal user, TenureDatabase database,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenant = ApiClaims.TenantOf(user);
        if (!TryId(id, out var taskId)) return NotFound(tenant, id);
        try
        {
            var body = await WorkRequestBody.ReadAsync(request, CommentFields, cancellationToken);
            if (await TaskStore.CommentAsync(database, tenant, taskId, CreatedBy(user), body["text"], clock.GetUtcNow().UtcDateTime, cancellationToken) is not { } comment)
                return NotFound(tenant, id);
            return new JsonWriterResult(json => TaskJson.WriteComment(json, comment));
        }
        catch (WorkInputException e)
        {
            return Invalid("Invalid comment", e);
        }
    }

    /// <summary>Who acts through an API key: "api-key:" and the key's prefix (never the key).</summary>
    internal static string CreatedBy(ClaimsPrincipal user) => "api-key:" + user.FindFirstValue(ApiClaims.KeyPrefix);

    internal static ProblemHttpResult Invalid(string title, WorkInputException e) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status400BadRequest,
        Type = ProblemTypes.InvalidInput,
        Title = title,
        Detail = e.Message + " Nothing was saved.",
        Extensions = { ["field"] = e.Field },
    });

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool TryId(string text, out long id) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);

    private static ProblemHttpResult NotFound(string tenant, string id) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Type = ProblemTypes.NotFound,
        Title = "No such task",
        Detail = $"Tenant {tenant} has no task '{(id.Length > 40 ? id[..40] + "..." : id)}'.",
    });
}
