using System.Globalization;
using System.Security.Claims;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

using Tenure.Storage;
using Tenure.Storage.Webhooks;
using Tenure.Web.Errors;
using Tenure.Web.Security;

namespace Tenure.Web.Apis;

/// <summary>The body of POST /api/v1/webhooks: the URL, the signing secret and the events (default all).</summary>
public sealed record WebhookRequest(string? Url, string? Secret, IReadOnlyList<string>? Events);

/// <summary>/api/v1/webhooks (docs/webhooks.md), admin keys only: add, list, remove, and each webhook's delivery log.</summary>
public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization(ApiPolicies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", ListAsync).WithName("ListWebhooks").WithSummary("The tenant's webhooks (never their secrets)");
        group.MapPost("", AddAsync).WithName("AddWebhook")
            .WithSummary("Add a webhook; answers the webhook as listed (never its secret)")
            .WithDescription("Body {\"url\": \"https://...\", \"secret\": \"16+ characters\", \"events\": [\"alert.opened\", \"alert.resolved\", \"task.created\", \"survey.answered\"]} (events default to all). A URL that is not http(s) is refused and nothing is saved.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapDelete("/{id}", RemoveAsync).WithName("RemoveWebhook").WithSummary("Remove a webhook and its delivery log")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries")
            .WithSummary("A webhook's delivery log, newest first: status (pending, delivered, failed), attempts, last error")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<JsonWriterResult> ListAsync(ClaimsPrincipal user, TenureDatabase database, CancellationToken cancellationToken)
    {
        var hooks = await Webhooks.ListAsync(database, ApiClaims.TenantOf(user), cancellationToken);
        return new JsonWriterResult(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("webhooks");
            foreach (var h in hooks) WebhookJson.Write(json, h);
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> AddAsync(WebhookRequest request, ClaimsPrincipal user, TenureDatabase database, CancellationToken cancellationToken)
    {
        try
        {
            var events = request.Events is null ? null : string.Join(',', request.Events);
            if (request.Events is { Count: 0 })
                throw new WebhookException("events: give at least one event, or leave events out for all of them.");
            var hook = await Webhooks.AddAsync(database, ApiClaims.TenantOf(user), request.Url, request.Secret, events, cancellationToken);
            return new JsonWriterResult(json => WebhookJson.Write(json, hook));
        }
        catch (WebhookException e)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Type = ProblemTypes.InvalidInput,
                Title = "Invalid webhook",
                Detail = e.Message + " Nothing was saved.",
            });
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string id, ClaimsPrincipal user, TenureDatabase database, CancellationToken cancellationToken)
    {
        var tenant = ApiClaims.TenantOf(user);
        if (!TryId(id, out var hookId) || !await Webhooks.RemoveAsync(database, tenant, hookId, cancellationToken))
            return NotFound(tenant, id);
        return TypedResults.NoContent();
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> DeliveriesAsync(string id, ClaimsPrincipal user, TenureDatabase database, CancellationToken cancellationToken)
    {
        var tenant = ApiClaims.TenantOf(user);
        if (!TryId(id, out var hookId) || !(await Webhooks.ListAsync(database, tenant, cancellationToken)).Any(h => h.Id == hookId))
            return NotFound(tenant, id);
        var deliveries = await Webhooks.DeliveriesAsync(database, tenant, hookId, 100, cancellationToken);
        return new JsonWriterResult(json => WebhookJson.WriteDeliveries(json, deliveries));
    }

    private static bool TryId(string text, out long id) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);

    private static ProblemHttpResult NotFound(string tenant, string id) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Type = ProblemTypes.NotFound,
        Title = "No such webhook",
        Detail = $"Tenant {tenant} has no webhook '{id}'.",
    });
}
