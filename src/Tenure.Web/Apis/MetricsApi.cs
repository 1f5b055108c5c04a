using System.Security.Claims;

using Microsoft.AspNetCore.Http.HttpResults;

using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Reporting;
using Tenure.Web.Dashboards;
using Tenure.Web.Data;
using Tenure.Web.Hosting;
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
            .WithDescription("Same parameters, errors and JSON as `tenure metrics --format json`: [from, to) cut by period, split by `by`, for the comma-separated metric ids (absent: all; repeated ids count once). churnGraceDays (0-365) overrides the workspace's churn grace setting; format=json (default) or csv (text/csv, the columns of `tenure metrics --format csv`, exact numbers). Limits (400 naming the limit): from and to within 1900-01-01..2201-01-01, at most 1,500 periods and 200,000 results (periods x segments x metrics); at most twice the processor count computed at once server-wide, then a short queue, then 429 with Retry-After.")
            .RequireRateLimiting(HeavyReadLimiting.Policy)
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/catalog", GetCatalog)
            .WithName("GetMetricCatalog")
            .WithSummary("The metric catalogue")
            .WithDescription("Every metric: id, name, area, unit, formula, inputs, source, which way is better; as `tenure metrics list --format json`.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return api;
    }

    /// <summary>
    /// Parses the parameters with the CLI's parser (<see cref="MetricRequestParser"/>), then answers from the tenant's
    /// <see cref="MetricGrids"/> (whole months), or from <see cref="DashboardCache"/> when the same query was computed at
    /// the same data version, or computes over the tenant's cached data set; without <c>churnGraceDays</c>, the workspace's churn grace setting applies. The request
    /// is held to <see cref="MetricRequestLimits.Api"/> (400 naming the limit) and stops when the client goes away.
    /// </summary>
    public static async Task<Results<JsonWriterResult, ContentHttpResult, ProblemHttpResult>> GetMetricsAsync(
        string? from,
        string? to,
        string? period,
        string? by,
        string? metric,
        string? lifespanMonths,
        string? trailing,
        string? satisfactionSurveys,
        string? churnGraceDays,
        string? format,
        ClaimsPrincipal user,
        TenantDataCache cache,
        DashboardCache results,
        MetricGrids grids,
        ComputeTurns turns,
        WorkspaceMetricOptions workspaceOptions,
        CancellationToken cancellationToken)
    {
        var tenant = ApiClaims.TenantOf(user);
        // The workspace's settings (churn grace, business calendar), as the dashboards use them.
        var workspace = await workspaceOptions.GetAsync(tenant, cancellationToken);
        MetricRequest request;
        bool csv;
        try
        {
            csv = (string.IsNullOrWhiteSpace(format) ? "json" : format.Trim().ToLowerInvariant()) switch
            {
                "json" => false,
                "csv" => true,
                _ => throw new QueryParameterException("format", $"format '{format}' is not one of json, csv."),
            };
            var text = new MetricRequestText
            {
                From = from,
                To = to,
                Period = period,
                By = by,
                Metric = metric,
                LifespanMonths = lifespanMonths,
                Trailing = trailing,
                SatisfactionSurveys = satisfactionSurveys,
                ChurnGraceDays = churnGraceDays,
            };
            request = MetricRequestParser.Parse(text, MetricParameterNames.Api, workspace.ChurnGraceDays);
        }
        catch (MetricRequestException e)
        {
            return new QueryParameterException(e.Parameter, e.Message).ToResult();
        }
        catch (QueryParameterException e)
        {
            return e.ToResult();
        }

        var snapshot = await cache.GetAsync(tenant, cancellationToken);
        if (request.By is not (SegmentBy.None or SegmentBy.Cohort) && !snapshot.Data.Has(InputKind.Accounts))
            return new QueryParameterException("by", $"by {by} needs accounts (the account attributes); none are stored.").ToResult();
        request = request with { Options = (request.Options ?? new MetricOptions()) with { BusinessCalendar = workspace.BusinessCalendar } };
        IReadOnlyList<MetricResult> figures;
        try
        {
            // Per (tenant, data version, parameters as given, workspace settings): the same query again is served from
            // memory until the data changes; the version in the key means a cached answer is exactly a fresh one.
            var query = string.Join('\n', from, to, period, by, metric, lifespanMonths, trailing, satisfactionSurveys, churnGraceDays, WorkspaceMetricOptions.Key(workspace));
            var computing = request;
            // Whole months without options of the query's own: from the tenant's grid once it is built (ADR 0275); else
            // cached, else computed in turn with the dashboards' pages (ComputeTurns).
            if (grids.TryAnswer(snapshot, computing, workspace) is { } answered)
            {
                figures = answered;
            }
            else
            {
                using var turn = results.TryGet<IReadOnlyList<MetricResult>>(snapshot.Tenant, snapshot.Version, "api-metrics", query, out _)
                    ? default
                    : await turns.WaitAsync($"api\n{computing.Granularity}\n{computing.By}", cancellationToken);
                try
                {
                    figures = results.GetOrCompute(snapshot.Tenant, snapshot.Version, "api-metrics", query,
                        () => MetricEngine.ComputeCancellable(snapshot.Data, computing, cancellationToken));
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The computation this request shared was stopped by the client that started it going away: compute anew.
                    figures = results.GetOrCompute(snapshot.Tenant, snapshot.Version, "api-metrics", query,
                        () => MetricEngine.ComputeCancellable(snapshot.Data, computing, cancellationToken));
                }
            }
        }
        catch (MetricLimitException e)
        {
            return new QueryParameterException("by", e.Message).ToResult();
        }
        if (csv)
        {
            using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
            MetricCsv.WriteResults(text, figures);
            return TypedResults.Text(text.ToString(), "text/csv; charset=utf-8");
        }
        return new JsonWriterResult(json => MetricJson.WriteResults(json, figures));
    }

    public static JsonWriterResult GetCatalog() => new(MetricJson.WriteCatalogue);
}
