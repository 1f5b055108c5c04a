using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

using static Tenure.Metrics.Tests.MetricRun;
using static Tenure.Metrics.Tests.TestData;

namespace Tenure.Metrics.Tests;

public class SurveyCalculatorTests
{
    private static int next;

    private static SurveyResponse R(string survey, string account, int score, Scale scale, string submitted = "2024-05-10T12:00") =>
        new($"r{Interlocked.Increment(ref next)}", survey, account, null, score, scale, null, T(submitted));

    private static TenureDataSet Surveys(params SurveyResponse[] responses) => new()
    {
        Accounts = [Acct("a", csm: "ann"), Acct("b", csm: "bob")],
        Surveys = responses,
        Present = InputKind.Accounts | InputKind.Surveys,
    };

    [Fact]
    public void Nps_WorkedExampleThroughTheEngine_Is60()
    {
        // 70 promoters (scores 9 and 10), 20 passives (7, 8), 10 detractors (0..6): (70 - 10) / 100 = 60.
        var responses = new List<SurveyResponse>();
        for (var i = 0; i < 70; i++) responses.Add(R("nps", "a", 9 + i % 2, Scale.ZeroToTen));
        for (var i = 0; i < 20; i++) responses.Add(R("nps", "a", 7 + i % 2, Scale.ZeroToTen));
        for (var i = 0; i < 10; i++) responses.Add(R("nps", "a", i % 7, Scale.ZeroToTen));
        var nps = Run(Surveys([.. responses]), "2024-05-01", "2024-06-01", ["nps"]).Value("nps", "2024-05-01");
        Assert.Equal(60m, nps.Value);
        Assert.Equal(60m, nps.Numerator);
        Assert.Equal(100m, nps.Denominator);
    }

    [Fact]
    public void Csat_WorkedExampleThroughTheEngine_Is80()
    {
        // 50 responses on 1-5, 40 positive (4 or 5), 10 not (1..3): 40 / 50 = 80 %.
        var responses = new List<SurveyResponse>();
        for (var i = 0; i < 40; i++) responses.Add(R("csat", "a", 4 + i % 2, Scale.OneToFive));
        for (var i = 0; i < 10; i++) responses.Add(R("csat", "b", 1 + i % 3, Scale.OneToFive));
        Assert.Equal(80m, Run(Surveys([.. responses]), "2024-05-01", "2024-06-01", ["csat"]).Value("csat", "2024-05-01").Value);
    }

    /// <summary>
    /// May 2024; a is ann's, b is bob's.
    /// nps: a 10, 9, 8, 0 (P2 Pa1 D1); b 6, 5, 9, 10, 7, 8 (P2 Pa2 D2); one answer on 30 April 23:59 and one on 1 June 00:00 are outside.
    /// csat: a 5, 4, 2 on 1-5 (positive 5, 4; dissatisfied 2); b 6 on 0-10 (positive), 3 on 1-10 (dissatisfied).
    /// ces: a 7, 5; b 3 (all 1-7).
    /// onboarding (configured satisfaction survey): a 5 on 1-7 (positive); b 6 (positive), 2 (dissatisfied) on 1-7.
    /// pulse (custom, not configured): a 10 on 0-10, ignored.
    /// </summary>
    private static TenureDataSet May() => Surveys(
        R("nps", "a", 10, Scale.ZeroToTen), R("nps", "a", 9, Scale.ZeroToTen), R("nps", "a", 8, Scale.ZeroToTen), R("nps", "a", 0, Scale.ZeroToTen),
        R("nps", "b", 6, Scale.ZeroToTen), R("nps", "b", 5, Scale.ZeroToTen), R("nps", "b", 9, Scale.ZeroToTen),
        R("nps", "b", 10, Scale.ZeroToTen), R("nps", "b", 7, Scale.ZeroToTen), R("nps", "b", 8, Scale.ZeroToTen),
        R("nps", "a", 0, Scale.ZeroToTen, "2024-04-30T23:59"), R("nps", "a", 0, Scale.ZeroToTen, "2024-06-01T00:00"),
        R("csat", "a", 5, Scale.OneToFive), R("csat", "a", 4, Scale.OneToFive), R("csat", "a", 2, Scale.OneToFive),
        R("csat", "b", 6, Scale.ZeroToTen), R("csat", "b", 3, Scale.OneToTen),
        R("ces", "a", 7, Scale.OneToSeven), R("ces", "a", 5, Scale.OneToSeven), R("ces", "b", 3, Scale.OneToSeven),
        R("onboarding", "a", 5, Scale.OneToSeven), R("onboarding", "b", 6, Scale.OneToSeven), R("onboarding", "b", 2, Scale.OneToSeven),
        R("pulse", "a", 10, Scale.ZeroToTen));

    private static readonly MetricOptions OnboardingIsSatisfaction = new() { SatisfactionSurveys = new HashSet<string> { "onboarding" } };

    private static readonly string[] Computed = ["nps", "csat", "csat-average", "ces", "happiness", "satisfaction-balance"];

    [Fact]
    public void Nps_BySegment_AllMergesTheTallies()
    {
        // all: P4 Pa3 D3 -> (4 - 3) / 10 = 10 (not the mean of the segments, 12.5). ann: (2 - 1) / 4 = 25. bob: (2 - 2) / 6 = 0.
        var results = Run(May(), "2024-05-01", "2024-06-01", ["nps"], SegmentBy.Csm);
        var all = results.Value("nps", "2024-05-01");
        Assert.Equal(10m, all.Value);
        Assert.Equal(1m, all.Numerator);
        Assert.Equal(10m, all.Denominator);
        Assert.Equal(25m, results.Value("nps", "2024-05-01", "csm=ann").Value);
        Assert.Equal(0m, results.Value("nps", "2024-05-01", "csm=bob").Value);
    }

    [Fact]
    public void Csat_HandBuiltMonth_PositivePerScale()
    {
        // Positive: a 5, a 4, b 6 (0-10) -> 3 / 5 = 60 %. ann 2 / 3; bob 1 / 2 = 50 %.
        var results = Run(May(), "2024-05-01", "2024-06-01", ["csat", "csat-average"], SegmentBy.Csm);
        Assert.Equal(60m, results.Value("csat", "2024-05-01").Value);
        AssertNear(200m / 3m, results.Value("csat", "2024-05-01", "csm=ann").Value);
        Assert.Equal(50m, results.Value("csat", "2024-05-01", "csm=bob").Value);
        // Mean score: (5 + 4 + 2 + 6 + 3) / 5 = 4.
        Assert.Equal(4m, results.Value("csat-average", "2024-05-01").Value);
    }

    [Fact]
    public void Ces_HandBuiltMonth_MeanOfAnswers()
    {
        // (7 + 5 + 3) / 3 = 5; ann (7 + 5) / 2 = 6; bob 3.
        var results = Run(May(), "2024-05-01", "2024-06-01", ["ces"], SegmentBy.Csm);
        Assert.Equal(5m, results.Value("ces", "2024-05-01").Value);
        Assert.Equal(6m, results.Value("ces", "2024-05-01", "csm=ann").Value);
        Assert.Equal(3m, results.Value("ces", "2024-05-01", "csm=bob").Value);
    }

    [Fact]
    public void Happiness_ConfiguredCustomSurvey_CountsWithCsat()
    {
        // csat 5 responses (3 positive) + onboarding 3 (2 positive) = 5 / 8 = 62.5 %; pulse, nps and ces do not count.
        // Dissatisfied: csat a 2 (1-5), b 3 (1-10), onboarding b 2 (1-7) = 3 -> balance (5 - 3) / 8 = 25.
        var results = Run(May(), "2024-05-01", "2024-06-01", ["happiness", "satisfaction-balance"], options: OnboardingIsSatisfaction);
        Assert.Equal(62.5m, results.Value("happiness", "2024-05-01").Value);
        var balance = results.Value("satisfaction-balance", "2024-05-01");
        Assert.Equal(25m, balance.Value);
        Assert.Equal(2m, balance.Numerator);
        Assert.Equal(8m, balance.Denominator);
    }

    [Fact]
    public void Happiness_CustomSurveyNotConfigured_OnlyCsat()
    {
        // csat alone: 3 / 5 = 60 %; balance (3 - 2) / 5 = 20.
        var results = Run(May(), "2024-05-01", "2024-06-01", ["happiness", "satisfaction-balance"]);
        Assert.Equal(60m, results.Value("happiness", "2024-05-01").Value);
        Assert.Equal(20m, results.Value("satisfaction-balance", "2024-05-01").Value);
    }

    [Fact]
    public void SurveyMetrics_MonthWithoutResponses_HaveNoValue()
    {
        // July has no responses (the nps answer of 1 June 00:00 is June's: one detractor, -100).
        var results = Run(May(), "2024-05-01", "2024-08-01", Computed, options: OnboardingIsSatisfaction);
        Assert.Equal(-100m, results.Value("nps", "2024-06-01").Value);
        foreach (var id in Computed)
        {
            var july = results.Value(id, "2024-07-01");
            Assert.Null(july.Value);
            Assert.Equal(0m, july.Denominator);
        }
    }

    [Fact]
    public void SurveyMetrics_EmptyFile_ComputedWithoutValue()
    {
        var results = Run(Surveys(), "2024-05-01", "2024-06-01", Computed);
        Assert.All(results, r => Assert.Null(r.Unavailable));
        Assert.All(results, r => Assert.Null(r.Value.Value));
    }

    [Fact]
    public void ResponseRate_NoSendsKnown_IsUnavailable()
    {
        var result = Assert.Single(Run(May(), "2024-05-01", "2024-06-01", ["response-rate"]));
        Assert.Null(result.Value.Value);
        Assert.Equal("no survey was sent through Tenure yet (imported responses have no sends)", result.Unavailable);
    }

    [Fact]
    public void ResponseRate_Sends_AnsweredOverSentPerPeriodAndSegment()
    {
        // May: a (ann) was sent s1, s2 (answered) and s3 (not); b (bob) s4 (not). April: s5 to a, answered.
        // All, May: 2 answered / 4 sent = 50 %; ann 2 / 3 = 66.67 %; bob 0 / 1 = 0 %. April: 1 / 1 = 100 %.
        var data = May() with
        {
            SurveySends =
            [
                new("s1", "nps", "a", T("2024-05-02T10:00"), "r-x"),
                new("s2", "nps", "a", T("2024-05-31T23:59"), "r-y"),
                new("s3", "csat", "a", T("2024-05-10T00:00")),
                new("s4", "nps", "b", T("2024-05-01T00:00")),
                new("s5", "nps", "a", T("2024-04-30T23:59"), "r-z"),
            ],
        };
        var results = Run(data, "2024-04-01", "2024-06-01", ["response-rate"], SegmentBy.Csm);
        var may = results.Value("response-rate", "2024-05-01");
        Assert.Equal((50m, 2m, 4m), (may.Value, may.Numerator, may.Denominator));
        Assert.Equal(66.67m, Math.Round(results.Value("response-rate", "2024-05-01", "csm=ann").Value!.Value, 2));
        Assert.Equal(0m, results.Value("response-rate", "2024-05-01", "csm=bob").Value);
        Assert.Equal(100m, results.Value("response-rate", "2024-04-01").Value);
    }

    [Fact]
    public void Nps_WithoutSurveysFile_IsUnavailable()
    {
        var result = Assert.Single(Run(new TenureDataSet { Present = InputKind.Accounts }, "2024-05-01", "2024-06-01", ["nps"]));
        Assert.Equal("needs surveys.csv", result.Unavailable);
    }
}
