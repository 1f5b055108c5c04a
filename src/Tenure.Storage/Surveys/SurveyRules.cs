using System.Globalization;
using System.Text.RegularExpressions;

using Tenure.Metrics.Inputs;
using Tenure.Metrics.Surveys;

namespace Tenure.Storage.Surveys;

/// <summary>
/// The rules a survey keeps (METRICS.md "Surveys"): nps answers on 0-10, ces on 1-7, csat on 1-5, 1-7, 0-10 or
/// five faces (stored as 1-5); texts and names of bounded length; widget origins exact (scheme, host, port).
/// </summary>
public static partial class SurveyRules
{
    public const string Active = "active", Paused = "paused";
    public const string FacesScale = "faces";
    public const int DefaultThrottleDays = 90, MaxThrottleDays = 3650;
    public const int MaxNameLength = 200, MaxTextLength = 500, MaxCommentLength = 2000, MaxOrigins = 50;

    /// <summary>The survey types, as the surveys.csv `survey` column names them.</summary>
    public static IReadOnlyList<string> Types { get; } = [SurveyMetrics.NpsSurvey, SurveyMetrics.CsatSurvey, SurveyMetrics.CesSurvey];

    /// <summary>The scales a type may use; the first is its default.</summary>
    public static IReadOnlyList<string> ScalesOf(string type) => type switch
    {
        SurveyMetrics.NpsSurvey => ["0-10"],
        SurveyMetrics.CesSurvey => ["1-7"],
        _ => ["1-5", "1-7", "0-10", FacesScale],
    };

    /// <summary>The scale answers are stored on (faces: 1-5).</summary>
    public static Scale StoredScale(string scale) =>
        scale == FacesScale ? Scale.OneToFive : Scales.TryParse(scale, out var parsed) ? parsed : throw new SurveyException($"scale: '{scale}' is not a scale.");

    /// <summary>The question and follow-up asked when none is given (the two-step form of the sources).</summary>
    public static (string Question, string FollowUp) DefaultTexts(string type) => type switch
    {
        SurveyMetrics.NpsSurvey => ("How likely are you to recommend us to a friend or colleague?", "Help us by explaining your score."),
        SurveyMetrics.CesSurvey => ("How easy was it to get what you needed from us?", "What made it easy or hard?"),
        _ => ("How satisfied were you with the help you received?", "What could we have done better?"),
    };

    /// <summary>The type in lower case, or a <see cref="SurveyException"/> naming the allowed ones.</summary>
    public static string CheckType(string? type)
    {
        var text = type?.Trim().ToLowerInvariant() ?? "";
        return Types.Contains(text) ? text : throw new SurveyException($"type: '{type}' is not a survey type; use nps, csat or ces.");
    }

    /// <summary>The scale for <paramref name="type"/> (its default when null), or a <see cref="SurveyException"/> saying which scales the type allows.</summary>
    public static string CheckScale(string type, string? scale)
    {
        var allowed = ScalesOf(type);
        if (string.IsNullOrWhiteSpace(scale)) return allowed[0];
        var text = scale.Trim().ToLowerInvariant();
        if (allowed.Contains(text)) return text;
        var why = type switch
        {
            SurveyMetrics.NpsSurvey => "an nps survey must be on 0-10 (promoters 9-10, detractors 0-6)",
            SurveyMetrics.CesSurvey => "a ces survey must be on 1-7 (7 = easiest)",
            _ => "a csat survey is on 1-5, 1-7, 0-10 or faces (five emoji faces, stored as 1-5)",
        };
        throw new SurveyException($"scale: '{scale}' is not allowed: {why}.");
    }

    public static string CheckName(string? name)
    {
        var text = name?.Trim() ?? "";
        if (text.Length == 0) throw new SurveyException("name: required (how the survey is listed, e.g. \"Quarterly NPS\").");
        return text.Length <= MaxNameLength ? text : throw new SurveyException($"name: longer than {MaxNameLength} characters.");
    }

    public static string CheckText(string field, string? text, string fallback)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0) return fallback;
        return value.Length <= MaxTextLength ? value : throw new SurveyException($"{field}: longer than {MaxTextLength} characters.");
    }

    public static int CheckThrottleDays(int? days) => days switch
    {
        null => DefaultThrottleDays,
        >= 0 and <= MaxThrottleDays => days.Value,
        _ => throw new SurveyException($"throttle-days: {days} is not 0 to {MaxThrottleDays} (days before a person is asked the same survey again; 0 asks every time)."),
    };

    /// <summary>
    /// Each origin as the browser sends it in the Origin header (scheme://host[:port], lower case, no default port,
    /// no path): the widget's posts are matched against them exactly.
    /// </summary>
    public static IReadOnlyList<string> CheckOrigins(IEnumerable<string>? origins)
    {
        var checkedOrigins = new List<string>();
        foreach (var given in origins ?? [])
        {
            var text = given.Trim();
            if (text.Length == 0) continue;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host)
                || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
            {
                throw new SurveyException($"allowed-origins: '{text}' is not an origin; write scheme://host[:port] with no path, e.g. https://app.example.com.");
            }
            var origin = uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
            if (!checkedOrigins.Contains(origin)) checkedOrigins.Add(origin);
        }
        return checkedOrigins.Count <= MaxOrigins ? checkedOrigins : throw new SurveyException($"allowed-origins: more than {MaxOrigins} origins.");
    }

    /// <summary>Translations keyed by a language tag such as "de" or "pt-BR"; each text bounded like the survey's own.</summary>
    public static IReadOnlyDictionary<string, SurveyTexts> CheckTranslations(IReadOnlyDictionary<string, SurveyTexts>? translations)
    {
        var result = new SortedDictionary<string, SurveyTexts>(StringComparer.Ordinal);
        foreach (var (language, texts) in translations ?? new Dictionary<string, SurveyTexts>())
        {
            if (!LanguageTag().IsMatch(language))
                throw new SurveyException($"translations: '{language}' is not a language tag (e.g. de, fr, pt-BR).");
            var question = string.IsNullOrWhiteSpace(texts.Question) ? null : CheckText($"translations.{language}.question", texts.Question, "");
            var followUp = string.IsNullOrWhiteSpace(texts.FollowUp) ? null : CheckText($"translations.{language}.follow_up", texts.FollowUp, "");
            result[language] = new SurveyTexts(question, followUp);
        }
        return result;
    }

    /// <summary>A score on the survey's scale, or a <see cref="SurveyException"/> naming the range.</summary>
    public static int CheckScore(SurveyDefinition survey, string? text)
    {
        var scale = survey.StoredScale;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var score) || score < scale.Min() || score > scale.Max())
            throw new SurveyException($"score: '{text}' is not a whole number from {scale.Min()} to {scale.Max()}.");
        return score;
    }

    /// <summary>A comment as stored: trimmed, null when blank, at most <see cref="MaxCommentLength"/> characters.</summary>
    public static string? CheckComment(string? text)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0) return null;
        return value.Length <= MaxCommentLength ? value : throw new SurveyException($"comment: longer than {MaxCommentLength} characters.");
    }

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguageTag();
}
