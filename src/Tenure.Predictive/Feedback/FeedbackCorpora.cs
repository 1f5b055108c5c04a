using System.Globalization;

using Sylvan.Data.Csv;

namespace Tenure.Predictive.Feedback;

/// <summary>A review with its star rating (1-5): the labelled text the sentiment model learns from.</summary>
public sealed record StarReview(int Row, int Stars, string Text)
{
    /// <summary>4-5 stars is positive, 1-2 negative, 3 neither (as CSAT reads a 1-5 answer, METRICS.md).</summary>
    public bool? IsPositive => Stars >= 4 ? true : Stars <= 2 ? false : null;
}

/// <summary>A hand-labelled comment of the software-feedback check set.</summary>
public sealed record LabelledComment(string Text, Sentiment Sentiment, IReadOnlyList<string> Themes);

/// <summary>
/// The two text sets shipped inside Tenure.Predictive (Feedback/Data, each with its SOURCE file): 958 women's clothing
/// e-commerce reviews with 1-5 stars (CC0) to train and hold out, and 70 software-feedback comments written and
/// labelled by hand to evaluate on only.
/// </summary>
public static class FeedbackCorpora
{
    private static readonly Lazy<IReadOnlyList<StarReview>> Reviews = new(ReadReviews);
    private static readonly Lazy<IReadOnlyList<LabelledComment>> Check = new(ReadCheckSet);

    /// <summary>The star-rated reviews, in source order.</summary>
    public static IReadOnlyList<StarReview> StarReviews => Reviews.Value;

    /// <summary>The hand-labelled software-feedback comments, in file order.</summary>
    public static IReadOnlyList<LabelledComment> SoftwareCheckSet => Check.Value;

    /// <summary>
    /// The held-out split: from each star rating, every fourth review in a shuffled order (seeded, so always the same
    /// reviews) is held out, the rest train. About 25 % of each rating is held out, so both halves keep the ratings'
    /// proportions.
    /// </summary>
    public static (IReadOnlyList<StarReview> Training, IReadOnlyList<StarReview> HeldOut) Split(int seed = HeldOutSeed)
    {
        var training = new List<StarReview>();
        var heldOut = new List<StarReview>();
        var random = new Random(seed);
        foreach (var group in StarReviews.GroupBy(r => r.Stars).OrderBy(g => g.Key))
        {
            var shuffled = group.ToArray();
            random.Shuffle(shuffled);
            for (var i = 0; i < shuffled.Length; i++)
                (i % 4 == 0 ? heldOut : training).Add(shuffled[i]);
        }
        return ([.. training.OrderBy(r => r.Row)], [.. heldOut.OrderBy(r => r.Row)]);
    }

    /// <summary>The seed of the held-out split that docs/feedback.md reports.</summary>
    public const int HeldOutSeed = 2026;

    private static IReadOnlyList<StarReview> ReadReviews()
    {
        var reviews = new List<StarReview>();
        using var csv = Open("survey-reviews.csv");
        while (csv.Read())
        {
            var title = csv.GetString(2).Trim();
            var text = csv.GetString(3).Trim();
            var joined = title.Length == 0 ? text : $"{title}. {text}";
            reviews.Add(new StarReview(
                int.Parse(csv.GetString(0), NumberStyles.None, CultureInfo.InvariantCulture),
                int.Parse(csv.GetString(1), NumberStyles.None, CultureInfo.InvariantCulture),
                joined));
        }
        return reviews;
    }

    private static IReadOnlyList<LabelledComment> ReadCheckSet()
    {
        var comments = new List<LabelledComment>();
        using var csv = Open("software-check-set.csv");
        while (csv.Read())
        {
            if (!Sentiments.TryParse(csv.GetString(1), out var sentiment))
                throw new InvalidDataException($"software-check-set.csv:{csv.RowNumber}: sentiment '{csv.GetString(1)}' is not negative, neutral or positive.");
            var themes = csv.GetString(2).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            comments.Add(new LabelledComment(csv.GetString(0), sentiment, themes));
        }
        return comments;
    }

    private static CsvDataReader Open(string name)
    {
        var stream = typeof(FeedbackCorpora).Assembly.GetManifestResourceStream("Tenure.Predictive.Feedback.Data." + name)
            ?? throw new InvalidOperationException($"The embedded resource Feedback/Data/{name} is missing from Tenure.Predictive.");
        return CsvDataReader.Create(new StreamReader(stream), new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',' });
    }
}
