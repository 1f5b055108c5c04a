using Tenure.Predictive.Feedback;

namespace Tenure.Predictive.Tests.Feedback;

public class KeyPhrasesTests
{
    [Fact]
    public void Of_CountsPhrasesOncePerCommentAndSkipsFunctionWordEdges()
    {
        string[] comments =
        [
            "Slow support again. Slow support!",
            "The slow support is a problem",
            "Salesforce integration fails",
            "We love the Salesforce integration",
            "Once only phrase here",
        ];
        var phrases = KeyPhrases.Of(comments, 10);
        // "slow support": comments 1 and 2 (twice in the first counts once) = 2; "salesforce integration": 3 and 4 = 2;
        // a tie is alphabetical. "slow support is" ends with a function word; "once only" is in one comment only.
        Assert.Equal([new KeyPhrase("salesforce integration", 2), new KeyPhrase("slow support", 2)], phrases);
    }
}
