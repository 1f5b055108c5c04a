using Tenure.Predictive.Feedback;

namespace Tenure.Predictive.Tests.Feedback;

public class ThemeDictionaryTests
{
    [Theory]
    [InlineData("The reporting is great", "reports")]
    [InlineData("Dashboards crash every morning", "bugs,reports")]
    [InlineData("Way too expensive at renewal", "pricing")]
    [InlineData("Support takes days to reply", "support")]
    [InlineData("Please support SAML", "features")]
    [InlineData("The HubSpot sync is broken", "bugs,integrations")]
    [InlineData("Pages take forever to load", "performance")]
    [InlineData("We were charged twice", "billing")]
    [InlineData("Onboarding was smooth", "onboarding")]
    [InlineData("The docs are outdated", "documentation")]
    [InlineData("The interface is confusing", "usability")]
    [InlineData("Thanks a lot", "")]
    public void Match_FindsThemesByLemma(string comment, string expected)
    {
        var themes = ThemeDictionary.Software.Match(FeedbackText.Of(comment));
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), themes);
    }

    [Fact]
    public void Names_AreTheElevenDocumentedThemes()
    {
        Assert.Equal(
            ["pricing", "support", "bugs", "performance", "onboarding", "integrations", "reports", "usability", "billing", "documentation", "features"],
            ThemeDictionary.Software.Names);
    }

    [Theory]
    [InlineData("reports", "report")]
    [InlineData("reporting", "report")]
    [InlineData("crashes", "crash")]
    [InlineData("crashing", "crash")]
    [InlineData("integrations", "integration")]
    [InlineData("companies", "company")]
    [InlineData("stopped", "stop")]
    [InlineData("pricing", "price")]
    public void Lemma_FoldsInflections(string word, string lemma) => Assert.Equal(lemma, Lemmas.Of(word));
}
