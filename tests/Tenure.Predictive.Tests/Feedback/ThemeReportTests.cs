using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Predictive.Feedback;

namespace Tenure.Predictive.Tests.Feedback;

public class ThemeReportTests
{
    private static readonly DateTime Day = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Two detractors (r1, r2), one passive (r5), two promoters (r3, r4), a note, and an answer without a comment.
    /// Accounts a1 (smb): r1, r2; a2 (enterprise): r3, r4, r5 and the note.
    /// </summary>
    internal static TenureDataSet Data() => new()
    {
        Accounts = [new Account("a1", "Acme", Day.AddYears(-1), Segment: "smb"), new Account("a2", "Globex", Day.AddYears(-1), Segment: "enterprise")],
        Surveys =
        [
            new SurveyResponse("r1", "nps", "a1", null, 2, Scale.ZeroToTen, "Support is slow", Day),
            new SurveyResponse("r2", "nps", "a1", null, 5, Scale.ZeroToTen, "Too expensive", Day.AddDays(1)),
            new SurveyResponse("r3", "nps", "a2", null, 10, Scale.ZeroToTen, "Great support", Day.AddDays(2)),
            new SurveyResponse("r4", "nps", "a2", null, 9, Scale.ZeroToTen, "Love the reports", Day.AddDays(3)),
            new SurveyResponse("r5", "nps", "a2", null, 8, Scale.ZeroToTen, "Pricing is fine", Day.AddDays(4)),
            new SurveyResponse("r6", "nps", "a2", null, 3, Scale.ZeroToTen, null, Day.AddDays(5)),
        ],
        Notes = [new Note("n1", "a2", Day.AddDays(6), "call", "Reports are confusing")],
    };

    [Fact]
    public void Of_RanksThemesByMentionsAndDriversByLift()
    {
        var report = ThemeReport.Of(FeedbackCorpus.Of(Data()), new FeedbackFilter());
        var all = report.All;
        Assert.Equal((6, 2, 1, 2), (all.Comments, all.Detractors, all.Passives, all.Promoters));
        // Mentions: pricing r2, r5 = 2; support r1, r3 = 2; reports r4, n1 = 2; performance r1 = 1; usability n1 = 1.
        // Ties keep dictionary order (pricing, support, ..., performance, ..., reports, usability).
        Assert.Equal(["pricing", "support", "reports", "performance", "usability"], all.Themes.Select(t => t.Theme));
        Assert.Equal([2, 2, 2, 1, 1], all.Themes.Select(t => t.Mentions));

        // Lift = ((d + 1) / (D + 2)) / ((p + 1) / (P + 2)) with D = P = 2:
        // pricing d 1, p 0: (2/4) / (1/4) = 2; performance d 1, p 0: 2; support d 1, p 1: (2/4) / (2/4) = 1;
        // reports d 0, p 1: (1/4) / (2/4) = 0.5, and no detractor mentions it, so it is no driver.
        Assert.Equal(["pricing", "performance", "support"], all.Drivers.Select(t => t.Theme));
        Assert.Equal([2.0, 2.0, 1.0], all.Drivers.Select(t => t.Lift));
        Assert.Equal(0.5, all.Themes.Single(t => t.Theme == "reports").Lift, 12);

        // Examples: the most recent first.
        Assert.Equal(["n1", "r4"], all.Themes.Single(t => t.Theme == "reports").Examples.Select(c => c.Id));
    }

    [Fact]
    public void Of_FiltersBySurveyRangeQueryAndSplitsBySegment()
    {
        var corpus = FeedbackCorpus.Of(Data());
        // A survey leaves the note out.
        Assert.Equal(5, ThemeReport.Of(corpus, new FeedbackFilter { Survey = "NPS" }).All.Comments);
        // [day 1, day 4): r2, r3, r4.
        Assert.Equal(3, ThemeReport.Of(corpus, new FeedbackFilter { From = Day.AddDays(1), To = Day.AddDays(4) }).All.Comments);
        // Full text: a word's start matches, any case.
        Assert.Equal(["r1", "r3"], corpus.Select(new FeedbackFilter { Query = "SUPP" }).Select(c => c.Id));
        Assert.Equal(["r1"], corpus.Select(new FeedbackFilter { Query = "support slow" }).Select(c => c.Id));
        Assert.Equal(["r1", "r2"], corpus.Select(new FeedbackFilter { Band = ScoreBand.Detractor }).Select(c => c.Id));
        Assert.Equal(["r4", "n1"], corpus.Select(new FeedbackFilter { Theme = "reports" }).Select(c => c.Id));
        Assert.Equal(["r1", "r2"], corpus.Select(new FeedbackFilter { Segment = "SMB" }).Select(c => c.Id));

        var split = ThemeReport.Of(corpus, new FeedbackFilter(), SegmentBy.Segment);
        Assert.Equal(["enterprise", "smb"], split.Segments.Select(s => s.Segment));
        Assert.Equal((2, 2, 0), (split.Segments[1].Comments, split.Segments[1].Detractors, split.Segments[1].Promoters));
    }

    [Theory]
    [InlineData(6, Scale.ZeroToTen, ScoreBand.Detractor)]
    [InlineData(7, Scale.ZeroToTen, ScoreBand.Passive)]
    [InlineData(9, Scale.ZeroToTen, ScoreBand.Promoter)]
    [InlineData(2, Scale.OneToFive, ScoreBand.Detractor)]
    [InlineData(3, Scale.OneToFive, ScoreBand.Passive)]
    [InlineData(4, Scale.OneToFive, ScoreBand.Promoter)]
    [InlineData(3, Scale.OneToSeven, ScoreBand.Detractor)]
    [InlineData(5, Scale.OneToSeven, ScoreBand.Promoter)]
    public void BandOf_FollowsNpsAndSatisfaction(int score, Scale scale, ScoreBand expected) =>
        Assert.Equal(expected, FeedbackNames.BandOf(score, scale));
}
