using System.Security.Claims;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

using Tenure.Metrics.Accounts;
using Tenure.Metrics.Health;
using Tenure.Web.Dashboards;
using Tenure.Web.Data;
using Tenure.Web.Errors;
using Tenure.Web.Health;
using Tenure.Web.Security;

namespace Tenure.Web.Apis;

/// <summary>
/// GET /api/v1/health: the account health score (METRICS.md, Tenure.Metrics.Health) of every customer of the
/// tenant at a day, in the JSON of `tenure health --format json` (<see cref="HealthJson"/>), byte for byte; and
/// GET /api/v1/accounts/{id}/health: one account's daily history (<see cref="HealthHistoryReader"/>).
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
        api.MapGet("/accounts/{id}/health", GetAccountHealthAsync)
            .WithTags("Health")
            .WithName("GetAccountHealthHistory")
            .WithSummary("One account's daily health score history and the days its band changed")
            .WithDescription("from, to: the first and last day (yyyy-MM-dd, inclusive, 1900-01-01..2201-01-01, at most 3660 days apart); default to today (UTC) and from 90 days before to. Days the account was not a customer, or that were not recorded, are absent. 404 for an account the tenant does not have.")
            .RequireRateLimiting(HeavyReadLimiting.Policy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    /// <summary>Days of history GET /api/v1/accounts/{id}/health gives without from: to and the 90 days before it.</summary>
    public const int DefaultHistoryDays = 90;

    /// <summary>The most days one history request covers (about ten years).</summary>
    public const int MaxHistoryDays = 3660;

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> GetAccountHealthAsync(
        string id,
        string? from,
        string? to,
        ClaimsPrincipal user,
        TenantDataCache cache,
        HealthHistoryReader history,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        DateTime first, last;
        try
        {
            last = string.IsNullOrWhiteSpace(to) ? clock.GetUtcNow().UtcDateTime.Date : ParseDay(to, "to");
            first = string.IsNullOrWhiteSpace(from) ? last.AddDays(-DefaultHistoryDays) : ParseDay(from, "from");
            if (first > last)
                throw new QueryParameterException("from", $"from {first:yyyy-MM-dd} is after to {last:yyyy-MM-dd}.");
            if ((last - first).TotalDays + 1 > MaxHistoryDays)
                throw new QueryParameterException("from", $"from {first:yyyy-MM-dd} to {last:yyyy-MM-dd} is more than {MaxHistoryDays} days.");
        }
        catch (QueryParameterException e)
        {
            return e.ToResult();
        }

        var tenant = ApiClaims.TenantOf(user);
        var snapshot = await cache.GetAsync(tenant, cancellationToken);
        if (snapshot.Accounts.Find(id) is null)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Type = ProblemTypes.NotFound,
                Title = "Account not found",
                Detail = $"There is no account '{id}' (ids are case-sensitive).",
            });
        }
        var days = await history.ForAccountAsync(tenant, id, first, last, cancellationToken);
        return new JsonWriterResult(json => HealthHistoryJson.Write(json, days.AccountId, days.FirstDay, days.LastDay, days.Days, days.BandChanges));
    }

    /// <summary>A day, yyyy-MM-dd (its 00:00 UTC), within the supported calendar.</summary>
    private static DateTime ParseDay(string text, string parameter) =>
        HealthDay.TryParse(text, out var day)
            ? day
            : throw new QueryParameterException(parameter, $"{parameter} '{text}' is not a day (expected {HealthDay.Expected}).");

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
