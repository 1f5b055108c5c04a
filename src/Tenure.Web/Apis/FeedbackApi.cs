using System.Security.Claims;

using Microsoft.AspNetCore.Http.HttpResults;

using Tenure.Predictive.Feedback;
using Tenure.Web.Data;
using Tenure.Web.Security;

namespace Tenure.Web.Apis;

/// <summary>
/// GET /api/v1/feedback/themes and /comments: the themes of the tenant's survey comments and notes ranked by
/// mentions and by detractor lift, and the comments themselves with sentiment and themes, searchable (docs/feedback.md).
/// The JSON is that of `tenure feedback themes --format json` (<see cref="FeedbackJson"/>).
/// </summary>
public static class FeedbackApi
{
    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/feedback").WithTags("Feedback");
        group.MapGet("/themes", GetThemesAsync)
            .WithName("GetFeedbackThemes")
            .WithSummary("Themes of comments by mentions and by how much more often detractors mention them than promoters, with examples")
            .WithDescription("from (inclusive), to (exclusive): yyyy-MM-dd or ISO-8601, 1900-01-01..2201-01-01; survey: nps, csat, ces or a custom id (notes left out); by: csm, plan, segment, industry or region (themes per value as well as all); q: full text (every word, a word's start matches); band, sentiment, theme, segment narrow further. lift = ((detractor mentions + 1) / (detractors + 2)) / ((promoter mentions + 1) / (promoters + 2)).")
            .RequireRateLimiting(HeavyReadLimiting.Policy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/comments", GetCommentsAsync)
            .WithName("ListFeedbackComments")
            .WithSummary("Survey comments and notes with sentiment and themes, newest first, filtered and searched")
            .WithDescription("The parameters of /feedback/themes, and limit: how many comments to list (1..500, default 50); total counts all that match.")
            .RequireRateLimiting(HeavyReadLimiting.Policy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> GetThemesAsync(
        string? from,
        string? to,
        string? survey,
        string? by,
        string? q,
        string? band,
        string? sentiment,
        string? theme,
        string? segment,
        ClaimsPrincipal user,
        TenantDataCache cache,
        CancellationToken cancellationToken)
    {
        FeedbackQuery query;
        try
        {
            query = Parse(from, to, survey, by, q, band, sentiment, theme, segment, limit: null);
        }
        catch (QueryParameterException e)
        {
            return e.ToResult();
        }
        var snapshot = await cache.GetAsync(ApiClaims.TenantOf(user), cancellationToken);
        var report = ThemeReport.Of(TenantFeedback.Of(snapshot), query.Filter, query.By);
        return new JsonWriterResult(json => FeedbackJson.WriteThemes(json, report));
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> GetCommentsAsync(
        string? from,
        string? to,
        string? survey,
        string? by,
        string? q,
        string? band,
        string? sentiment,
        string? theme,
        string? segment,
        string? limit,
        ClaimsPrincipal user,
        TenantDataCache cache,
        CancellationToken cancellationToken)
    {
        FeedbackQuery query;
        try
        {
            query = Parse(from, to, survey, by, q, band, sentiment, theme, segment, limit);
        }
        catch (QueryParameterException e)
        {
            return e.ToResult();
        }
        var snapshot = await cache.GetAsync(ApiClaims.TenantOf(user), cancellationToken);
        var comments = TenantFeedback.Of(snapshot).Select(query.Filter);
        return new JsonWriterResult(json => FeedbackJson.WriteComments(json, query.Filter, comments, query.Limit));
    }

    /// <summary>The query both endpoints share (docs/feedback.md).</summary>
    /// <exception cref="QueryParameterException">A bad parameter (the 400 naming it).</exception>
    private static FeedbackQuery Parse(string? from, string? to, string? survey, string? by, string? q, string? band, string? sentiment,
        string? theme, string? segment, string? limit) =>
        FeedbackQuery.Parse(new Dictionary<string, string?>
        {
            ["from"] = from,
            ["to"] = to,
            ["survey"] = survey,
            ["by"] = by,
            ["q"] = q,
            ["band"] = band,
            ["sentiment"] = sentiment,
            ["theme"] = theme,
            ["segment"] = segment,
            ["limit"] = limit,
        }.GetValueOrDefault);
}
