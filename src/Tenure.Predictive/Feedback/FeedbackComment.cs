using Tenure.Metrics.Inputs;

namespace Tenure.Predictive.Feedback;

/// <summary>Where a comment's score puts its writer (notes have none).</summary>
public enum ScoreBand { Detractor, Passive, Promoter }

/// <summary>
/// One comment with its analysis: a survey answer's comment (surveys.csv) or a note's text (notes.csv).
/// <see cref="Band"/>: on the 0-10 scale promoters answer 9-10, passives 7-8, detractors 0-6 (NPS, METRICS.md); on
/// the other scales a satisfied answer is a promoter and a dissatisfied one a detractor (<see cref="Scales.IsPositive"/>,
/// <see cref="Scales.IsDissatisfied"/>: 4-5 and 1-2 of 1-5), anything between passive. Notes have no band.
/// </summary>
public sealed record FeedbackComment(
    FeedbackSource Source,
    string Id,
    string? Survey,
    string? AccountId,
    DateTime At,
    int? Score,
    Scale? Scale,
    ScoreBand? Band,
    string Text,
    CommentAnalysis Analysis);

/// <summary>A survey answer's comment or a note.</summary>
public enum FeedbackSource { Survey, Note }

public static class FeedbackNames
{
    public static string Name(this ScoreBand band) => band switch
    {
        ScoreBand.Detractor => "detractor",
        ScoreBand.Passive => "passive",
        ScoreBand.Promoter => "promoter",
        _ => throw new ArgumentOutOfRangeException(nameof(band)),
    };

    public static string Name(this FeedbackSource source) => source == FeedbackSource.Survey ? "survey" : "note";

    /// <summary>detractor, passive or promoter (ignoring case and surrounding spaces).</summary>
    public static bool TryParseBand(string? text, out ScoreBand band)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "detractor": band = ScoreBand.Detractor; return true;
            case "passive": band = ScoreBand.Passive; return true;
            case "promoter": band = ScoreBand.Promoter; return true;
            default: band = default; return false;
        }
    }

    /// <summary>The band of an answer (see <see cref="FeedbackComment"/>).</summary>
    public static ScoreBand BandOf(int score, Scale scale) => scale == Scale.ZeroToTen
        ? score >= 9 ? ScoreBand.Promoter : score >= 7 ? ScoreBand.Passive : ScoreBand.Detractor
        : scale.IsPositive(score) ? ScoreBand.Promoter : scale.IsDissatisfied(score) ? ScoreBand.Detractor : ScoreBand.Passive;
}
