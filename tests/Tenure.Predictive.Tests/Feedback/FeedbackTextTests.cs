using Tenure.Predictive.Feedback;

namespace Tenure.Predictive.Tests.Feedback;

public class FeedbackTextTests
{
    [Fact]
    public void Of_ExpandsContractionsAndDecodesEntities()
    {
        var text = FeedbackText.Of("I don&#39;t like it, it isn\u2019t fast and we can't wait");
        Assert.Equal(["i", "do", "not", "like", "it", "it", "is", "not", "fast", "and", "we", "can", "not", "wait"], text.Words);
    }

    [Fact]
    public void Of_NegationReachesThreeWordsAndStopsAtPunctuationAndBut()
    {
        // "not" negates "slow", "at", "all" (three words); the comma ends the clause before "search".
        var text = FeedbackText.Of("Not slow at all, search works");
        Assert.Equal([false, true, true, true, false, false], text.Negated);

        // "but" ends the scope: "fast" is negated, "support" is not.
        var but = FeedbackText.Of("not fast but support helps");
        Assert.Equal([false, true, false, false, false], but.Negated);
    }

    [Fact]
    public void ModelText_PrefixesNegatedWordsAndDropsNegators()
    {
        Assert.Equal("app is negslow", FeedbackText.Of("The app is not slow").ModelText().Replace("the ", "", StringComparison.Ordinal));
        Assert.Equal("", FeedbackText.Of("   ").ModelText());
    }

    [Fact]
    public void Of_NotOnlyIsNoNegation()
    {
        var text = FeedbackText.Of("not only fast but cheap");
        Assert.All(text.Negated, Assert.False);
    }
}
