using Tenure.Metrics.Engine;

namespace Tenure.Predictive.Feedback;

/// <summary>
/// One theme in a set of comments. <see cref="Mentions"/> counts the comments that mention it. The detractor lift
/// says how much more often detractors mention it than promoters, as a ratio of shares with add-one smoothing:
/// <c>lift = ((DetractorMentions + 1) / (Detractors + 2)) / ((PromoterMentions + 1) / (Promoters + 2))</c>, where
/// Detractors and Promoters count the set's comments from each band. 1 means both bands mention it equally often,
/// 2 twice as often among detractors; the smoothing keeps it finite when no promoter mentions the theme and pulls
/// it toward 1 when there are few comments.
/// </summary>
public sealed record ThemeCount(
    string Theme,
    int Mentions,
    int DetractorMentions,
    int PassiveMentions,
    int PromoterMentions,
    int Negative,
    int Neutral,
    int Positive,
    double Lift,
    IReadOnlyList<FeedbackComment> Examples);

/// <summary>A key phrase (two or three words) and how many comments use it.</summary>
public sealed record KeyPhrase(string Phrase, int Comments);

/// <summary>The themes of one group of comments: all of them, or one segment's.</summary>
/// <param name="Segment">The segment value, or "all".</param>
/// <param name="Comments">Comments in the group.</param>
/// <param name="Detractors">Of those, from detractors.</param>
/// <param name="Passives">Of those, from passives.</param>
/// <param name="Promoters">Of those, from promoters (notes are in none of the three bands).</param>
/// <param name="Themes">Every theme mentioned at least once, most mentioned first (ties by dictionary order).</param>
/// <param name="Drivers">The themes at least one detractor mentions, highest lift first (ties: more detractor mentions, then dictionary order).</param>
/// <param name="Phrases">The most used key phrases (<see cref="KeyPhrases"/>).</param>
public sealed record ThemeGroup(
    string Segment,
    int Comments,
    int Detractors,
    int Passives,
    int Promoters,
    IReadOnlyList<ThemeCount> Themes,
    IReadOnlyList<ThemeCount> Drivers,
    IReadOnlyList<KeyPhrase> Phrases);

/// <summary>The theme report of `tenure feedback themes` and GET /api/v1/feedback/themes.</summary>
public sealed record ThemeReport(FeedbackFilter Filter, SegmentBy By, ThemeGroup All, IReadOnlyList<ThemeGroup> Segments)
{
    /// <summary>Examples shown per theme: the most recent comments that mention it.</summary>
    public const int ExamplesPerTheme = 3;

    /// <summary>Key phrases listed per group.</summary>
    public const int PhrasesPerGroup = 10;

    /// <summary>
    /// The report over the comments of <paramref name="corpus"/> that <paramref name="filter"/> keeps, split by
    /// <paramref name="by"/> (<see cref="SegmentBy.None"/> for no split; <see cref="SegmentBy.Cohort"/> is not offered).
    /// </summary>
    public static ThemeReport Of(FeedbackCorpus corpus, FeedbackFilter filter, SegmentBy by = SegmentBy.None)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(filter);
        if (by == SegmentBy.Cohort)
            throw new ArgumentException("Themes split by csm, plan, segment, industry or region, not by cohort.", nameof(by));
        var comments = corpus.Select(filter);
        var themes = corpus.ThemeNames;
        var all = Group("all", comments, themes);
        var segments = by == SegmentBy.None
            ? []
            : comments.GroupBy(c => FeedbackFilter.SegmentValue(corpus.AccountOf(c), by), StringComparer.OrdinalIgnoreCase)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Group(g.Key, [.. g], themes))
                .ToList();
        return new ThemeReport(filter, by, all, segments);
    }

    /// <summary>The smoothed detractor lift (see <see cref="ThemeCount"/>).</summary>
    public static double LiftOf(int detractorMentions, int detractors, int promoterMentions, int promoters) =>
        (detractorMentions + 1.0) / (detractors + 2.0) / ((promoterMentions + 1.0) / (promoters + 2.0));

    private static ThemeGroup Group(string segment, IReadOnlyList<FeedbackComment> comments, IReadOnlyList<string> themeNames)
    {
        var detractors = comments.Count(c => c.Band == ScoreBand.Detractor);
        var passives = comments.Count(c => c.Band == ScoreBand.Passive);
        var promoters = comments.Count(c => c.Band == ScoreBand.Promoter);
        var counts = new List<ThemeCount>();
        foreach (var theme in themeNames)
        {
            var mentioning = comments.Where(c => c.Analysis.Themes.Contains(theme)).ToList();
            if (mentioning.Count == 0)
                continue;
            var d = mentioning.Count(c => c.Band == ScoreBand.Detractor);
            var p = mentioning.Count(c => c.Band == ScoreBand.Promoter);
            counts.Add(new ThemeCount(
                theme,
                mentioning.Count,
                d,
                mentioning.Count(c => c.Band == ScoreBand.Passive),
                p,
                mentioning.Count(c => c.Analysis.Sentiment == Sentiment.Negative),
                mentioning.Count(c => c.Analysis.Sentiment == Sentiment.Neutral),
                mentioning.Count(c => c.Analysis.Sentiment == Sentiment.Positive),
                LiftOf(d, detractors, p, promoters),
                [.. mentioning.OrderByDescending(c => c.At).ThenBy(c => c.Id, StringComparer.Ordinal).Take(ExamplesPerTheme)]));
        }
        var order = themeNames.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i);
        var byCount = counts.OrderByDescending(c => c.Mentions).ThenBy(c => order[c.Theme]).ToList();
        var drivers = counts.Where(c => c.DetractorMentions > 0)
            .OrderByDescending(c => c.Lift).ThenByDescending(c => c.DetractorMentions).ThenBy(c => order[c.Theme]).ToList();
        return new ThemeGroup(segment, comments.Count, detractors, passives, promoters, byCount, drivers, KeyPhrases.Of(comments.Select(c => c.Text), PhrasesPerGroup));
    }
}
