using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace Tenure.Predictive.Feedback;

/// <summary>
/// The learned half of the sentiment score: an ML.NET logistic regression (L-BFGS) over word unigrams and bigrams
/// (term frequency, L2-normalised) of <see cref="FeedbackText.ModelText"/>, trained on 4-5 star (positive) against
/// 1-2 star (negative) reviews. The classes are weighted to balance (each class carries half the total weight), so a
/// comment the model knows nothing about scores near 0 log-odds rather than leaning to the majority class.
/// Training is deterministic: one thread, a fixed seed, the same reviews in the same order.
/// </summary>
public sealed class LearnedSentimentModel
{
    /// <summary>
    /// Function words left out of the features: in reviews they lean positive or negative by accident ("i" is in
    /// more happy reviews), which would tilt any comment made mostly of them. Negators stay, as do negated words.
    /// </summary>
    public static readonly IReadOnlyList<string> StopWords =
    [
        "a", "an", "the", "and", "or", "i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "her", "them", "my",
        "our", "your", "his", "its", "their", "this", "that", "these", "those", "is", "are", "was", "were", "be", "been",
        "am", "to", "of", "in", "on", "at", "for", "with", "by", "from", "as", "have", "has", "had", "do", "does", "did",
        "will", "would", "can", "could", "there", "here", "which", "who", "what", "when", "if", "then", "than", "also",
    ];

    /// <summary>The L2 penalty of the logistic regression (chosen by cross-validation on the training reviews, docs/feedback.md).</summary>
    public const float DefaultL2 = 0.01f;

    private readonly MLContext ml;
    private readonly ITransformer transformer;
    private readonly object gate = new();

    private LearnedSentimentModel(MLContext ml, ITransformer transformer, int positives, int negatives)
    {
        this.ml = ml;
        this.transformer = transformer;
        Positives = positives;
        Negatives = negatives;
    }

    /// <summary>Positive (4-5 star) training reviews.</summary>
    public int Positives { get; }

    /// <summary>Negative (1-2 star) training reviews.</summary>
    public int Negatives { get; }

    /// <summary>Trains on the reviews with 1-2 or 4-5 stars (3-star reviews are left out).</summary>
    /// <exception cref="ArgumentException">The reviews lack one of the two classes.</exception>
    public static LearnedSentimentModel Train(IEnumerable<StarReview> reviews, float l2Regularization = DefaultL2, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        var polar = reviews.Where(r => r.IsPositive is not null).ToList();
        var positives = polar.Count(r => r.IsPositive == true);
        var negatives = polar.Count - positives;
        if (positives == 0 || negatives == 0)
            throw new ArgumentException($"Training needs positive and negative reviews; there are {positives} and {negatives}.", nameof(reviews));
        var rows = polar.Select(r => new Row
        {
            Text = FeedbackText.Of(r.Text).ModelText(),
            Label = r.IsPositive == true,
            Weight = polar.Count / (2f * (r.IsPositive == true ? positives : negatives)),
        });

        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Text.FeaturizeText("Features", new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = false,
            KeepNumbers = true,
            StopWordsRemoverOptions = new CustomStopWordsRemovingEstimator.Options { StopWords = [.. StopWords] },
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true, Weighting = NgramExtractingEstimator.WeightingCriteria.Tf },
            CharFeatureExtractor = null,
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        }, nameof(Row.Text))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(Row.Label),
                FeatureColumnName = "Features",
                ExampleWeightColumnName = nameof(Row.Weight),
                L2Regularization = l2Regularization,
                L1Regularization = 0f,
                NumberOfThreads = 1,
            }));
        return new LearnedSentimentModel(ml, pipeline.Fit(data), positives, negatives);
    }

    /// <summary>
    /// The log-odds that each text is positive, in order, relative to a text with no word the model knows: the
    /// regression's intercept is taken off, so a comment in words the reviews never used scores 0 (no lean) and
    /// the lexicon decides.
    /// </summary>
    public double[] LogOdds(IReadOnlyList<FeedbackText> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
            return [];
        var raw = RawScores([.. texts.Select(t => t.ModelText()), ""]);
        var intercept = raw[^1];
        return [.. raw[..^1].Select(s => s - intercept)];
    }

    private double[] RawScores(IEnumerable<string> texts)
    {
        var data = ml.Data.LoadFromEnumerable(texts.Select(t => new Row { Text = t }));
        lock (gate)
        {
            var scored = transformer.Transform(data);
            return [.. scored.GetColumn<float>("Score").Select(s => (double)s)];
        }
    }

    private sealed class Row
    {
        public string Text { get; set; } = "";

        public bool Label { get; set; }

        public float Weight { get; set; } = 1f;
    }
}
