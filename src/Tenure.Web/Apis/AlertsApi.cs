using System.Security.Claims;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

using Tenure.Metrics.Alerts;
using Tenure.Storage;
using Tenure.Storage.Alerts;
using Tenure.Web.ChurnRisk;
using Tenure.Web.Data;
using Tenure.Web.Errors;
using Tenure.Web.Live;
using Tenure.Web.Security;

namespace Tenure.Web.Apis;

/// <summary>
/// /api/v1/alerts (docs/alerts.md): the tenant's alerts in the JSON of `tenure alerts --format json`, resolving
/// one by hand, evaluating now, and the workspace's rules (alerts.json).
/// </summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/alerts").WithTags("Alerts");
        group.MapGet("", ListAlertsAsync)
            .WithName("ListAlerts")
            .WithSummary("The tenant's alerts, newest first")
            .WithDescription("status: open (default) or all. The JSON of `tenure alerts --format json`: {\"alerts\":[{\"id\",\"rule\",\"account_id\",\"csm\",\"opened_at\",\"status\",\"reason\",\"resolved_at\",\"resolution\"}]}.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/{id}/resolve", ResolveAlertAsync)
            .WithName("ResolveAlert")
            .WithSummary("Resolve an alert by hand")
            .WithDescription("It stays resolved while its condition holds; a new alert opens only after the condition has cleared. Resolving a resolved alert changes nothing.")
            .RequireAuthorization(ApiPolicies.Write)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/evaluate", EvaluateAsync)
            .WithName("EvaluateAlerts")
            .WithSummary("Evaluate the alert rules now (the server also does this hourly and after every import)")
            .RequireAuthorization(ApiPolicies.Write)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/rules", GetRulesAsync)
            .WithName("GetAlertRules")
            .WithSummary("The workspace's alert rules as alerts.json");
        group.MapPut("/rules", PutRulesAsync)
            .WithName("SetAlertRules")
            .WithSummary("Set the workspace's alert rules (alerts.json); an invalid document is refused and nothing is saved")
            .Accepts<object>("application/json")
            .RequireAuthorization(ApiPolicies.Admin)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> ListAlertsAsync(string? status, ClaimsPrincipal user, TenureDatabase database, CancellationToken cancellationToken)
    {
        bool openOnly;
        switch (status?.Trim().ToLowerInvariant())
        {
            case null or "" or "open": openOnly = true; break;
            case "all": openOnly = false; break;
            default: return new QueryParameterException("status", $"status '{status}' is not one of open, all.").ToResult();
        }
        var alerts = await AlertStore.ListAsync(database, ApiClaims.TenantOf(user), openOnly, cancellationToken);
        return new JsonWriterResult(json => AlertJson.WriteList(json, alerts));
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> ResolveAlertAsync(string id, ClaimsPrincipal user, TenureDatabase database, TimeProvider clock, [FromServices] TenantChanges? live, CancellationToken cancellationToken)
    {
        var tenant = ApiClaims.TenantOf(user);
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var alertId)
            || await AlertStore.ResolveAsync(database, tenant, alertId, clock.GetUtcNow().UtcDateTime, cancellationToken) is not { } result)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Type = ProblemTypes.NotFound,
                Title = "No such alert",
                Detail = $"Tenant {tenant} has no alert '{id}'.",
            });
        }
        if (result.Changed)
            live?.Notify(tenant, TenantChanges.Alerts);
        return new JsonWriterResult(json => AlertJson.Write(json, result.Alert));
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> EvaluateAsync(ClaimsPrincipal user, TenureDatabase database, TenantDataCache cache, TimeProvider clock, ChurnRiskService churnRisk, [FromServices] TenantChanges? live, CancellationToken cancellationToken)
    {
        var tenant = ApiClaims.TenantOf(user);
        var snapshot = await cache.GetAsync(tenant, cancellationToken);
        AlertEvaluation evaluation;
        AlertChanges changes;
        try
        {
            (evaluation, changes) = await TenantAlerts.EvaluateAsync(database, tenant, clock.GetUtcNow().UtcDateTime, snapshot.Data, new LatestChurnRisk(churnRisk, tenant), snapshot.HealthData, cancellationToken);
        }
        catch (AlertSettingsException e)
        {
            return InvalidRules(e);
        }
        if (changes.Opened.Count + changes.Resolved.Count > 0)
            live?.Notify(tenant, TenantChanges.Alerts);
        return new JsonWriterResult(json => AlertJson.WriteEvaluation(json, tenant, evaluation, changes));
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetRulesAsync(ClaimsPrincipal user, TenureDatabase database, CancellationToken cancellationToken)
    {
        try
        {
            var settings = await AlertSettingsStore.GetAsync(database, ApiClaims.TenantOf(user), cancellationToken);
            return TypedResults.Text(AlertSettingsJson.Write(settings), "application/json", System.Text.Encoding.UTF8);
        }
        catch (AlertSettingsException e)
        {
            return InvalidRules(e);
        }
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> PutRulesAsync(HttpRequest request, ClaimsPrincipal user, TenureDatabase database, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        try
        {
            var settings = await AlertSettingsStore.SetAsync(database, ApiClaims.TenantOf(user), text, "alerts.json", cancellationToken);
            return TypedResults.Text(AlertSettingsJson.Write(settings), "application/json", System.Text.Encoding.UTF8);
        }
        catch (AlertSettingsException e)
        {
            return InvalidRules(e);
        }
    }

    private static ProblemHttpResult InvalidRules(AlertSettingsException e) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status400BadRequest,
        Type = ProblemTypes.InvalidInput,
        Title = "Invalid alert rules",
        Detail = e.Message + "; nothing was saved.",
    });
}
