using System.Globalization;
using System.Net;
using System.Text;

using Tenure.Storage.Mail;

namespace Tenure.Storage.Surveys;

/// <summary>
/// The e-mail that asks a survey (docs/surveys.md): the survey's question, what it is about (the support request, for
/// a CSAT request after a ticket) and one link to the public page, in plain text and HTML. Every text from the tenant's
/// data (question, ticket id) and the link are HTML-encoded in the HTML body. Keyed "survey:&lt;send id&gt;", so a send
/// is mailed at most once, whatever re-imports and retries do.
/// </summary>
internal static class SurveyMail
{
    /// <summary>The mail of send <paramref name="sendId"/> to <paramref name="email"/>, linking to <paramref name="url"/>.</summary>
    public static OutgoingMail Of(SurveyDefinition survey, string email, string url, string sendId, string? ticketId)
    {
        var about = ticketId is null ? null : $"This is about your support request {ticketId}, which we have resolved.";
        var text = new StringBuilder();
        text.Append(survey.Question).Append("\n\n");
        if (about is not null) text.Append(about).Append("\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Answer in one click (no sign-in): {url}\n\n");
        text.Append("The link is yours alone; it closes once you have answered.\n");

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif; line-height: 1.5\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"font-size: 1.15em\">{Encode(survey.Question)}</p>\n");
        if (about is not null) html.Append(CultureInfo.InvariantCulture, $"<p>{Encode(about)}</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Encode(url)}\" style=\"display: inline-block; padding: 0.6em 1.2em; background: #1e63d6; color: #fff; text-decoration: none; border-radius: 4px\">Answer (no sign-in)</a></p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"color: #666; font-size: 0.9em\">Or open {Encode(url)}<br>The link is yours alone; it closes once you have answered.</p>\n");
        html.Append("</body></html>\n");

        var subject = MailOutbox.OneLine(survey.Question.Length <= 120 ? survey.Question : survey.Name);
        return new OutgoingMail([email], subject, text.ToString(), MailKinds.Survey, HtmlBody: html.ToString(), Key: KeyOf(sendId));
    }

    /// <summary>The idempotency key of a send's mail.</summary>
    public static string KeyOf(string sendId) => "survey:" + sendId;

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
