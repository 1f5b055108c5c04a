using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

using Tenure.Storage;
using Tenure.Storage.Mail;
using Tenure.Web.Apis;
using Tenure.Web.Errors;
using Tenure.Web.Security;

namespace Tenure.Web.Mail;

/// <summary>The body of POST /api/v1/reports: the dashboard view, the frequency, the hour and the recipients.</summary>
public sealed record ReportScheduleRequest(string? View, string? Frequency, int? Hour, IReadOnlyList<string>? To);

/// <summary>The body of PUT /api/v1/mail/preferences/{email}: each choice to change (absent: unchanged).</summary>
public sealed record MailPreferenceRequest([property: JsonPropertyName("alert_emails")] bool? AlertEmails, [property: JsonPropertyName("digest_emails")] bool? DigestEmails);

/// <summary>/api/v1/reports and /api/v1/mail (docs/api.md, docs/email.md), admin keys only.</summary>
public static class MailApi
{
    public static IEndpointRouteBuilder MapMailApi(this IEndpointRouteBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Mail").RequireAuthorization(ApiPolicies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        reports.MapGet("", ListAsync).WithName("ListReportSchedules").WithSummary("The tenant's scheduled dashboard reports");
        reports.MapPost("", AddAsync).WithName("AddReportSchedule")
            .WithSummary("Schedule a dashboard view by e-mail")
            .WithDescription("Body {\"view\": \"/dashboards/saas?segment=smb\", \"frequency\": \"daily|weekly|monthly\", \"hour\": 8, \"to\": [\"cfo@example.com\"]}. A bad address, a path that is not a dashboard, a query the dashboard refuses, a frequency or hour that does not exist: 400 and nothing saved.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        reports.MapDelete("/{id}", RemoveAsync).WithName("RemoveReportSchedule").WithSummary("Stop a scheduled report").ProducesProblem(StatusCodes.Status404NotFound);
        var mail = api.MapGroup("/mail").WithTags("Mail").RequireAuthorization(ApiPolicies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        mail.MapGet("/outbox", OutboxAsync).WithName("ListMail").WithSummary("The mail log, newest first: kind, recipients, subject, status (pending, sent, failed), attempts, last error");
        mail.MapGet("/preferences/{email}", PreferencesAsync).WithName("GetMailPreferences").WithSummary("A user's e-mail choices").ProducesProblem(StatusCodes.Status404NotFound);
        mail.MapPut("/preferences/{email}", SetPreferencesAsync).WithName("SetMailPreferences")
            .WithSummary("Turn a user's alert e-mails or weekly digest on or off: {\"alert_emails\": false}").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<JsonWriterResult> ListAsync(ClaimsPrincipal user, TenureDatabase database, CancellationToken cancellationToken)
    {
        var schedules = await ReportSchedules.ListAsync(database, ApiClaims.TenantOf(user), cancellationToken);
        return new JsonWriterResult(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("reports");
            foreach (var s in schedules) ReportSchedules.WriteSchedule(json, s);
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> AddAsync(ReportScheduleRequest request, ClaimsPrincipal user, TenureDatabase database, TimeProvider clock, CancellationToken cancellationToken)
    {
        try
        {
            var schedule = await ReportSchedules.AddAsync(database, ApiClaims.TenantOf(user), request.View, request.Frequency, request.Hour,
                request.To is null ? null : string.Join(',', request.To), clock.GetUtcNow().UtcDateTime, cancellationToken);
            return new JsonWriterResult(json => ReportSchedules.WriteSchedule(json, schedule));
        }
        catch (MailException e)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Type = ProblemTypes.InvalidInput,
                Title = "Invalid report schedule",
                Detail = e.Message + " Nothing was saved.",
            });
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string id, ClaimsPrincipal user, TenureDatabase database, CancellationToken cancellationToken)
    {
        var tenant = ApiClaims.TenantOf(user);
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || !await ReportSchedules.RemoveAsync(database, tenant, number, cancellationToken))
            return NotFound($"Tenant {tenant} has no scheduled report '{id}'.");
        return TypedResults.NoContent();
    }

    public static async Task<JsonWriterResult> OutboxAsync(ClaimsPrincipal user, TenureDatabase database, string? kind, CancellationToken cancellationToken)
    {
        var mails = await MailOutbox.ListAsync(database, ApiClaims.TenantOf(user), string.IsNullOrWhiteSpace(kind) ? null : kind, 100, cancellationToken);
        return new JsonWriterResult(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("mail");
            foreach (var m in mails)
            {
                json.WriteStartObject();
                json.WriteString("id", m.Id);
                json.WriteString("kind", m.Kind);
                json.WriteStartArray("to");
                foreach (var t in m.To) json.WriteStringValue(t);
                json.WriteEndArray();
                json.WriteString("subject", m.Subject);
                json.WriteString("status", m.Status.ToString().ToLowerInvariant());
                json.WriteNumber("attempts", m.Attempts);
                json.WriteString("created_at", Instant(m.CreatedAt));
                if (m.SentAt is { } sent) json.WriteString("sent_at", Instant(sent)); else json.WriteNull("sent_at");
                if (m.NextAttemptAt is { } next) json.WriteString("next_attempt_at", Instant(next)); else json.WriteNull("next_attempt_at");
                json.WriteString("last_error", m.LastError);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> PreferencesAsync(string email, ClaimsPrincipal user, TenureDatabase database, CancellationToken cancellationToken) =>
        Preference(await MailPreferences.GetAsync(database, ApiClaims.TenantOf(user), email, cancellationToken), email);

    public static async Task<Results<JsonWriterResult, ProblemHttpResult>> SetPreferencesAsync(string email, MailPreferenceRequest request, ClaimsPrincipal user, TenureDatabase database, CancellationToken cancellationToken) =>
        Preference(await MailPreferences.SetAsync(database, ApiClaims.TenantOf(user), email, request.AlertEmails, request.DigestEmails, cancellationToken), email);

    private static Results<JsonWriterResult, ProblemHttpResult> Preference(MailPreference? preference, string email) =>
        preference is null
            ? NotFound($"No dashboard user '{email}'.")
            : new JsonWriterResult(json =>
            {
                json.WriteStartObject();
                json.WriteString("email", preference.Email);
                json.WriteBoolean("alert_emails", preference.AlertEmails);
                json.WriteBoolean("digest_emails", preference.DigestEmails);
                json.WriteEndObject();
            });

    private static string Instant(DateTime instant) => DateTime.SpecifyKind(instant, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Type = ProblemTypes.NotFound,
        Title = "Not found",
        Detail = detail,
    });
}
