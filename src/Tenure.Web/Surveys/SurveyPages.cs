using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

using Tenure.Storage;
using Tenure.Storage.Surveys;
using Tenure.Web.Alerts;
using Tenure.Web.Data;

namespace Tenure.Web.Surveys;

/// <summary>
/// The public survey page of a signed link (docs/surveys.md): GET /s/{token} shows the score form, POST /s/{token}
/// stores the score and shows the follow-up form, POST /s/{token}/comment stores the comment (or skips it), closes
/// the link and thanks. No sign-in, no script. A bad, expired, paused or closed link gets a 4xx page, never a 500.
/// </summary>
public static class SurveyPages
{
    public const string Prefix = "/s";

    public static IEndpointRouteBuilder MapSurveyPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup(Prefix).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(SurveyLimits.Policy).ExcludeFromDescription();
        pages.MapGet("/{token}", ShowAsync);
        pages.MapPost("/{token}", ScoreAsync);
        pages.MapPost("/{token}/comment", CommentAsync);
        return app;
    }

    /// <summary>The score form of an open link (with the score already given, when answered before).</summary>
    public static async Task<RazorComponentResult<SurveyPageView>> ShowAsync(string token, HttpRequest request, TenureDatabase database, SurveyLimits limits, CancellationToken cancellationToken)
    {
        if (!limits.TryAcquireToken(token)) return TooMany();
        var check = await SurveySends.CheckLinkAsync(database, token, cancellationToken);
        if (check.Status != LinkStatus.Open) return Refused(check.Status);
        return Page(ScoreStep(check, token, request, score: null, error: null), StatusCodes.Status200OK);
    }

    /// <summary>Stores the posted <c>score</c> (a new answer, or the same one updated) and shows the follow-up form.</summary>
    public static async Task<RazorComponentResult<SurveyPageView>> ScoreAsync(string token, HttpRequest request, TenureDatabase database, TenantDataCache cache,
        SurveyLimits limits, IOptions<SurveyOptions> options, CancellationToken cancellationToken)
    {
        if (!limits.TryAcquireToken(token)) return TooMany();
        var check = await SurveySends.CheckLinkAsync(database, token, cancellationToken);
        if (check.Status != LinkStatus.Open) return Refused(check.Status);
        var (form, status) = await SurveyForms.ReadAsync(request, options, cancellationToken);
        if (form is null) return BadForm(status);
        var survey = check.Survey!;
        int score;
        try
        {
            score = SurveyRules.CheckScore(survey, form["score"]);
        }
        catch (SurveyException e)
        {
            return Page(ScoreStep(check, token, request, null, "Please choose a score: " + e.Message), StatusCodes.Status400BadRequest);
        }
        var answer = await SurveyAnswers.ScoreAsync(database, survey, Source(check), score, Told(cache, survey.Tenant), cancellationToken);
        await AnsweredAsync(request, cache, survey.Tenant, answer.Changes, cancellationToken);
        var (_, followUp) = survey.TextsIn(Language(request));
        return Page(new SurveyPageModel(SurveyStep.Comment, survey.Name, followUp, token, Score: answer.Score, Comment: answer.Comment, Language: LanguageTag(request)), StatusCodes.Status200OK);
    }

    /// <summary>Stores the posted <c>comment</c> (or, with <c>skip</c>, none), closes the link and thanks.</summary>
    public static async Task<Results<RazorComponentResult<SurveyPageView>, RedirectHttpResult>> CommentAsync(string token, HttpRequest request, TenureDatabase database,
        TenantDataCache cache, SurveyLimits limits, IOptions<SurveyOptions> options, CancellationToken cancellationToken)
    {
        if (!limits.TryAcquireToken(token)) return TooMany();
        var check = await SurveySends.CheckLinkAsync(database, token, cancellationToken);
        if (check.Status != LinkStatus.Open) return Refused(check.Status);
        if (check.ResponseId is null) return TypedResults.Redirect(Prefix + "/" + token); // no score yet: ask for it first
        var (form, status) = await SurveyForms.ReadAsync(request, options, cancellationToken);
        if (form is null) return BadForm(status);
        var survey = check.Survey!;
        if (string.IsNullOrEmpty(form["skip"]))
        {
            string? comment;
            try
            {
                comment = SurveyRules.CheckComment(form["comment"]);
            }
            catch (SurveyException e)
            {
                var (_, followUp) = survey.TextsIn(Language(request));
                return Page(new SurveyPageModel(SurveyStep.Comment, survey.Name, followUp, token, Comment: form["comment"].ToString()[..SurveyRules.MaxCommentLength], Error: e.Message,
                    Language: LanguageTag(request)), StatusCodes.Status400BadRequest);
            }
            var answer = await SurveyAnswers.CommentAsync(database, survey, Source(check), check.ResponseId, comment, close: true, Told(cache, survey.Tenant), cancellationToken);
            await AnsweredAsync(request, cache, survey.Tenant, answer?.Changes ?? [], cancellationToken);
        }
        else
        {
            await SurveyAnswers.CloseAsync(database, survey.Tenant, check.Payload!.Nonce, cancellationToken);
        }
        return Page(new SurveyPageModel(SurveyStep.Thanks, "Thank you!", "Your answer was received. You can close this page.", Language: LanguageTag(request)), StatusCodes.Status200OK);
    }

    /// <summary>The refusal page of a link that cannot be answered: what happened, in plain words, with its 4xx status.</summary>
    public static RazorComponentResult<SurveyPageView> Refused(LinkStatus status)
    {
        var (code, title, text) = status switch
        {
            LinkStatus.Expired => (StatusCodes.Status410Gone, "This survey link has expired", "The link was valid for a limited time. Thank you for your interest."),
            LinkStatus.Closed => (StatusCodes.Status410Gone, "Already answered", "This link was already used to answer the survey. Thank you!"),
            LinkStatus.UnknownSurvey => (StatusCodes.Status404NotFound, "Survey not found", "This survey no longer exists."),
            LinkStatus.Paused => (StatusCodes.Status403Forbidden, "Survey paused", "This survey is not taking answers at the moment."),
            LinkStatus.Forged => (StatusCodes.Status403Forbidden, "Invalid survey link", "This link is not valid. Please use the link exactly as you received it."),
            _ => (StatusCodes.Status400BadRequest, "Invalid survey link", "This link is not valid. Please use the link exactly as you received it."),
        };
        return Page(new SurveyPageModel(SurveyStep.Refused, title, text), code);
    }

    private static RazorComponentResult<SurveyPageView> TooMany() =>
        Page(new SurveyPageModel(SurveyStep.Refused, "Too many requests", "Please wait a minute and try again."), StatusCodes.Status429TooManyRequests);

    private static RazorComponentResult<SurveyPageView> BadForm(int status) =>
        Page(new SurveyPageModel(SurveyStep.Refused, status == StatusCodes.Status413PayloadTooLarge ? "Answer too long" : "Not a survey form",
            status == StatusCodes.Status413PayloadTooLarge ? "Please shorten your comment and send it again." : "Please answer through the survey page."), status);

    private static SurveyPageModel ScoreStep(LinkCheck check, string token, HttpRequest request, int? score, string? error)
    {
        var survey = check.Survey!;
        var (question, _) = survey.TextsIn(Language(request));
        var scale = survey.StoredScale;
        var (low, high) = survey.Type == "nps" ? ("Not at all likely", "Extremely likely") : survey.Type == "ces" ? ("Very difficult", "Very easy") : ("Very unsatisfied", "Very satisfied");
        return new SurveyPageModel(SurveyStep.Score, survey.Name, question, token, Metrics.Inputs.Scales.Min(scale), Metrics.Inputs.Scales.Max(scale), survey.Faces,
            low, high, score, Error: error, Language: LanguageTag(request));
    }

    private static AnswerSource Source(LinkCheck check) =>
        new(check.Payload!.AccountId, check.Payload.UserId, check.Payload.TicketId, check.Payload.Nonce, check.Channel);

    /// <summary>Tells the tenant's data in memory of each write of an answer as it commits (<see cref="TenantDataCache.ChangeStored"/>).</summary>
    internal static Action<StoredChange> Told(TenantDataCache cache, string tenant) => change => cache.ChangeStored(tenant, change);

    /// <summary>
    /// Reads see the answer before the page answers (every metric and dashboard at once; the answer's
    /// <paramref name="changes"/> are applied to the tenant's data in memory); alerts re-evaluate and webhooks go out.
    /// </summary>
    internal static async Task AnsweredAsync(HttpRequest request, TenantDataCache cache, string tenant, IReadOnlyList<StoredChange> changes, CancellationToken cancellationToken)
    {
        await cache.ChangesStoredAsync(tenant, changes, cancellationToken);
        request.HttpContext.RequestServices.GetService<AlertMonitor>()?.Request(tenant);
        request.HttpContext.RequestServices.GetService<WebhookDeliveryService>()?.Wake();
    }

    /// <summary>The language asked for: ?lang= or the first of Accept-Language.</summary>
    internal static string? Language(HttpRequest request)
    {
        if (request.Query["lang"].ToString() is { Length: > 0 and <= 35 } lang) return lang;
        var header = request.Headers.AcceptLanguage.ToString();
        var first = header.Split(',', 2)[0].Split(';', 2)[0].Trim();
        return first.Length is > 0 and <= 35 ? first : null;
    }

    private static string LanguageTag(HttpRequest request) =>
        Language(request) is { } tag && tag.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? tag : "en";

    private static RazorComponentResult<SurveyPageView> Page(SurveyPageModel model, int status) =>
        new(new { Model = model }) { StatusCode = status, PreventStreamingRendering = true };
}
