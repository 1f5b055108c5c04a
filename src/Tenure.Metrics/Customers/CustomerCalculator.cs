using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

using static Tenure.Metrics.Customers.CustomerMetrics;

namespace Tenure.Metrics.Customers;

/// <summary>Customer counts, churn, retention and renewals from the subscription ledger.</summary>
public sealed class CustomerCalculator : IMetricCalculator
{
    public MetricArea Area => MetricArea.Customers;

    public void Compute(MetricContext context, MetricSink sink)
    {
        if (!context.Data.Has(InputKind.Subscriptions)) return;
        var grid = context.Ledger.Tallies;
        sink.Emit(CustomerMetrics.Customers, grid, t => MetricValue.Of(t.Closing));
        sink.Emit(NewCustomers, grid, t => MetricValue.Of(t.New));
        sink.Emit(ChurnedCustomers, grid, t => MetricValue.Of(t.Churned));
        sink.Emit(ChurnRate, grid, t => ChurnRateOf(t.Churned, t.Opening));
        sink.Emit(NetCustomerChurnRate, grid, t => NetCustomerChurnRateOf(t.Opening, t.Closing));
        sink.Emit(RetentionRate, grid, t => RetentionRateOf(t.Closing, t.New, t.Opening));
        sink.Emit(RetainedCustomers, grid, t => MetricValue.Of(t.Retained));
        sink.Emit(RenewalRate, grid, t => RenewalRateOf(t.Renewed, t.UpForRenewal));
    }
}
