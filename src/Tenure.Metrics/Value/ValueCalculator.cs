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
            // Without subscriptions the lifespan is the configured one, and the (empty) ledger is never read.
            var ledger = hasSubscriptions ? context.Ledger.Tallies : context.NewGrid<SubscriptionTally>();
            sink.Emit(Clv, invoices, ledger, (invoices, ledger, p, s) =>
            {
                var invoiced = s < 0 ? invoices.All(p) : invoices[p, s];
                var months = context.Periods[p].Months;
                var lifespan = configuredLifespan ?? LifespanOf(s < 0 ? ledger.All(p) : ledger[p, s], months);
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
            sink.Emit(ClvNet, grid, acquisition, (grid, acquisition, p, s) =>
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
            if (context.Options.TrailingMonths is { } k)
            {
                sink.Emit(ClvSubscription, grid, TrailingChurn.Build(context, k), (grid, trailing, p, s) =>
                    ClvSubscriptionFrom(s < 0 ? grid.All(p) : grid[p, s], trailing.MeanRate(p, s)));
            }
            else
            {
                sink.Emit(ClvSubscription, grid, (grid, p, s) =>
                {
                    var tally = s < 0 ? grid.All(p) : grid[p, s];
                    return ClvSubscriptionFrom(tally, MonthlyChurnRateOf(tally.Churned, tally.Opening, context.Periods[p].Months));
                });
            }
        }

        if (!data.Has(InputKind.Costs)) return;
        var costs = CostsPerPeriod.Build(context);
        sink.EmitUnsplit(Crc, costs, grid, (costs, grid, p) => CrcOf(costs.Retention[p], grid.All(p).Closing));
        sink.EmitUnsplit(CrcPerRetained, costs, grid, (costs, grid, p) => CrcPerRetainedOf(costs.Retention[p], grid.All(p).Retained));
        sink.EmitUnsplit(Cac, costs, grid, (costs, grid, p) => CacOf(costs.Acquisition[p], grid.All(p).New));
    }

    private static MetricValue ClvSubscriptionFrom(SubscriptionTally tally, decimal? churn) =>
        tally.Closing == 0 || churn is not { } rate ? MetricValue.None : ClvSubscriptionOf(tally.ClosingMrr / tally.Closing, rate);

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
}
