using System.Globalization;

using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;

namespace Tenure.Metrics.Tests;

/// <summary>Shorthands for hand-built data sets in tests.</summary>
internal static class TestData
{
    public static DateTime D(string date) =>
        DateTime.SpecifyKind(DateTime.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc);

    public static SubscriptionPeriod Sub(string account, string start, string? end, decimal amount,
        BillingInterval interval = BillingInterval.Month, decimal quantity = 1m, decimal discount = 0m, string? id = null, string? plan = null) =>
        new(id ?? account + "-" + start, account, plan, D(start), end is null ? null : D(end), amount, interval, quantity, discount);

    public static Account Acct(string id, string? csm = null, string? plan = null, decimal? acquisitionCost = null) =>
        new(id, id, D("2020-01-01"), Csm: csm, Plan: plan, AcquisitionCost: acquisitionCost);

    public static TenureDataSet WithSubscriptions(params SubscriptionPeriod[] subscriptions) =>
        new() { Subscriptions = subscriptions, Present = InputKind.Subscriptions };

    public static IReadOnlyList<MetricResult> Compute(TenureDataSet data, string from, string to, params string[] metrics) =>
        MetricEngine.Compute(data, new MetricRequest(D(from), D(to), Granularity.Month, SegmentBy.None, metrics));

    /// <summary>Equal to 10 decimal places: the last digit of a 28-digit decimal division depends on the order of operations.</summary>
    public static void AssertNear(decimal expected, decimal? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(decimal.Round(expected, 10), decimal.Round(actual.Value, 10));
    }

    /// <summary>The "all" value of <paramref name="metric"/> in the period starting at <paramref name="periodStart"/>.</summary>
    public static MetricValue Value(this IReadOnlyList<MetricResult> results, string metric, string periodStart, string segment = "all") =>
        results.Single(r => r.Metric == metric && r.Period.Start == D(periodStart) && r.Segment == segment).Value;
}
