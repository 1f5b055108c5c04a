using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Inputs;

using static Tenure.Metrics.Catalogue.Calc;

namespace Tenure.Metrics.Surveys;

/// <summary>The survey metrics of METRICS.md "Surveys": their definitions and formulas.</summary>
public static class SurveyMetrics
{
    public const string Nps = "nps";
    public const string Csat = "csat";
    public const string CsatAverage = "csat-average";
    public const string Ces = "ces";
    public const string Happiness = "happiness";
    public const string SatisfactionBalance = "satisfaction-balance";
    public const string ResponseRate = "response-rate";

    /// <summary>The values of the surveys.csv `survey` column that name the built-in surveys.</summary>
    public const string NpsSurvey = "nps", CsatSurvey = "csat", CesSurvey = "ces";

    private const InputKind Needs = InputKind.Surveys;

    /// <summary>NPS (Bain): % promoters - % detractors = (promoters - detractors) / responses x 100, in points.</summary>
    public static MetricValue NpsOf(decimal promoters, decimal passives, decimal detractors) =>
        MetricValue.Ratio(promoters - detractors, promoters + passives + detractors);

    /// <summary>CSAT (default): positive responses / responses x 100.</summary>
    public static MetricValue CsatOf(decimal positive, decimal responses) => MetricValue.Ratio(positive, responses);

    /// <summary>A mean score (csat-average, ces): total of the scores / responses.</summary>
    public static MetricValue MeanScoreOf(decimal totalScore, decimal responses) => MetricValue.Ratio(totalScore, responses, 1m);

    /// <summary>Customer happiness: positive / responses x 100 over every satisfaction survey.</summary>
    public static MetricValue HappinessOf(decimal positive, decimal responses) => MetricValue.Ratio(positive, responses);

    /// <summary>Satisfaction balance (NetSuite's "customer health score"): (satisfied - dissatisfied) / responses x 100.</summary>
    public static MetricValue SatisfactionBalanceOf(decimal satisfied, decimal dissatisfied, decimal responses) =>
        MetricValue.Ratio(satisfied - dissatisfied, responses);

    /// <summary>Survey response rate: responses / surveys sent x 100.</summary>
    public static MetricValue ResponseRateOf(decimal responses, decimal sent) => MetricValue.Ratio(responses, sent);

    private const string InPeriod = "A response belongs to the period holding its submitted_at and to its account's segment; every response counts (no de-duplication per person). ";

    public static IReadOnlyList<MetricDefinition> Definitions { get; } =
    [
        new(Nps, "Net Promoter Score", MetricArea.Surveys, MetricUnit.Points,
            "% promoters (9-10) - % detractors (0-6) of nps responses in P, on the 0-10 scale", Needs, "Bain",
            [Count("promoters", "responses scoring 9-10"), Count("passives", "responses scoring 7-8"), Count("detractors", "responses scoring 0-6")],
            a => NpsOf(a["promoters"], a["passives"], a["detractors"]),
            Notes: InPeriod + "Numerator: promoters - detractors; denominator: responses. Breakdown keys: promoters, passives, detractors (counts). Answers not on 0-10 are bad input and left out.")
        { IsRatio = true, Better = Better.Higher, SampleName = "responses" },
        new(Csat, "Customer satisfaction score", MetricArea.Surveys, MetricUnit.Percent,
            "positive csat responses / csat responses x 100", Needs, "HubSpot",
            [Count("positive", "positive responses", "responses"), Count("responses", "responses")],
            a => CsatOf(a["positive"], a["responses"]),
            Notes: InPeriod + "Positive: 1-5 -> 4-5; 1-7 -> 5-7; 1-10 and 0-10 -> 6-10 (HubSpot's rule).")
        { IsRatio = true, IsDefault = true, Better = Better.Higher, SampleName = "responses" },
        new(CsatAverage, "Average satisfaction score", MetricArea.Surveys, MetricUnit.Score,
            "mean csat score", Needs, "Baton",
            [In("total-score", "sum of the scores"), Count("responses", "responses")],
            a => MeanScoreOf(a["total-score"], a["responses"]),
            Notes: InPeriod + "The mean of the raw scores on their own scale: keep one scale per survey for it to mean something.")
        { IsRatio = true, Better = Better.Higher, SampleName = "responses" },
        new(Ces, "Customer effort score", MetricArea.Surveys, MetricUnit.Score,
            "mean of 1-7 ces answers (7 = easiest)", Needs, "METRICS.md",
            [In("total-score", "sum of the 1-7 answers"), Count("responses", "responses")],
            a => MeanScoreOf(a["total-score"], a["responses"]),
            Notes: InPeriod + "Answers not on 1-7 are bad input and left out.")
        { IsRatio = true, Better = Better.Higher, SampleName = "responses" },
        new(Happiness, "Customer happiness", MetricArea.Surveys, MetricUnit.Percent,
            "positive / responses x 100 over every satisfaction survey (csat and custom satisfaction surveys; not nps or ces)", Needs, "METRICS.md",
            [Count("positive", "positive satisfaction responses", "responses"), Count("responses", "satisfaction responses")],
            a => HappinessOf(a["positive"], a["responses"]),
            Notes: InPeriod + "A custom survey id counts only when configured as a satisfaction survey; positive per its scale.")
        { IsRatio = true, Better = Better.Higher, SampleName = "responses" },
        new(SatisfactionBalance, "Satisfaction balance", MetricArea.Surveys, MetricUnit.Percent,
            "% satisfied - % dissatisfied over satisfaction responses", Needs, "NetSuite",
            [Count("satisfied", "satisfied responses", "responses"), Count("dissatisfied", "dissatisfied responses", "responses"), Count("responses", "satisfaction responses")],
            a => SatisfactionBalanceOf(a["satisfied"], a["dissatisfied"], a["responses"]),
            Notes: InPeriod + "NetSuite calls it the customer health score. Satisfied as csat's positive; dissatisfied: 1-5 -> 1-2; 1-7 -> 1-3; 10-point -> 0-4. " +
                "Same responses as happiness.")
        { IsRatio = true, Better = Better.Higher, SampleName = "responses", Range = new ValueRange(-100m, 100m) },
        new(ResponseRate, "Survey response rate", MetricArea.Surveys, MetricUnit.Percent,
            "responses / surveys sent x 100", Needs, "METRICS.md",
            [Count("responses", "responses received", "sent"), Count("sent", "surveys sent")],
            a => ResponseRateOf(a["responses"], a["sent"]),
            Notes: "Sends are the survey links and e-mails Tenure sent (docs/surveys.md); a send belongs to the period holding its sent_at and to its account's segment. " +
                "Responses: those sends answered (at any time in the data), so the rate is at most 100 %. Unavailable when no survey was ever sent through Tenure " +
                "(imported responses have no sends); `tenure calc response-rate` works from totals.")
        {
            IsRatio = true, Better = Better.Higher, SampleName = "sent",
            WhenNotComputed = new("no survey was sent through Tenure yet (imported responses have no sends)",
                "Send NPS, CSAT or CES surveys from the Surveys page (/surveys) or with `tenure survey link`; the rate counts the answers to them."),
        },
    ];
}
