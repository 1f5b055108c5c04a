using System.Security.Claims;

using Microsoft.AspNetCore.Http.HttpResults;

using Tenure.Metrics.Accounts;
using Tenure.Metrics.Health;
using Tenure.Web.Dashboards;
using Tenure.Web.Data;
using Tenure.Web.Security;

namespace Tenure.Web.Apis;

/// <summary>
/// GET /api/v1/health: the account health score (METRICS.md, Tenure.Metrics.Health) of every customer of the
/// tenant at a day, in the JSON of `tenure health --format json` (<see cref="HealthJson"/>), byte for byte.
/// </summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/health", GetHealthAsync)
            .WithTags("Health")
            .WithName("GetHealth")
            .WithSummary("Account health scores with every factor's value, points and weight")
            .RequireRateLimiting(HeavyReadLimiting.Policy)
            .WithDescription("at: the day (yyyy-MM-dd, 1900-01-01..2201-01-01, default today UTC); band: green, yellow or red; csm: only that CSM's accounts (ignoring case, '(none)' for accounts without one). Only customers at the day are listed. The workspace's health model (Settings, admin; default METRICS.md's), with the workspace's churn grace.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> GetHealthAsync(
        string? at,
        string? band,
        string? csm,
        ClaimsPrincipal user,
        TenantDataCache cache,
        WorkspaceHealth health,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        DateTime day;
        HealthBand? onlyBand = null;
        try
        {
            day = Day(at, clock);
            if (!string.IsNullOrWhiteSpace(band))
                onlyBand = HealthBands.TryParse(band, out var b) ? b : throw new QueryParameterException("band", $"band '{band}' is not one of green, yellow, red.");
        }
        catch (QueryParameterException e)
        {
            return e.ToResult();
        }

        var tenant = ApiClaims.TenantOf(user);
        var snapshot = await cache.GetAsync(tenant, cancellationToken);
        var board = await health.AtAsync(snapshot, day, cancellationToken);
        var criteria = new AccountCriteria(Csm: csm);
        var accounts = board.Accounts
            .Where(a => (onlyBand is null || a.Band == onlyBand) && (string.IsNullOrWhiteSpace(csm) || a.Account is { } row && criteria.Matches(row)))
            .ToList();
        return new JsonWriterResult(json => HealthJson.Write(json, day, accounts));
    }

    /// <summary>A day, yyyy-MM-dd (its 00:00 UTC); today (UTC) when absent.</summary>
    private static DateTime Day(string? text, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(text))
            return clock.GetUtcNow().UtcDateTime.Date;
        if (HealthDay.TryParse(text, out var day))
            return day;
        throw new QueryParameterException("at", $"at '{text}' is not a day (expected {HealthDay.Expected}).");
    }
}
