using System.Security.Claims;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

using Tenure.Predictive.Accounts;
using Tenure.Predictive.Churn;
using Tenure.Web.ChurnRisk;
using Tenure.Web.Data;
using Tenure.Web.Errors;
using Tenure.Web.Security;

namespace Tenure.Web.Apis;

/// <summary>
/// GET /api/v1/churn-risk and GET /api/v1/accounts/{id}/churn-risk: the churn model trained on the tenant's own
/// history (<see cref="ChurnRiskService"/>), as of today, in the JSON of `tenure churn-risk --format json`
/// (<see cref="ChurnRiskJson"/>).
/// </summary>
public static class ChurnRiskApi
{
    public static IEndpointRouteBuilder MapChurnRiskApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/churn-risk", ListChurnRiskAsync)
            .WithTags("Churn risk")
            .WithName("ListChurnRisk")
            .WithSummary("Every customer's churn probability within 90 days and its top three drivers")
            .WithDescription("As of today (UTC), from a model trained on the tenant's own history, highest probability first. When the history is too short to train, scored is false, too_short says why with the numbers and accounts is empty. The first ask after an import may wait for the training (seconds).")
            .RequireRateLimiting(HeavyReadLimiting.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/accounts/{id}/churn-risk", GetAccountChurnRiskAsync)
            .WithTags("Churn risk")
            .WithName("GetAccountChurnRisk")
            .WithSummary("One account's churn probability within 90 days and its top three drivers")
            .WithDescription("The fields of GET /api/v1/churn-risk for one account: account_id, name, at, horizon_days, scored, too_short, history, customer (false when not a customer today), probability (null when not scored) and drivers (feature, text, direction raises / lowers, contribution in log-odds).")
            .RequireRateLimiting(HeavyReadLimiting.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    public static async Task<JsonWriterResult> ListChurnRiskAsync(ClaimsPrincipal user, TenantDataCache cache, ChurnRiskService churnRisk, CancellationToken cancellationToken)
    {
        var tenant = ApiClaims.TenantOf(user);
        var computed = await churnRisk.GetAsync(tenant, cancellationToken);
        var snapshot = await cache.GetAsync(tenant, cancellationToken);
        var accounts = computed.Risk.Accounts.OrderByDescending(a => a.Probability).ThenBy(a => a.AccountId, StringComparer.Ordinal).ToList();
        return new JsonWriterResult(json => ChurnRiskJson.Write(json, computed.Risk, accounts, id => snapshot.Accounts.Find(id)?.Account.Name));
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> GetAccountChurnRiskAsync(
        string id,
        ClaimsPrincipal user,
        TenantDataCache cache,
        ChurnRiskService churnRisk,
        CancellationToken cancellationToken)
    {
        var tenant = ApiClaims.TenantOf(user);
        var snapshot = await cache.GetAsync(tenant, cancellationToken);
        if (snapshot.Accounts.Find(id) is not { } records)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Type = ProblemTypes.NotFound,
                Title = "Account not found",
                Detail = $"There is no account '{id}' (ids are case-sensitive).",
            });
        }
        var computed = await churnRisk.GetAsync(tenant, cancellationToken);
        var account = computed.Risk.For(id);
        return new JsonWriterResult(json =>
        {
            json.WriteStartObject();
            json.WriteString("account_id", id);
            json.WriteString("name", records.Account.Name);
            ChurnRiskJson.WriteSummary(json, computed.Risk);
            json.WriteBoolean("customer", account is not null || !computed.Risk.Scored && IsCustomer(snapshot, id, computed.Day));
            if (account is null) json.WriteNull("probability");
            else json.WriteNumber("probability", ChurnRiskJson.Round(account.Probability));
            ChurnRiskJson.WriteDrivers(json, account?.Drivers ?? []);
            json.WriteEndObject();
        });
    }

    /// <summary>Whether a paying period covers the day (for the too-short answer, which scores nobody).</summary>
    private static bool IsCustomer(TenantSnapshot snapshot, string id, DateTime day) =>
        PayingHistory.PayingPeriodsByAccount(snapshot.Accounts.Find(id)?.Subscriptions ?? []).TryGetValue(id, out var periods)
        && PayingHistory.IsActive(PayingHistory.Spells(periods, day), day);
}
