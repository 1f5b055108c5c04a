using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Tallies;

using static Tenure.Metrics.Surveys.SurveyMetrics;

namespace Tenure.Metrics.Surveys;

/// <summary>NPS, CSAT, CES, happiness and the satisfaction balance from survey responses; response-rate from the surveys Tenure sent, when it sent any.</summary>
public sealed class SurveyCalculator : IMetricCalculator
{
    public MetricArea Area => MetricArea.Surveys;

    public void Compute(MetricContext context, MetricSink sink)
    {
        if (!context.Data.Has(InputKind.Surveys)) return;
        var grid = Tally(context);
        // The three counts go with the score, so a drill-down to the promoters or detractors can be checked against them.
        sink.Emit(Nps, grid, t => NpsOf(t.Nps.Promoters, t.Nps.Passives, t.Nps.Detractors) with
        {
            Breakdown = new Dictionary<string, decimal>(StringComparer.Ordinal)
            {
                ["promoters"] = t.Nps.Promoters,
                ["passives"] = t.Nps.Passives,
                ["detractors"] = t.Nps.Detractors,
            },
        });
        sink.Emit(Csat, grid, t => CsatOf(t.Csat.Positive, t.Csat.Responses));
        sink.Emit(CsatAverage, grid, t => MeanScoreOf(t.Csat.ScoreSum, t.Csat.Responses));
        sink.Emit(Ces, grid, t => MeanScoreOf(t.Ces.ScoreSum, t.Ces.Responses));
        sink.Emit(Happiness, grid, t => HappinessOf(t.Satisfaction.Positive, t.Satisfaction.Responses));
        sink.Emit(SatisfactionBalance, grid, t => SatisfactionBalanceOf(t.Satisfaction.Positive, t.Satisfaction.Dissatisfied, t.Satisfaction.Responses));
        if (context.Data.SurveySends is { } sends && context.IsRequested(ResponseRate))
        {
            var sent = TallySends(context, sends);
            sink.Emit(ResponseRate, sent, t => ResponseRateOf(t.Answered, t.Sent));
        }
    }

    /// <summary>Every send in the period holding its sent_at, in its account's segment; answered when it names a response.</summary>
    private static PeriodSegmentGrid<SendTally> TallySends(MetricContext context, IReadOnlyList<SurveySend> sends)
    {
        var grid = context.NewGrid<SendTally>();
        foreach (var send in sends)
        {
            var p = context.PeriodOf(send.SentAt);
            if (p < 0) continue;
            grid[p, context.SegmentOf(send.AccountId)] += SendTally.Of(send.ResponseId is not null);
        }
        return grid;
    }

    /// <summary>
    /// Every response submitted in a period, in its account's segment. Answers on a scale their survey
    /// does not allow (nps: 0-10, ces: 1-7) are bad input that ingestion reports; they are left out here.
    /// </summary>
    private static PeriodSegmentGrid<SurveyTally> Tally(MetricContext context)
    {
        var grid = context.NewGrid<SurveyTally>();
        var custom = context.Options.SatisfactionSurveys;
        // Each response's account number as the directory keeps it: no account id looked up again for a new period.
        var responses = context.Data.Surveys;
        var accounts = context.Accounts.AccountIndexes(responses, InputKinds.Surveys.AccountIdOf!);
        for (var r = 0; r < responses.Count; r++)
        {
            var response = responses[r];
            var p = context.PeriodOf(response.SubmittedAt);
            if (p < 0) continue;
            SurveyTally tally;
            if (Is(response.Survey, NpsSurvey))
            {
                if (response.Scale != Scale.ZeroToTen) continue;
                tally = new SurveyTally { Nps = NpsTally.Of(response.Score) };
            }
            else if (Is(response.Survey, CsatSurvey))
            {
                var score = ScoreTally.Of(response.Score, response.Scale);
                tally = new SurveyTally { Csat = score, Satisfaction = score };
            }
            else if (Is(response.Survey, CesSurvey))
            {
                if (response.Scale != Scale.OneToSeven) continue;
                tally = new SurveyTally { Ces = ScoreTally.Of(response.Score, response.Scale) };
            }
            else if (custom.Contains(response.Survey))
            {
                tally = new SurveyTally { Satisfaction = ScoreTally.Of(response.Score, response.Scale) };
            }
            else
            {
                continue;
            }
            grid[p, context.Segments.OfIndex(accounts[r])] += tally;
        }
        return grid;
    }

    private static bool Is(string survey, string id) => string.Equals(survey, id, StringComparison.OrdinalIgnoreCase);
}
