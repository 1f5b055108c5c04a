using System.Security.Claims;
using System.Text.Json.Serialization;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

using Tenure.Storage;
using Tenure.Storage.Surveys;
using Tenure.Web.Apis;
using Tenure.Web.Errors;
using Tenure.Web.Security;

namespace Tenure.Web.Surveys;

/// <summary>The body of POST /api/v1/survey-definitions (the fields of `tenure survey create`).</summary>
public sealed record SurveyCreateRequest(
    string? Type,
    string? Name,
    string? Question,
    [property: JsonPropertyName("follow_up")] string? FollowUp,
    string? Scale,
    [property: JsonPropertyName("throttle_days")] int? ThrottleDays,
    [property: JsonPropertyName("allowed_origins")] IReadOnlyList<string>? AllowedOrigins,
    Dictionary<string, SurveyTranslation>? Translations,
    [property: JsonPropertyName("after_tickets")] bool AfterTickets = false);

/// <summary>One language's texts in a survey request.</summary>
public sealed record SurveyTranslation(string? Question, [property: JsonPropertyName("follow_up")] string? FollowUp);

/// <summary>The body of POST /api/v1/survey-definitions/{id}/links (the options of `tenure survey link`).</summary>
public sealed record SurveyLinkRequest(string? Account, string? User, string? Ticket, [property: JsonPropertyName("expires_days")] int? ExpiresDays,
    [property: JsonPropertyName("base_url")] string? BaseUrl, bool Force = false, string? Email = null);

/// <summary>The body of POST /api/v1/survey-definitions/user-tokens: the host app's signed-in person.</summary>
public sealed record SurveyUserTokenRequest(string? Account, string? User, [property: JsonPropertyName("expires_days")] int? ExpiresDays);

/// <summary>/api/v1/survey-definitions (docs/api.md "Surveys"; /api/v1/surveys is the import of surveys.csv rows): the tenant's surveys, their signed links and the widget's user tokens.</summary>
public static class SurveysApi
{
    public static IEndpointRouteBuilder MapSurveysApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/survey-definitions").WithTags("Surveys")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", ListAsync).WithName("ListSurveys").WithSummary("The tenant's surveys");
        group.MapGet("/{id}", GetAsync).WithName("GetSurvey").WithSummary("One survey").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", CreateAsync).WithName("CreateSurvey").RequireAuthorization(ApiPolicies.Write)
            .WithSummary("Create a survey (as `tenure survey create`)")
            .WithDescription("Body {\"type\": \"nps|csat|ces\", \"name\": \"...\", \"question\", \"follow_up\", \"scale\": \"1-5|1-7|0-10|faces\", \"throttle_days\": 90, \"allowed_origins\": [\"https://app.example.com\"], \"translations\": {\"de\": {\"question\": \"...\", \"follow_up\": \"...\"}}, \"after_tickets\": false}. An nps survey is on 0-10, a ces survey on 1-7.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/{id}/pause", (string id, ClaimsPrincipal user, TenureDatabase database, CancellationToken ct) => SetActiveAsync(id, false, user, database, ct))
            .WithName("PauseSurvey").WithSummary("Pause a survey: its links and widget are refused").RequireAuthorization(ApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/resume", (string id, ClaimsPrincipal user, TenureDatabase database, CancellationToken ct) => SetActiveAsync(id, true, user, database, ct))
            .WithName("ResumeSurvey").WithSummary("Resume a paused survey").RequireAuthorization(ApiPolicies.Write).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/links", LinkAsync).WithName("CreateSurveyLink").RequireAuthorization(ApiPolicies.Write)
            .WithSummary("Make a signed link for one person (a survey send; as `tenure survey link`)")
            .WithDescription("Body {\"account\": \"A1\", \"user\": \"u1\", \"ticket\": \"T9\", \"expires_days\": 30, \"base_url\": \"https://tenure.example.com\", \"email\": \"ann@example.com\"}; answers the send with its url. With email, the link is mailed through the mail outbox (status queued). Refused (400) when the person was sent the survey within its throttle days, unless \"force\": true.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/user-tokens", UserTokenAsync).WithName("CreateSurveyUserToken").RequireAuthorization(ApiPolicies.Write)
            .WithSummary("Mint a widget user token for the host app's signed-in person ({\"token\": \"...\"})")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    public static async Task<JsonWriterResult> ListAsync(ClaimsPrincipal user, TenureDatabase database, CancellationToken cancellationToken)
    {
        var surveys = await SurveyStore.ListAsync(database, ApiClaims.TenantOf(user), cancellationToken);
        return new JsonWriterResult(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("surveys");
            foreach (var s in surveys) SurveyJson.Write(json, s);
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> GetAsync(string id, ClaimsPrincipal user, TenureDatabase database, CancellationToken cancellationToken)
    {
        var survey = await SurveyStore.GetAsync(database, ApiClaims.TenantOf(user), id, cancellationToken);
        return survey is null ? NotFound(id) : new JsonWriterResult(json => SurveyJson.Write(json, survey));
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> CreateAsync(SurveyCreateRequest request, ClaimsPrincipal user, TenureDatabase database, CancellationToken cancellationToken)
    {
        try
        {
            var survey = await SurveyStore.CreateAsync(database, ApiClaims.TenantOf(user), new SurveyRequest(request.Type, request.Name, request.Question, request.FollowUp,
                request.Scale, request.ThrottleDays, request.AllowedOrigins,
                request.Translations?.ToDictionary(t => t.Key, t => new SurveyTexts(t.Value.Question, t.Value.FollowUp)), request.AfterTickets), cancellationToken);
            return new JsonWriterResult(json => SurveyJson.Write(json, survey));
        }
        catch (SurveyException e)
        {
            return Invalid(e);
        }
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> SetActiveAsync(string id, bool active, ClaimsPrincipal user, TenureDatabase database, CancellationToken cancellationToken)
    {
        var survey = await SurveyStore.SetActiveAsync(database, ApiClaims.TenantOf(user), id, active, cancellationToken);
        return survey is null ? NotFound(id) : new JsonWriterResult(json => SurveyJson.Write(json, survey));
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> LinkAsync(string id, SurveyLinkRequest request, HttpRequest http, ClaimsPrincipal user, TenureDatabase database,
        IOptions<SurveyOptions> options, CancellationToken cancellationToken)
    {
        var baseUrl = string.IsNullOrWhiteSpace(request.BaseUrl) ? options.Value.LinkBaseFor(http) : request.BaseUrl.Trim();
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return Invalid(new SurveyException($"base_url: '{request.BaseUrl}' is not an http:// or https:// URL."));
        try
        {
            var send = await SurveySends.CreateLinkAsync(database, ApiClaims.TenantOf(user), id, request.Account, request.User, request.Ticket, request.ExpiresDays,
                SurveySends.Link, request.Force, cancellationToken, request.Email, baseUrl);
            return new JsonWriterResult(json => SurveyJson.WriteSend(json, send, baseUrl));
        }
        catch (SurveyException e)
        {
            return Invalid(e);
        }
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> UserTokenAsync(SurveyUserTokenRequest request, ClaimsPrincipal user, TenureDatabase database, CancellationToken cancellationToken)
    {
        try
        {
            var token = await SurveySends.MintUserTokenAsync(database, ApiClaims.TenantOf(user), request.Account, request.User, request.ExpiresDays, cancellationToken);
            return new JsonWriterResult(json => { json.WriteStartObject(); json.WriteString("token", token); json.WriteEndObject(); });
        }
        catch (SurveyException e)
        {
            return Invalid(e);
        }
    }

    private static ProblemHttpResult Invalid(SurveyException e) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status400BadRequest,
        Type = ProblemTypes.InvalidInput,
        Title = "Invalid survey request",
        Detail = e.Message + " Nothing was saved.",
    });

    private static ProblemHttpResult NotFound(string id) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Type = ProblemTypes.NotFound,
        Title = "No such survey",
        Detail = $"This tenant has no survey '{id}'.",
    });
}
