using System.Diagnostics;

namespace Tenure.Predictive.Feedback;

/// <summary>
/// Sentiment and themes of customer comments. The sentiment score joins two kinds of evidence on the log-odds scale:
/// <c>score = sigmoid(model + LexiconWeight x lexicon)</c>, where <c>model</c> is the learned model's log-odds
/// (<see cref="LearnedSentimentModel"/>, trained on star-rated reviews) and <c>lexicon</c> the sum of valences of the
/// software-feedback lexicon (<see cref="SentimentLexicon"/>). Each handles negation its own way (negated words are
/// separate model features; the lexicon flips them). Themes come from a <see cref="ThemeDictionary"/>.
/// </summary>
public sealed class FeedbackAnalyzer
{
    /// <summary>One lexicon valence point counts as one unit of log-odds.</summary>
    public const double LexiconWeight = 1.0;

    /// <summary>A score at or above this is positive.</summary>
    public const double PositiveFrom = 0.6;

    /// <summary>A score below this is negative; between the two bounds a comment is neutral.</summary>
    public const double NegativeBelow = 0.4;

    private static readonly Lazy<FeedbackAnalyzer> Shared = new(() => Train(FeedbackCorpora.StarReviews), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly LearnedSentimentModel model;

    private FeedbackAnalyzer(LearnedSentimentModel model, ThemeDictionary themes, TimeSpan trainingTime)
    {
        this.model = model;
        Themes = themes;
        TrainingTime = trainingTime;
    }

    /// <summary>
    /// The analyzer every surface uses: trained at first use, deterministically, on all 1-2 and 4-5 star reviews of
    /// <see cref="FeedbackCorpora.StarReviews"/> (about a second), then kept for the life of the process.
    /// </summary>
    public static FeedbackAnalyzer Default => Shared.Value;

    public ThemeDictionary Themes { get; }

    public LearnedSentimentModel Model => model;

    /// <summary>How long training took (wall clock; for the record, not a contract).</summary>
    public TimeSpan TrainingTime { get; }

    /// <summary>Trains the learned half on <paramref name="reviews"/>; themes from <paramref name="themes"/> (default: <see cref="ThemeDictionary.Software"/>).</summary>
    public static FeedbackAnalyzer Train(IEnumerable<StarReview> reviews, ThemeDictionary? themes = null)
    {
        var clock = Stopwatch.StartNew();
        var model = LearnedSentimentModel.Train(reviews);
        return new FeedbackAnalyzer(model, themes ?? ThemeDictionary.Software, clock.Elapsed);
    }

    /// <summary>One comment; a null or blank comment is neutral with score 0.5 and no themes.</summary>
    public CommentAnalysis Analyze(string? comment) => Analyze([comment])[0];

    /// <summary>Every comment, in the same order.</summary>
    public IReadOnlyList<CommentAnalysis> Analyze(IReadOnlyList<string?> comments)
    {
        ArgumentNullException.ThrowIfNull(comments);
        var texts = comments.Select(FeedbackText.Of).ToArray();
        var withWords = Enumerable.Range(0, texts.Length).Where(i => texts[i].Words.Count > 0).ToArray();
        var logOdds = model.LogOdds([.. withWords.Select(i => texts[i])]);
        var results = new CommentAnalysis[texts.Length];
        for (var i = 0; i < texts.Length; i++)
            results[i] = new CommentAnalysis(Sentiment.Neutral, 0.5, []);
        for (var k = 0; k < withWords.Length; k++)
        {
            var text = texts[withWords[k]];
            var score = Combine(logOdds[k], SentimentLexicon.Score(text).Sum);
            results[withWords[k]] = new CommentAnalysis(SentimentOf(score), score, Themes.Match(text));
        }
        return results;
    }

    /// <summary>The score of the model's log-odds and the lexicon sum: <c>sigmoid(model + LexiconWeight x lexicon)</c>.</summary>
    public static double Combine(double modelLogOdds, double lexiconSum) => Sigmoid(modelLogOdds + LexiconWeight * lexiconSum);

    /// <summary>negative below <see cref="NegativeBelow"/>, positive from <see cref="PositiveFrom"/>, neutral between.</summary>
    public static Sentiment SentimentOf(double score) =>
        score >= PositiveFrom ? Sentiment.Positive : score < NegativeBelow ? Sentiment.Negative : Sentiment.Neutral;

    internal static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));
}
