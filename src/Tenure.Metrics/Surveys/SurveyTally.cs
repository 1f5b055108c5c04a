using System.Numerics;

namespace Tenure.Metrics.Surveys;

/// <summary>
/// The survey answers of a set of accounts over one period: NPS, CSAT, CES and every satisfaction
/// survey (CSAT plus the configured custom ones). Mergeable.
/// </summary>
public readonly record struct SurveyTally(NpsTally Nps, ScoreTally Csat, ScoreTally Ces, ScoreTally Satisfaction)
    : IAdditionOperators<SurveyTally, SurveyTally, SurveyTally>
{
    public static SurveyTally operator +(SurveyTally x, SurveyTally y) => new(
        x.Nps + y.Nps,
        x.Csat + y.Csat,
        x.Ces + y.Ces,
        x.Satisfaction + y.Satisfaction);
}
