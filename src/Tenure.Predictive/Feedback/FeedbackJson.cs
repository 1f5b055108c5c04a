using System.Globalization;
using System.Text.Json;

using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Predictive.Feedback;

/// <summary>
/// The JSON of feedback results, one writer for `tenure feedback ... --format json` and /api/v1/feedback, so both
/// print the same bytes for the same data. Names are snake_case; instants ISO-8601 UTC; scores rounded to 3 places.
/// </summary>
public static class FeedbackJson
{
    /// <summary><c>{"results":[{"row":1,"sentiment":"positive","score":0.93,"themes":["reports"]}, ...]}</c>, rows 1-based in input order.</summary>
    public static void WriteResults(Utf8JsonWriter json, IReadOnlyList<CommentAnalysis> results)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(results);
        json.WriteStartObject();
        json.WriteStartArray("results");
        for (var i = 0; i < results.Count; i++)
        {
            json.WriteStartObject();
            json.WriteNumber("row", i + 1);
            WriteAnalysis(json, results[i], "score");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The theme report: the filter, the counts, themes by mentions, drivers by lift, key phrases, and the segments when split.</summary>
    public static void WriteThemes(Utf8JsonWriter json, ThemeReport report)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(report);
        json.WriteStartObject();
        WriteFilter(json, report.Filter);
        json.WriteString("by", Segmentation.KeyName(report.By));
        WriteGroupBody(json, report.All);
        json.WriteStartArray("segments");
        foreach (var group in report.Segments)
        {
            json.WriteStartObject();
            json.WriteString("segment", group.Segment);
            WriteGroupBody(json, group);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A list of comments: <c>{"total":N,"comments":[...]}</c>, at most <paramref name="limit"/> of them, newest first.</summary>
    public static void WriteComments(Utf8JsonWriter json, FeedbackFilter filter, IReadOnlyList<FeedbackComment> comments, int limit)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(comments);
        json.WriteStartObject();
        WriteFilter(json, filter);
        json.WriteNumber("total", comments.Count);
        json.WriteStartArray("comments");
        foreach (var c in comments.Reverse().Take(limit))
            WriteComment(json, c);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteComment(Utf8JsonWriter json, FeedbackComment comment)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(comment);
        json.WriteStartObject();
        json.WriteString("id", comment.Id);
        json.WriteString("source", comment.Source.Name());
        WriteNullable(json, "survey", comment.Survey);
        WriteNullable(json, "account_id", comment.AccountId);
        json.WriteString("at", Instant(comment.At));
        if (comment.Score is { } score)
            json.WriteNumber("score", score);
        else
            json.WriteNull("score");
        WriteNullable(json, "scale", comment.Scale?.Format());
        WriteNullable(json, "band", comment.Band?.Name());
        WriteAnalysis(json, comment.Analysis, "sentiment_score");
        json.WriteString("text", comment.Text);
        json.WriteEndObject();
    }

    private static void WriteAnalysis(Utf8JsonWriter json, CommentAnalysis analysis, string scoreName)
    {
        json.WriteString("sentiment", analysis.Sentiment.Name());
        json.WriteNumber(scoreName, Math.Round(analysis.Score, 3));
        json.WriteStartArray("themes");
        foreach (var theme in analysis.Themes)
            json.WriteStringValue(theme);
        json.WriteEndArray();
    }

    private static void WriteFilter(Utf8JsonWriter json, FeedbackFilter filter)
    {
        WriteNullable(json, "from", filter.From is { } from ? Instant(from) : null);
        WriteNullable(json, "to", filter.To is { } to ? Instant(to) : null);
        WriteNullable(json, "survey", Blank(filter.Survey));
        WriteNullable(json, "q", Blank(filter.Query));
    }

    private static void WriteGroupBody(Utf8JsonWriter json, ThemeGroup group)
    {
        json.WriteNumber("comments", group.Comments);
        json.WriteNumber("detractors", group.Detractors);
        json.WriteNumber("passives", group.Passives);
        json.WriteNumber("promoters", group.Promoters);
        json.WriteStartArray("themes");
        foreach (var theme in group.Themes)
            WriteTheme(json, theme);
        json.WriteEndArray();
        json.WriteStartArray("drivers");
        foreach (var theme in group.Drivers)
        {
            json.WriteStartObject();
            json.WriteString("theme", theme.Theme);
            json.WriteNumber("lift", Math.Round(theme.Lift, 3));
            json.WriteNumber("detractor_mentions", theme.DetractorMentions);
            json.WriteNumber("promoter_mentions", theme.PromoterMentions);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("phrases");
        foreach (var phrase in group.Phrases)
        {
            json.WriteStartObject();
            json.WriteString("phrase", phrase.Phrase);
            json.WriteNumber("comments", phrase.Comments);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteTheme(Utf8JsonWriter json, ThemeCount theme)
    {
        json.WriteStartObject();
        json.WriteString("theme", theme.Theme);
        json.WriteNumber("mentions", theme.Mentions);
        json.WriteNumber("detractor_mentions", theme.DetractorMentions);
        json.WriteNumber("passive_mentions", theme.PassiveMentions);
        json.WriteNumber("promoter_mentions", theme.PromoterMentions);
        json.WriteNumber("lift", Math.Round(theme.Lift, 3));
        json.WriteStartObject("sentiment");
        json.WriteNumber("negative", theme.Negative);
        json.WriteNumber("neutral", theme.Neutral);
        json.WriteNumber("positive", theme.Positive);
        json.WriteEndObject();
        json.WriteStartArray("examples");
        foreach (var example in theme.Examples)
            WriteComment(json, example);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Instant(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
            json.WriteNull(name);
        else
            json.WriteString(name, value);
    }
}
