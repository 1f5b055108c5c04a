namespace Tenure.Predictive.Feedback;

/// <summary>The overall lean of a comment.</summary>
public enum Sentiment { Negative, Neutral, Positive }

/// <summary>
/// What <see cref="FeedbackAnalyzer"/> finds in one comment. <see cref="Score"/> is the probability, 0 to 1, that the
/// comment is positive rather than negative (0.5 = no lean either way); <see cref="Sentiment"/> is negative below
/// <see cref="FeedbackAnalyzer.NegativeBelow"/>, positive from <see cref="FeedbackAnalyzer.PositiveFrom"/>, neutral
/// between. <see cref="Themes"/> are the names of the <see cref="ThemeDictionary"/> themes the comment mentions, in
/// dictionary order.
/// </summary>
public sealed record CommentAnalysis(Sentiment Sentiment, double Score, IReadOnlyList<string> Themes);

public static class Sentiments
{
    public static string Name(this Sentiment sentiment) => sentiment switch
    {
        Sentiment.Negative => "negative",
        Sentiment.Neutral => "neutral",
        Sentiment.Positive => "positive",
        _ => throw new ArgumentOutOfRangeException(nameof(sentiment)),
    };

    /// <summary>negative, neutral or positive (ignoring case and surrounding spaces).</summary>
    public static bool TryParse(string? text, out Sentiment sentiment)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "negative": sentiment = Sentiment.Negative; return true;
            case "neutral": sentiment = Sentiment.Neutral; return true;
            case "positive": sentiment = Sentiment.Positive; return true;
            default: sentiment = default; return false;
        }
    }
}
