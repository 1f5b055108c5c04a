using System.Text.Json;

using Tenure.Storage.Alerts;

namespace Tenure.Storage.Surveys;

/// <summary>One JSON shape for a survey and a send, for the CLI (--format json) and the API (docs/api.md "Surveys").</summary>
public static class SurveyJson
{
    /// <summary>{"id", "type", "name", "question", "follow_up", "translations", "scale", "throttle_days", "allowed_origins", "status", "after_tickets", "created_at"}.</summary>
    public static void Write(Utf8JsonWriter json, SurveyDefinition survey)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(survey);
        json.WriteStartObject();
        json.WriteString("id", survey.Id);
        json.WriteString("type", survey.Type);
        json.WriteString("name", survey.Name);
        json.WriteString("question", survey.Question);
        json.WriteString("follow_up", survey.FollowUp);
        json.WriteStartObject("translations");
        foreach (var (language, texts) in survey.Translations)
        {
            json.WriteStartObject(language);
            if (texts.Question is not null) json.WriteString("question", texts.Question);
            if (texts.FollowUp is not null) json.WriteString("follow_up", texts.FollowUp);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteString("scale", survey.Scale);
        json.WriteNumber("throttle_days", survey.ThrottleDays);
        json.WriteStartArray("allowed_origins");
        foreach (var origin in survey.AllowedOrigins) json.WriteStringValue(origin);
        json.WriteEndArray();
        json.WriteString("status", survey.Status);
        json.WriteBoolean("after_tickets", survey.AfterTickets);
        json.WriteString("created_at", AlertJson.Instant(survey.CreatedAt));
        json.WriteEndObject();
    }

    /// <summary>{"id", "survey_id", "account_id", "user_id", "ticket_id", "channel", "status", "sent_at", "expires_at", "url"}; url is the token under <paramref name="baseUrl"/>.</summary>
    public static void WriteSend(Utf8JsonWriter json, SurveySendRecord send, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(send);
        json.WriteStartObject();
        json.WriteString("id", send.Id);
        json.WriteString("survey_id", send.SurveyId);
        json.WriteString("account_id", send.AccountId);
        json.WriteString("user_id", send.UserId);
        json.WriteString("ticket_id", send.TicketId);
        json.WriteString("channel", send.Channel);
        json.WriteString("status", send.Status);
        json.WriteString("sent_at", AlertJson.Instant(send.SentAt));
        json.WriteString("expires_at", AlertJson.Instant(send.ExpiresAt));
        json.WriteString("url", LinkUrl(baseUrl, send.Token));
        json.WriteEndObject();
    }

    /// <summary>The public page of a link token: {base}/s/{token}.</summary>
    public static string LinkUrl(string baseUrl, string token) => baseUrl.TrimEnd('/') + "/s/" + token;
}
