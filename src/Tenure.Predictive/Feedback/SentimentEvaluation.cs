namespace Tenure.Predictive.Feedback;

/// <summary>Theme matching against hand labels: micro-averaged over every (comment, theme) pair.</summary>
public sealed record ThemeFigures(int Labelled, int Found, int Correct)
{
    public double Precision => Found == 0 ? 0 : Correct / (double)Found;

    public double Recall => Labelled == 0 ? 0 : Correct / (double)Labelled;
}

/// <summary>What `tenure feedback evaluate` reports (docs/feedback.md shows the figures).</summary>
/// <param name="TrainingReviews">Training reviews with 1-2 or 4-5 stars.</param>
/// <param name="TrainingPositives">Of those, 4-5 stars.</param>
/// <param name="TrainingNegatives">Of those, 1-2 stars.</param>
/// <param name="HeldOutReviews">Held-out reviews with 1-2 or 4-5 stars.</param>
/// <param name="HeldOut">The held-out reviews with 1-2 or 4-5 stars: negative against positive, a comment counted positive when its score is 0.5 or more.</param>
/// <param name="HeldOutModelOnly">The same with the learned model alone (lexicon weight 0).</param>
/// <param name="HeldOutLexiconOnly">The same with the lexicon alone (model log-odds 0).</param>
/// <param name="CheckSet">The software check set, three classes (negative, neutral, positive) as <see cref="FeedbackAnalyzer"/> labels them.</param>
/// <param name="CheckSetPolar">The check set's negative and positive comments only, counted positive when the score is 0.5 or more.</param>
/// <param name="CheckSetModelOnly">The check set's polar comments by the learned model alone.</param>
/// <param name="CheckSetThemes">The check set's themes.</param>
/// <param name="TrainingTime">How long training on the training part took.</param>
public sealed record SentimentEvaluationResult(
    int TrainingReviews,
    int TrainingPositives,
    int TrainingNegatives,
    int HeldOutReviews,
    ClassificationFigures HeldOut,
    ClassificationFigures HeldOutModelOnly,
    ClassificationFigures HeldOutLexiconOnly,
    ClassificationFigures CheckSet,
    ClassificationFigures CheckSetPolar,
    ClassificationFigures CheckSetModelOnly,
    ThemeFigures CheckSetThemes,
    TimeSpan TrainingTime);

/// <summary>
/// Evaluates the sentiment analysis: trains on the training part of <see cref="FeedbackCorpora.Split"/> and scores
/// the held-out reviews and the software check set, which nothing is trained or tuned on.
/// </summary>
public static class SentimentEvaluation
{
    private static readonly bool[] Polar = [false, true];
    private static readonly Sentiment[] Three = [Sentiment.Negative, Sentiment.Neutral, Sentiment.Positive];

    public static SentimentEvaluationResult Run(int seed = FeedbackCorpora.HeldOutSeed)
    {
        var (training, heldOut) = FeedbackCorpora.Split(seed);
        var analyzer = FeedbackAnalyzer.Train(training);

        var heldOutPolar = heldOut.Where(r => r.IsPositive is not null).ToList();
        var heldOutTexts = heldOutPolar.Select(r => FeedbackText.Of(r.Text)).ToList();
        var heldOutModel = analyzer.Model.LogOdds(heldOutTexts);
        var heldOutLexicon = heldOutTexts.Select(t => SentimentLexicon.Score(t).Sum).ToArray();
        var actual = heldOutPolar.Select(r => r.IsPositive == true).ToArray();

        var check = FeedbackCorpora.SoftwareCheckSet;
        var checkAnalysis = analyzer.Analyze([.. check.Select(c => c.Text)]);
        var checkPolar = Enumerable.Range(0, check.Count).Where(i => check[i].Sentiment != Sentiment.Neutral).ToArray();
        var checkModel = analyzer.Model.LogOdds([.. checkPolar.Select(i => FeedbackText.Of(check[i].Text))]);

        var labelled = 0;
        var found = 0;
        var correct = 0;
        for (var i = 0; i < check.Count; i++)
        {
            labelled += check[i].Themes.Count;
            found += checkAnalysis[i].Themes.Count;
            correct += checkAnalysis[i].Themes.Intersect(check[i].Themes, StringComparer.Ordinal).Count();
        }

        return new SentimentEvaluationResult(
            training.Count(r => r.IsPositive is not null),
            analyzer.Model.Positives,
            analyzer.Model.Negatives,
            heldOutPolar.Count,
            Binary(actual, i => FeedbackAnalyzer.Combine(heldOutModel[i], heldOutLexicon[i])),
            Binary(actual, i => FeedbackAnalyzer.Combine(heldOutModel[i], 0)),
            Binary(actual, i => FeedbackAnalyzer.Combine(0, heldOutLexicon[i])),
            ClassificationFigures.Of([.. check.Select((c, i) => (c.Sentiment, checkAnalysis[i].Sentiment))], Three, s => s.Name()),
            Binary([.. checkPolar.Select(i => check[i].Sentiment == Sentiment.Positive)], k => checkAnalysis[checkPolar[k]].Score),
            Binary([.. checkPolar.Select(i => check[i].Sentiment == Sentiment.Positive)], k => FeedbackAnalyzer.Combine(checkModel[k], 0)),
            new ThemeFigures(labelled, found, correct),
            analyzer.TrainingTime);
    }

    private static ClassificationFigures Binary(bool[] actual, Func<int, double> score) =>
        ClassificationFigures.Of([.. actual.Select((a, i) => (a, score(i) >= 0.5))], Polar, positive => positive ? "positive" : "negative");
}
