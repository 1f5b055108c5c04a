using System.Security.Claims;
using System.Text.Json;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

using Tenure.Metrics.Goals;
using Tenure.Storage.Goals;
using Tenure.Web.Apis;
using Tenure.Web.Errors;
using Tenure.Web.Ingest;
using Tenure.Web.Security;

namespace Tenure.Web.Goals;

/// <summary>
/// /api/v1/goals (docs/api.md, docs/goals.md): GET lists the tenant's goals (read keys); PUT sets one and DELETE removes
/// one (admin keys: API keys have no manager role). The JSON is <see cref="GoalJson"/>'s, as `tenure goal list --format json`.
/// </summary>
public static class GoalsApi
{
    /// <summary>The largest PUT body: a goal is a few hundred bytes.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    private static readonly string[] BodyFields = ["metric", "target", "direction", "period", "csm", "segment"];

    public static IEndpointRouteBuilder MapGoalsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/goals").WithTags("Goals")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", ListAsync).WithName("ListGoals").WithSummary("The tenant's goals: metric, direction, target, period, scope");
        group.MapPut("", SetAsync).WithName("SetGoal").RequireAuthorization(ApiPolicies.Admin)
            .WithSummary("Set a goal (replacing the one with the same metric, period and scope); answers the goal as listed")
            .WithDescription("Body {\"metric\": \"churn-rate\", \"target\": 5, \"direction\": \"at_most\", \"period\": \"month\", \"csm\": null, \"segment\": null}. direction defaults to the way the catalogue says is better; give csm or segment (not both) for a CSM's book or a segment. An unknown metric, an impossible target (a negative count, a rate above 100 %, a number beyond ±1e15), an unknown CSM or segment, an unknown or repeated field: 400 naming each problem, nothing saved.")
            .Accepts<GoalBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapDelete("", RemoveAsync).WithName("RemoveGoal").RequireAuthorization(ApiPolicies.Admin)
            .WithSummary("Remove the goal named by ?metric=&period= and, for a CSM's or a segment's goal, &csm= or &segment=")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>The PUT body, for the OpenAPI document (the handler reads the JSON itself to refuse repeated fields).</summary>
    public sealed record GoalBody(string Metric, decimal Target, string? Direction, string Period, string? Csm, string? Segment);

    public static async Task<JsonWriterResult> ListAsync(ClaimsPrincipal user, GoalBoard goals, CancellationToken cancellationToken)
    {
        var list = await goals.ListAsync(ApiClaims.TenantOf(user), cancellationToken);
        return new JsonWriterResult(json => GoalJson.WriteList(json, list));
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> SetAsync(HttpRequest request, ClaimsPrincipal user, GoalBoard goals, CancellationToken cancellationToken)
    {
        var tenant = ApiClaims.TenantOf(user);
        await using var body = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
            return Invalid([new GoalProblem("body", $"the body is larger than {MaxBodyBytes / 1024} KiB; a goal is one small JSON object.")]);
        var (goalRequest, problems) = Read(body);
        if (goalRequest is null)
            return Invalid(problems);
        var outcome = await goals.SetAsync(tenant, goalRequest, "api key " + user.FindFirstValue(ApiClaims.KeyPrefix), cancellationToken);
        if (!outcome.Saved)
            return Invalid(outcome.Problems);
        var stored = (await goals.ListAsync(tenant, cancellationToken)).First(g => g.Goal.Key == outcome.Goal!.Key);
        return new JsonWriterResult(json => GoalJson.Write(json, stored));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(HttpRequest request, ClaimsPrincipal user, GoalBoard goals, CancellationToken cancellationToken)
    {
        var tenant = ApiClaims.TenantOf(user);
        var problems = new List<GoalProblem>();
        string? Single(string name)
        {
            var values = request.Query[name];
            if (values.Count > 1) problems.Add(new GoalProblem(name, $"given {values.Count} times; give it once."));
            return values.Count == 1 ? values[0] : null;
        }
        var metric = Single("metric");
        var period = Single("period");
        var csm = Single("csm");
        var segment = Single("segment");
        foreach (var key in request.Query.Keys.Where(k => k is not ("metric" or "period" or "csm" or "segment")))
            problems.Add(new GoalProblem(key, "is not a parameter of DELETE /api/v1/goals (metric, period, csm, segment)."));
        if (problems.Count > 0)
            return Invalid(problems);
        var (removed, named) = await goals.RemoveAsync(tenant, metric, period, csm, segment, cancellationToken);
        if (named.Count > 0)
            return Invalid(named);
        if (!removed)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Type = ProblemTypes.NotFound,
                Title = "No such goal",
                Detail = $"Tenant {tenant} has no goal for {metric} per {period}{(csm is not null ? ", csm=" + csm : segment is not null ? ", segment=" + segment : "")}.",
            });
        }
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Reads the PUT body: one JSON object of <see cref="BodyFields"/>, each at most once, target a JSON number (read from its
    /// text, so 1e308 is refused by the rules, not rounded), the others strings or null.
    /// </summary>
    internal static (GoalRequest? Request, IReadOnlyList<GoalProblem> Problems) Read(Stream body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            return (null, [new GoalProblem("body", $"not valid JSON ({e.Message.Split(" Path:")[0].TrimEnd('.')}); a field given twice is refused too.")]);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (null, [new GoalProblem("body", "must be one JSON object {\"metric\": ..., \"target\": ..., \"period\": ...}.")]);
            var problems = new List<GoalProblem>();
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!BodyFields.Contains(property.Name))
                {
                    problems.Add(new GoalProblem(property.Name, $"is not a field of a goal ({string.Join(", ", BodyFields)})."));
                    continue;
                }
                var value = property.Value;
                if (property.Name == "target")
                {
                    if (value.ValueKind == JsonValueKind.Number) values["target"] = value.GetRawText();
                    else problems.Add(new GoalProblem("target", "must be a JSON number, e.g. 5 for 5 %."));
                }
                else if (value.ValueKind is JsonValueKind.String) values[property.Name] = value.GetString();
                else if (value.ValueKind is JsonValueKind.Null) values[property.Name] = null;
                else problems.Add(new GoalProblem(property.Name, "must be a string or null."));
            }
            if (problems.Count > 0)
                return (null, problems);
            return (new GoalRequest(values.GetValueOrDefault("metric"), values.GetValueOrDefault("target"), values.GetValueOrDefault("direction"),
                values.GetValueOrDefault("period"), values.GetValueOrDefault("csm"), values.GetValueOrDefault("segment")), []);
        }
    }

    private static ProblemHttpResult Invalid(IReadOnlyList<GoalProblem> problems)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ProblemTypes.InvalidInput,
            Title = "Invalid goal",
            Detail = string.Join(" ", problems.Select(p => p.ToString())) + " Nothing was saved.",
        };
        problem.Extensions["errors"] = problems.Select(p => new { field = p.Field, message = p.Message }).ToList();
        return TypedResults.Problem(problem);
    }
}
