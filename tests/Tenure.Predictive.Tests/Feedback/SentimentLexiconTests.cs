using Tenure.Predictive.Feedback;

namespace Tenure.Predictive.Tests.Feedback;

public class SentimentLexiconTests
{
    [Fact]
    public void Score_NegatedComplaintFlipsToMildPraise()
    {
        // slow = -1.5; negated: -1.5 x -0.74 = +1.11.
        var score = SentimentLexicon.Score(FeedbackText.Of("The app is not slow"));
        Assert.Equal(1.11, score.Sum, 10);
        Assert.Equal(1, score.Hits);
    }

    [Fact]
    public void Score_BoosterAddsInTheValencesDirection()
    {
        // expensive = -1.5; "too" boosts by 0.293 away from zero: -1.793.
        Assert.Equal(-1.793, SentimentLexicon.Score(FeedbackText.Of("too expensive")).Sum, 10);
    }

    [Fact]
    public void Score_ClauseAfterButWeighsMore()
    {
        // good = 1.9 before "but" counts half: 0.95; terrible = -3.1 after it one and a half times: -4.65. Sum -3.7.
        Assert.Equal(-3.7, SentimentLexicon.Score(FeedbackText.Of("Good product but support is terrible")).Sum, 10);
    }

    [Fact]
    public void Score_PhraseWinsOverItsWords()
    {
        // "no complaints" = +2.0 as a phrase, not "complaints" (-1.2) negated.
        Assert.Equal(2.0, SentimentLexicon.Score(FeedbackText.Of("No complaints")).Sum, 10);
        // "takes forever" = -2.2, not "forever" = -1.0.
        Assert.Equal(-2.2, SentimentLexicon.Score(FeedbackText.Of("It takes forever")).Sum, 10);
    }

    [Fact]
    public void Score_NoLexiconWordsIsZero()
    {
        Assert.Equal(new LexiconScore(0, 0), SentimentLexicon.Score(FeedbackText.Of("We use it for the weekly meeting")));
    }
}
