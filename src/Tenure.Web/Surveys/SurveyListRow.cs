using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Surveys;
using Tenure.Storage.Surveys;

namespace Tenure.Web.Surveys;

/// <summary>
/// A line of the surveys page: a survey with its sends, answers, response rate and score, each through the
/// catalogue's formula (<see cref="SurveyMetrics"/>) over this survey's own answers.
/// </summary>
public sealed record SurveyListRow(SurveyDefinition Survey, int Sent, int Answered, int Answers, MetricValue ResponseRate, string ScoreName, MetricValue Score)
{
    public static SurveyListRow Of(SurveyDefinition survey, SurveyCounts? counts)
    {
        var c = counts ?? new SurveyCounts(0, 0, []);
        var scale = survey.StoredScale;
        var (name, score) = survey.Type switch
        {
            SurveyMetrics.NpsSurvey => ("NPS", Nps(c.Scores)),
            SurveyMetrics.CesSurvey => ("CES", Mean(c.Scores, scale)),
            _ => ("CSAT", Csat(c.Scores, scale)),
        };
        return new SurveyListRow(survey, c.Sent, c.Answered, c.Scores.Count, SurveyMetrics.ResponseRateOf(c.Answered, c.Sent), name, score);
    }

    private static MetricValue Nps(IReadOnlyList<int> scores)
    {
        var tally = scores.Aggregate(default(NpsTally), (t, s) => t + NpsTally.Of(s));
        return SurveyMetrics.NpsOf(tally.Promoters, tally.Passives, tally.Detractors);
    }

    private static MetricValue Csat(IReadOnlyList<int> scores, Metrics.Inputs.Scale scale)
    {
        var tally = scores.Aggregate(default(ScoreTally), (t, s) => t + ScoreTally.Of(s, scale));
        return SurveyMetrics.CsatOf(tally.Positive, tally.Responses);
    }

    private static MetricValue Mean(IReadOnlyList<int> scores, Metrics.Inputs.Scale scale)
    {
        var tally = scores.Aggregate(default(ScoreTally), (t, s) => t + ScoreTally.Of(s, scale));
        return SurveyMetrics.MeanScoreOf(tally.ScoreSum, tally.Responses);
    }
}
