using System.Security.Claims;

using Microsoft.AspNetCore.Http.HttpResults;

using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Reporting;
using Tenure.Web.Data;
using Tenure.Web.Security;
using Tenure.Web.Settings;

namespace Tenure.Web.Apis;

/// <summary>GET /api/v1/metrics: the engine over the tenant's stored data, as `tenure metrics --format json` writes it; and the catalogue.</summary>
public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/metrics").WithTags("Metrics");
        group.MapGet("", GetMetricsAsync)
            .WithName("GetMetrics")
            .WithSummary("Compute metrics over the stored data")
            .WithDescription("Same parameters and JSON as `tenure metrics --format json`: [from, to) cut by period, split by `by`, for the comma-separated metric ids (absent: all).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/catalog", GetCatalog)
            .WithName("GetMetricCatalog")
            .WithSummary("The metric catalogue")
            .WithDescription("Every metric: id, name, area, unit, formula, inputs, source; as `tenure metrics list --format json`.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return api;
    }

    /// <summary>Parses the parameters as the CLI does, then computes over the tenant's cached data set.</summary>
    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> GetMetricsAsync(
        string? from,
        string? to,
        string? period,
        string? by,
        string? metric,
        string? lifespanMonths,
        string? trailing,
        string? satisfactionSurveys,
        ClaimsPrincipal user,
        TenantDataCache cache,
        TenantBusinessCalendarSetting calendars,
        CancellationToken cancellationToken)
    {
        MetricRequest request;
        try
        {
            request = new MetricRequest(
                QueryParsing.Instant(from, "from"),
                QueryParsing.Instant(to, "to"),
                QueryParsing.Granularity(period),
                QueryParsing.SegmentBy(by),
                QueryParsing.List(metric),
                new MetricOptions
                {
                    LifespanMonths = QueryParsing.PositiveDecimal(lifespanMonths, "lifespanMonths"),
                    TrailingMonths = string.IsNullOrWhiteSpace(trailing) ? null : QueryParsing.WholeNumber(trailing, "trailing", 0, 1, 1200),
                    SatisfactionSurveys = new HashSet<string>(QueryParsing.List(satisfactionSurveys), StringComparer.Ordinal),
                });
            if (request.To <= request.From)
                throw new QueryParameterException("to", "to must be after from (the range is [from, to)).");
            foreach (var id in request.Metrics ?? [])
            {
                if (!MetricCatalogue.TryGet(id, out _))
                    throw new QueryParameterException("metric", $"unknown metric '{id}'; GET /api/v1/metrics/catalog lists the catalogue.");
            }
        }
        catch (QueryParameterException e)
        {
            return e.ToResult();
        }

        var snapshot = await cache.GetAsync(ApiClaims.TenantOf(user), cancellationToken);
        if (request.By is not (SegmentBy.None or SegmentBy.Cohort) && !snapshot.Data.Has(InputKind.Accounts))
            return new QueryParameterException("by", $"by {by} needs accounts (the account attributes); none are stored.").ToResult();
        // The workspace's business calendar (its setting on /settings), as the dashboards use it.
        request = request with { Options = (request.Options ?? new MetricOptions()) with { BusinessCalendar = await calendars.GetAsync(ApiClaims.TenantOf(user), cancellationToken) } };
        var results = MetricEngine.Compute(snapshot.Data, request);
        return new JsonWriterResult(json => MetricJson.WriteResults(json, results));
    }

    public static JsonWriterResult GetCatalog() => new(MetricJson.WriteCatalogue);
}
