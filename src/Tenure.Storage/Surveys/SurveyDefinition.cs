using Tenure.Metrics.Inputs;

namespace Tenure.Storage.Surveys;

/// <summary>The question and follow-up of a survey in one language; a missing text falls back to the survey's own.</summary>
public sealed record SurveyTexts(string? Question, string? FollowUp);

/// <summary>
/// A survey a tenant asks (docs/surveys.md): its type (nps, csat, ces: the surveys.csv `survey` value its answers
/// carry, so they count in NPS, CSAT and CES), texts with translations, scale, throttling (a person is asked at most
/// once per <see cref="ThrottleDays"/> days), the origins its widget may post from, and whether it is active.
/// </summary>
public sealed record SurveyDefinition(
    string Id,
    string Tenant,
    string Type,
    string Name,
    string Question,
    string FollowUp,
    IReadOnlyDictionary<string, SurveyTexts> Translations,
    string Scale,
    int ThrottleDays,
    IReadOnlyList<string> AllowedOrigins,
    bool Active,
    bool AfterTickets,
    DateTime CreatedAt)
{
    /// <summary>The scale answers are stored on: faces are 1-5.</summary>
    public Scale StoredScale => SurveyRules.StoredScale(Scale);

    /// <summary>Whether the answer is shown as five emoji faces.</summary>
    public bool Faces => Scale == SurveyRules.FacesScale;

    /// <summary>active or paused.</summary>
    public string Status => Active ? SurveyRules.Active : SurveyRules.Paused;

    /// <summary>The texts in <paramref name="language"/> (a tag such as "de" or "de-CH", falling back to "de"), else the survey's own.</summary>
    public (string Question, string FollowUp) TextsIn(string? language)
    {
        if (!string.IsNullOrWhiteSpace(language))
        {
            var tag = language.Trim();
            var texts = Translations.TryGetValue(tag, out var exact) ? exact
                : tag.Contains('-', StringComparison.Ordinal) && Translations.TryGetValue(tag[..tag.IndexOf('-', StringComparison.Ordinal)], out var general) ? general
                : null;
            if (texts is not null)
                return (texts.Question ?? Question, texts.FollowUp ?? FollowUp);
        }
        return (Question, FollowUp);
    }
}

/// <summary>What a new survey is made of; null fields take the type's defaults.</summary>
public sealed record SurveyRequest(
    string? Type,
    string? Name,
    string? Question = null,
    string? FollowUp = null,
    string? Scale = null,
    int? ThrottleDays = null,
    IReadOnlyList<string>? AllowedOrigins = null,
    IReadOnlyDictionary<string, SurveyTexts>? Translations = null,
    bool AfterTickets = false);
