using Tenure.Predictive.Feedback;

namespace Tenure.Predictive.Tests.Feedback;

/// <summary>Sentences written for these tests, with the sentiment a reader gives them.</summary>
public class FeedbackAnalyzerTests
{
    [Theory]
    [InlineData("Support resolved my ticket in minutes, fantastic service.", Sentiment.Positive)]
    [InlineData("The onboarding was smooth and the team is very helpful.", Sentiment.Positive)]
    [InlineData("I love the new dashboards.", Sentiment.Positive)]
    [InlineData("The app crashes every time I open a report.", Sentiment.Negative)]
    [InlineData("Way too expensive, we are cancelling.", Sentiment.Negative)]
    [InlineData("Support is slow and unhelpful.", Sentiment.Negative)]
    [InlineData("Terrible experience with billing.", Sentiment.Negative)]
    public void Analyze_ClearCommentsGetTheirSentiment(string comment, Sentiment expected)
    {
        Assert.Equal(expected, FeedbackAnalyzer.Default.Analyze(comment).Sentiment);
    }

    [Fact]
    public void Analyze_NegationTurnsAComplaintAround()
    {
        var slow = FeedbackAnalyzer.Default.Analyze("The app is slow.");
        var notSlow = FeedbackAnalyzer.Default.Analyze("The app is not slow.");
        Assert.Equal(Sentiment.Negative, slow.Sentiment);
        Assert.NotEqual(Sentiment.Negative, notSlow.Sentiment);
        Assert.True(notSlow.Score > slow.Score + 0.3, $"not slow {notSlow.Score} vs slow {slow.Score}");

        Assert.Equal(Sentiment.Negative, FeedbackAnalyzer.Default.Analyze("The support team was not helpful.").Sentiment);
        Assert.Equal(Sentiment.Positive, FeedbackAnalyzer.Default.Analyze("No complaints, everything works.").Sentiment);
    }

    [Fact]
    public void Analyze_BlankIsNeutralWithoutThemes()
    {
        var results = FeedbackAnalyzer.Default.Analyze(["", null, "   "]);
        Assert.All(results, r =>
        {
            Assert.Equal(Sentiment.Neutral, r.Sentiment);
            Assert.Equal(0.5, r.Score);
            Assert.Empty(r.Themes);
        });
    }

    [Fact]
    public void Analyze_KeepsInputOrderAndFindsThemes()
    {
        var results = FeedbackAnalyzer.Default.Analyze(["Great reports!", "We were charged twice by billing.", "Slow support."]);
        Assert.Equal(["reports"], results[0].Themes);
        Assert.Equal(["billing"], results[1].Themes);
        Assert.Equal(["support", "performance"], results[2].Themes);
        Assert.Equal(Sentiment.Positive, results[0].Sentiment);
        Assert.Equal(Sentiment.Negative, results[1].Sentiment);
        Assert.Equal(Sentiment.Negative, results[2].Sentiment);
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.5)]
    [InlineData(1.0, 0.0, 0.7310585786300049)] // 1 / (1 + e^-1)
    [InlineData(1.0, -1.0, 0.5)] // one log-odds unit from the model, one lexicon point against it
    public void Combine_IsTheSigmoidOfTheSum(double model, double lexicon, double expected) =>
        Assert.Equal(expected, FeedbackAnalyzer.Combine(model, lexicon), 12);

    [Theory]
    [InlineData(0.39, Sentiment.Negative)]
    [InlineData(0.4, Sentiment.Neutral)]
    [InlineData(0.59, Sentiment.Neutral)]
    [InlineData(0.6, Sentiment.Positive)]
    public void SentimentOf_Bands(double score, Sentiment expected) => Assert.Equal(expected, FeedbackAnalyzer.SentimentOf(score));
}
