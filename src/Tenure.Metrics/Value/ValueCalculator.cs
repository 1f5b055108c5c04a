using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Subscriptions;
using Tenure.Metrics.Tallies;

using static Tenure.Metrics.Value.ValueMetrics;

namespace Tenure.Metrics.Value;

/// <summary>Lifetime value (three forms) and retention / acquisition costs, from invoices, the subscription ledger, accounts and costs.</summary>
public sealed class ValueCalculator : IMetricCalculator
{
    public MetricArea Area => MetricArea.Value;

    public void Compute(MetricContext context, MetricSink sink)
    {
        var data = context.Data;
        var hasSubscriptions = data.Has(InputKind.Subscriptions);
        var configuredLifespan = context.Options.LifespanMonths;

        if (data.Has(InputKind.Invoices) && (hasSubscriptions || configuredLifespan is not null) && context.IsRequested(Clv))
        {
            var invoices = context.Invoices;
            var ledger = hasSubscriptions ? context.Ledger.Tallies : null;
            sink.Emit(Clv, (p, s) =>
            {
                var invoiced = s < 0 ? invoices.All(p) : invoices[p, s];
                var months = context.Periods[p].Months;
                var lifespan = configuredLifespan ?? LifespanOf(s < 0 ? ledger!.All(p) : ledger![p, s], months);
                var purchaseValue = AveragePurchaseValueOf(invoiced.Revenue, invoiced.ChargeCount);
                var frequency = PurchasesPerMonthOf(invoiced.ChargeCount, invoiced.AccountsCharged, months);
                return purchaseValue is { } v && frequency is { } f && lifespan is { } l ? ClvOf(v, f, l) : MetricValue.None;
            });
        }

        if (!hasSubscriptions) return;
        var grid = context.Ledger.Tallies;

        if (data.Has(InputKind.Accounts) && context.IsRequested(ClvNet))
        {
            var acquisition = AcquisitionCostOfCustomers(context);
            sink.Emit(ClvNet, (p, s) =>
            {
                var tally = s < 0 ? grid.All(p) : grid[p, s];
                var cost = s < 0 ? acquisition.All(p) : acquisition[p, s];
                var lifespan = configuredLifespan ?? LifespanOf(tally, context.Periods[p].Months);
                if (tally.Closing == 0 || cost.Denominator == 0m || lifespan is not { } months) return MetricValue.None;
                var annualRevenue = 12m * tally.ClosingMrr / tally.Closing;
                return ClvNetOf(annualRevenue, months / 12m, cost.Numerator / cost.Denominator);
            });
        }

        if (context.IsRequested(ClvSubscription))
        {
            var trailing = context.Options.TrailingMonths is { } k ? TrailingChurn.Build(context, k) : null;
            sink.Emit(ClvSubscription, (p, s) =>
            {
                var tally = s < 0 ? grid.All(p) : grid[p, s];
                var churn = trailing is not null
                    ? trailing.MeanRate(p, s)
                    : MonthlyChurnRateOf(tally.Churned, tally.Opening, context.Periods[p].Months);
                if (tally.Closing == 0 || churn is not { } rate) return MetricValue.None;
                return ClvSubscriptionOf(tally.ClosingMrr / tally.Closing, rate);
            });
        }

        if (!data.Has(InputKind.Costs)) return;
        var (retention, acquisitionCosts) = CostsPerPeriod(context);
        sink.EmitUnsplit(Crc, p => CrcOf(retention[p], grid.All(p).Closing));
        sink.EmitUnsplit(CrcPerRetained, p => CrcPerRetainedOf(retention[p], grid.All(p).Retained));
        sink.EmitUnsplit(Cac, p => CacOf(acquisitionCosts[p], grid.All(p).New));
    }

    private static decimal? LifespanOf(SubscriptionTally tally, decimal months) =>
        LifespanMonthsOf(MonthlyChurnRateOf(tally.Churned, tally.Opening, months));

    /// <summary>Per period and segment: the sum (numerator) and number (denominator) of acquisition costs of the closing customers that have one.</summary>
    private static PeriodSegmentGrid<RatioTally> AcquisitionCostOfCustomers(MetricContext context)
    {
        var grid = context.NewGrid<RatioTally>();
        var accounts = context.Accounts.Accounts;
        for (var a = 0; a < accounts.Count; a++)
        {
            if (accounts[a]?.AcquisitionCost is not { } cost) continue;
            var segment = context.SegmentOf(a);
            for (var p = 0; p < context.Periods.Count; p++)
            {
                if (context.Coverage.IsActiveJustBefore(a, context.Periods[p].End))
                    grid[p, segment] += new RatioTally(cost, 1m);
            }
        }
        return grid;
    }

    private static (decimal[] Retention, decimal[] Acquisition) CostsPerPeriod(MetricContext context)
    {
        var retention = new decimal[context.Periods.Count];
        var acquisition = new decimal[context.Periods.Count];
        foreach (var cost in context.Data.Costs)
        {
            var p = context.PeriodOf(cost.Date);
            if (p < 0) continue;
            if (cost.Kind == CostKind.Retention) retention[p] += cost.Amount;
            else acquisition[p] += cost.Amount;
        }
        return (retention, acquisition);
    }
}
