using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

using static Tenure.Metrics.Revenue.RevenueMetrics;

namespace Tenure.Metrics.Revenue;

/// <summary>MRR, ARR, ARPA, MRR movements and revenue retention from the subscription ledger (and invoices for expansion revenue).</summary>
public sealed class RevenueCalculator : IMetricCalculator
{
    public MetricArea Area => MetricArea.Revenue;

    public void Compute(MetricContext context, MetricSink sink)
    {
        if (!context.Data.Has(InputKind.Subscriptions)) return;
        var grid = context.Ledger.Tallies;
        sink.Emit(Mrr, grid, t => MetricValue.Of(t.ClosingMrr));
        sink.Emit(Arr, grid, t => MetricValue.Of(12m * t.ClosingMrr));
        sink.Emit(Arpa, grid, t => ArpaOf(t.ClosingMrr, t.Closing));
        sink.Emit(NewMrr, grid, t => MetricValue.Of(t.NewMrr));
        sink.Emit(ExpansionMrr, grid, t => MetricValue.Of(t.ExpansionMrr));
        sink.Emit(ContractionMrr, grid, t => MetricValue.Of(t.ContractionMrr));
        sink.Emit(ChurnedMrr, grid, t => MetricValue.Of(t.ChurnedMrr));
        sink.Emit(ReactivationMrr, grid, t => MetricValue.Of(t.ReactivationMrr));
        sink.Emit(NetNewMrr, grid, t => MetricValue.Of(t.NetNewMrr));
        sink.Emit(GrossMrrChurnRate, grid, t => GrossMrrChurnRateOf(t.ChurnedMrr, t.ContractionMrr, t.OpeningMrr));
        sink.Emit(NetMrrChurnRate, grid, t => NetMrrChurnRateOf(t.ChurnedMrr, t.ContractionMrr, t.ExpansionMrr, t.OpeningMrr));
        sink.Emit(NetRevenueRetention, grid, t => NetRevenueRetentionOf(t.OpeningMrr, t.OpeningBaseExpansionMrr, t.OpeningBaseContractionMrr, t.OpeningBaseChurnedMrr));
        sink.Emit(GrossRevenueRetention, grid, t => GrossRevenueRetentionOf(t.OpeningMrr, t.OpeningBaseContractionMrr, t.OpeningBaseChurnedMrr));
        sink.Emit(NewArr, grid, t => MetricValue.Of(12m * t.NewMrr));
        sink.Emit(ExpansionArr, grid, t => MetricValue.Of(12m * t.ExpansionMrr));
        sink.Emit(ChurnedArr, grid, t => MetricValue.Of(12m * t.ChurnedMrr));
        sink.Emit(ContractionArr, grid, t => MetricValue.Of(12m * t.ContractionMrr));
        sink.Emit(Upsells, grid, t => MetricValue.Of(t.Expansions));
        sink.Emit(Downgrades, grid, t => MetricValue.Of(t.Contractions));
        sink.Emit(QuickRatio, grid, t => QuickRatioOf(t.NewMrr, t.ReactivationMrr, t.ExpansionMrr, t.ContractionMrr, t.ChurnedMrr));

        if (!context.Data.Has(InputKind.Invoices)) return;
        if (!context.IsRequested(ExpansionRevenue) && !context.IsRequested(ExpansionRevenueShare)) return;
        var invoices = context.Invoices;
        sink.Emit(ExpansionRevenue, grid, invoices, (grid, invoices, p, s) =>
            MetricValue.Of(ExpansionRevenueOf(s < 0 ? grid.All(p) : grid[p, s], s < 0 ? invoices.All(p) : invoices[p, s])));
        sink.Emit(ExpansionRevenueShare, grid, invoices, (grid, invoices, p, s) =>
        {
            var invoiced = s < 0 ? invoices.All(p) : invoices[p, s];
            return ExpansionRevenueShareOf(ExpansionRevenueOf(s < 0 ? grid.All(p) : grid[p, s], invoiced), invoiced.Revenue);
        });
    }

    private static decimal ExpansionRevenueOf(Subscriptions.SubscriptionTally subscriptions, InvoiceTally invoices) =>
        subscriptions.ExpansionMrr + invoices.ExpansionOneOffs;
}
