using System.Text.Json;

using Microsoft.Extensions.Options;

using Tenure.Storage;
using Tenure.Storage.Surveys;
using Tenure.Web.Data;

namespace Tenure.Web.Surveys;

/// <summary>
/// The widget's public endpoints (docs/surveys.md "Widget"), under /api/public/surveys/{survey}/widget: GET (with
/// ?token=) says whether to ask and what, POST .../score and POST .../comment store the answer. Each checks the signed
/// user token and the Origin header against the survey's allowed origins, exactly (scheme, host, port): an origin not
/// listed is refused with 403 and gets no CORS headers. Bodies are small forms (a CORS "simple" request).
/// </summary>
public static class SurveyWidget
{
    public const string Prefix = "/api/public/surveys";

    public static IEndpointRouteBuilder MapSurveyWidget(this IEndpointRouteBuilder app)
    {
        var widget = app.MapGroup(Prefix + "/{survey}/widget").AllowAnonymous().DisableAntiforgery().RequireRateLimiting(SurveyLimits.Policy)
            .WithTags("Surveys (public)");
        widget.MapMethods("", [HttpMethods.Options], PreflightAsync).WithName("WidgetPreflight").WithSummary("CORS preflight of the widget");
        widget.MapMethods("/score", [HttpMethods.Options], PreflightAsync).WithName("WidgetScorePreflight").WithSummary("CORS preflight of the widget's score");
        widget.MapMethods("/comment", [HttpMethods.Options], PreflightAsync).WithName("WidgetCommentPreflight").WithSummary("CORS preflight of the widget's comment");
        widget.MapGet("", StateAsync).WithName("WidgetState")
            .WithSummary("Whether the widget asks this person now, and what")
            .WithDescription("?token= a user token (`tenure survey token`). {\"show\": false} when the person answered within the survey's throttle days.");
        widget.MapPost("/score", ScoreAsync).WithName("WidgetScore").WithSummary("Store the widget's score (form: token, score)");
        widget.MapPost("/comment", CommentAsync).WithName("WidgetComment").WithSummary("Store the widget's comment (form: token, response_id, comment)");
        return app;
    }

    /// <summary>Allows the listed origins to post forms; refuses any other with 403.</summary>
    public static async Task<IResult> PreflightAsync(string survey, HttpContext http, TenureDatabase database, CancellationToken cancellationToken)
    {
        var found = await SurveySends.FindSurveyAsync(database, survey, cancellationToken);
        if (found is null || !AllowOrigin(http, found)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        http.Response.Headers.AccessControlAllowMethods = "GET, POST";
        http.Response.Headers.AccessControlAllowHeaders = "Content-Type";
        http.Response.Headers.AccessControlMaxAge = "600";
        return Results.NoContent();
    }

    public static async Task<IResult> StateAsync(string survey, HttpContext http, TenureDatabase database, SurveyLimits limits, CancellationToken cancellationToken)
    {
        var token = http.Request.Query["token"].ToString();
        var (found, payload, problem) = await CheckAsync(http, database, limits, survey, token, cancellationToken);
        if (problem is not null) return problem;
        if (await SurveyAnswers.AnsweredRecentlyAsync(database, found!, payload!.AccountId, payload.UserId, cancellationToken))
            return Json(w => { w.WriteStartObject(); w.WriteBoolean("show", false); w.WriteNumber("throttle_days", found!.ThrottleDays); w.WriteEndObject(); });
        var (question, followUp) = found!.TextsIn(SurveyPages.Language(http.Request));
        var scale = found.StoredScale;
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("show", true);
            w.WriteString("type", found.Type);
            w.WriteString("question", question);
            w.WriteString("follow_up", followUp);
            w.WriteNumber("min", Metrics.Inputs.Scales.Min(scale));
            w.WriteNumber("max", Metrics.Inputs.Scales.Max(scale));
            w.WriteBoolean("faces", found.Faces);
            w.WriteNumber("throttle_days", found.ThrottleDays);
            w.WriteEndObject();
        });
    }

    public static async Task<IResult> ScoreAsync(string survey, HttpContext http, TenureDatabase database, TenantDataCache cache, SurveyLimits limits,
        IOptions<SurveyOptions> options, CancellationToken cancellationToken)
    {
        var (form, status) = await SurveyForms.ReadAsync(http.Request, options, cancellationToken);
        if (form is null) return Error(status, "The body must be a small form (token, score).");
        var (found, payload, problem) = await CheckAsync(http, database, limits, survey, form["token"], cancellationToken);
        if (problem is not null) return problem;
        int score;
        try
        {
            score = SurveyRules.CheckScore(found!, form["score"]);
        }
        catch (SurveyException e)
        {
            return Error(StatusCodes.Status400BadRequest, e.Message);
        }
        var answer = await SurveyAnswers.ScoreAsync(database, found!, new AnswerSource(payload!.AccountId, payload.UserId, null, null, SurveySends.Widget), score,
            SurveyPages.Told(cache, found!.Tenant), cancellationToken);
        await SurveyPages.AnsweredAsync(http.Request, cache, found!.Tenant, answer.Changes, cancellationToken);
        return Json(w => { w.WriteStartObject(); w.WriteString("response_id", answer.ResponseId); w.WriteNumber("score", answer.Score); w.WriteEndObject(); });
    }

    public static async Task<IResult> CommentAsync(string survey, HttpContext http, TenureDatabase database, TenantDataCache cache, SurveyLimits limits,
        IOptions<SurveyOptions> options, CancellationToken cancellationToken)
    {
        var (form, status) = await SurveyForms.ReadAsync(http.Request, options, cancellationToken);
        if (form is null) return Error(status, "The body must be a small form (token, response_id, comment).");
        var (found, payload, problem) = await CheckAsync(http, database, limits, survey, form["token"], cancellationToken);
        if (problem is not null) return problem;
        string? comment;
        try
        {
            comment = SurveyRules.CheckComment(form["comment"]);
        }
        catch (SurveyException e)
        {
            return Error(StatusCodes.Status400BadRequest, e.Message);
        }
        var answer = await SurveyAnswers.CommentAsync(database, found!, new AnswerSource(payload!.AccountId, payload.UserId, null, null, SurveySends.Widget),
            form["response_id"].ToString(), comment, close: false, SurveyPages.Told(cache, found!.Tenant), cancellationToken);
        if (answer is null) return Error(StatusCodes.Status404NotFound, "response_id: this person has no such answer to this survey.");
        await SurveyPages.AnsweredAsync(http.Request, cache, found!.Tenant, answer.Changes, cancellationToken);
        return Json(w => { w.WriteStartObject(); w.WriteString("response_id", answer.ResponseId); w.WriteEndObject(); });
    }

    /// <summary>The token's checks, then the origin's: a refusal as a JSON error (CORS headers only for an allowed origin).</summary>
    private static async Task<(SurveyDefinition? Survey, SurveyTokenPayload? Payload, IResult? Problem)> CheckAsync(HttpContext http, TenureDatabase database,
        SurveyLimits limits, string survey, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token)) return (null, null, Error(StatusCodes.Status401Unauthorized, "token: required (data-user-token, from `tenure survey token`)."));
        if (!limits.TryAcquireToken(token)) return (null, null, Error(StatusCodes.Status429TooManyRequests, "Too many requests for this token; wait a minute."));
        var (found, payload, status) = await SurveySends.CheckUserTokenAsync(database, survey, token, cancellationToken);
        var origin = found ?? (payload is not null ? await SurveySends.FindSurveyAsync(database, survey, cancellationToken) : null);
        if (origin is not null && origin.Tenant == payload?.Tenant && !AllowOrigin(http, origin))
            return (null, null, Error(StatusCodes.Status403Forbidden, "This page's origin is not among the survey's allowed origins."));
        return status switch
        {
            LinkStatus.Open => (found, payload, null),
            LinkStatus.Expired => (null, null, Error(StatusCodes.Status401Unauthorized, "token: expired; the host app mints a new one.")),
            LinkStatus.UnknownSurvey => (null, null, Error(StatusCodes.Status404NotFound, "survey: no such survey.")),
            LinkStatus.Paused => (null, null, Error(StatusCodes.Status403Forbidden, "survey: paused.")),
            _ => (null, null, Error(StatusCodes.Status401Unauthorized, "token: not a valid user token.")),
        };
    }

    /// <summary>Whether the request's Origin is exactly one of the survey's; when it is, the response says so (Access-Control-Allow-Origin).</summary>
    private static bool AllowOrigin(HttpContext http, SurveyDefinition survey)
    {
        var origin = http.Request.Headers.Origin.ToString();
        http.Response.Headers.Vary = "Origin";
        if (origin.Length == 0 || !survey.AllowedOrigins.Contains(origin, StringComparer.Ordinal)) return false;
        http.Response.Headers.AccessControlAllowOrigin = origin;
        return true;
    }

    private static IResult Error(int status, string message) =>
        Results.Json(new Dictionary<string, string> { ["error"] = message }, statusCode: status);

    private static IResult Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
            write(json);
        return Results.Bytes(stream.ToArray(), "application/json");
    }
}
