using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Tallies;

using static Tenure.Metrics.Support.SupportMetrics;

namespace Tenure.Metrics.Support;

/// <summary>Ticket volumes, resolution, response (clock and business hours) and handle times, reopens, escalations, the backlog and major cases from tickets.</summary>
public sealed class SupportCalculator : IMetricCalculator
{
    public MetricArea Area => MetricArea.Support;

    public void Compute(MetricContext context, MetricSink sink)
    {
        if (!context.Data.Has(InputKind.Tickets)) return;
        var ledger = SupportLedger.Build(context);
        var grid = ledger.Tickets;
        sink.Emit(Tickets, grid, t => MetricValue.Of(t.Created));
        sink.Emit(FirstContactResolutionRate, grid, t => FirstContactResolutionRateOf(t.FirstContactResolved, t.Created));
        sink.Emit(FirstResponseTime, ledger.FirstResponseHours, DurationSummary.InHours);
        sink.Emit(ResolutionTime, ledger.ResolutionHours, DurationSummary.InHours);
        sink.Emit(ResolutionRate, grid, t => ResolutionRateOf(t.Resolved, t.Created));
        sink.Emit(EscalationRate, grid, t => EscalationRateOf(t.AccountsEscalated, t.AccountsWithTicket));
        sink.Emit(AverageHandleTime, ledger.HandleMinutes, DurationSummary.InMinutes);
        sink.Emit(FirstResponseTimeBusiness, ledger.FirstResponseBusinessHours, DurationSummary.InHours);
        sink.Emit(ResolutionTimeBusiness, ledger.ResolutionBusinessHours, DurationSummary.InHours);
        sink.Emit(ReopenRate, grid, t => ReopenRateOf(t.ReopenedResolved, t.Resolved));
        sink.Emit(SupportMetrics.Reopens, grid, t => MetricValue.Of(t.Reopens));

        var open = ledger.OpenAtBoundary;
        sink.Emit(Backlog, open, (open, p, s) =>
        {
            var closing = s < 0 ? open.All(p + 1) : open[p + 1, s];
            return new MetricValue(closing.Open, Breakdown: new Dictionary<string, decimal>
            {
                [BlockedKey] = closing.Blocked,
                [UnblockedKey] = closing.Unblocked,
            });
        });
        sink.Emit(BacklogGrowth, open, (open, p, s) =>
        {
            var opening = s < 0 ? open.All(p) : open[p, s];
            var closing = s < 0 ? open.All(p + 1) : open[p + 1, s];
            return BacklogGrowthOf(opening.Open, closing.Open);
        });
        sink.Emit(MajorCaseImpact, ledger.MajorCaseAccounts, t => MetricValue.Of(t.Count));
        sink.Emit(MajorCaseChildren, grid, t => MetricValue.Of(t.MajorCaseChildren));
    }
}
