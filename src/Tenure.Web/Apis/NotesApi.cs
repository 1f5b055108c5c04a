using System.Security.Claims;

using Microsoft.AspNetCore.Http.HttpResults;

using Tenure.Storage;
using Tenure.Storage.Work;
using Tenure.Web.Data;
using Tenure.Web.Work;

namespace Tenure.Web.Apis;

/// <summary>
/// /api/v1/accounts/{id}/notes (docs/tasks.md): notes CSMs write on an account. Read keys list; write and admin keys
/// add. A note counts as a touch for the engagement factor and is analysed with the feedback comments (source note).
/// </summary>
public static class NotesApi
{
    private static readonly string[] NoteFields = ["text", "source"];

    public static IEndpointRouteBuilder MapNotesApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/accounts/{id}/notes").WithTags("Notes");
        group.MapGet("", ListAsync)
            .WithName("ListNotes")
            .WithSummary("The account's notes written in Tenure, newest first: {\"notes\":[{\"id\",\"account_id\",\"author\",\"source\",\"created_at\",\"text\"}]}");
        group.MapPost("", AddAsync)
            .WithName("AddNote")
            .WithSummary("Write a note on the account: body {\"text\": \"...\", \"source\": \"call\"} (text 1-8000 characters; source optional, default csm)")
            .Accepts<object>("application/json")
            .RequireAuthorization(Security.ApiPolicies.Write)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    public static async Task<JsonWriterResult> ListAsync(string id, ClaimsPrincipal user, TenureDatabase database, CancellationToken cancellationToken)
    {
        var notes = await NoteStore.ListAsync(database, Security.ApiClaims.TenantOf(user), id, cancellationToken: cancellationToken);
        return new JsonWriterResult(json => TaskJson.WriteNotes(json, notes));
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> AddAsync(string id, HttpRequest request, ClaimsPrincipal user, TenureDatabase database,
        TenantDataCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenant = Security.ApiClaims.TenantOf(user);
        try
        {
            var body = await WorkRequestBody.ReadAsync(request, NoteFields, cancellationToken);
            var told = new List<StoredChange>();
            var note = await NoteStore.AddAsync(database, tenant, id, body["text"], TasksApi.CreatedBy(user), clock.GetUtcNow().UtcDateTime, body["source"], told.Add, cancellationToken);
            await cache.ChangesStoredAsync(tenant, told, cancellationToken);
            return new JsonWriterResult(json => TaskJson.WriteNote(json, note));
        }
        catch (WorkInputException e)
        {
            return TasksApi.Invalid("Invalid note", e);
        }
    }
}
