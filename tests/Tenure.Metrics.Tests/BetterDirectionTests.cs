using Tenure.Metrics.Catalogue;

namespace Tenure.Metrics.Tests;

/// <summary>Which way is better, on each definition of the catalogue (not in a list kept by a surface).</summary>
public class BetterDirectionTests
{
    [Fact]
    public void EveryMetric_StatesWhichWayIsBetter()
    {
        var unstated = MetricCatalogue.All.Where(d => d.Better == Better.Unstated).Select(d => d.Id).ToList();
        Assert.True(unstated.Count == 0, "no direction stated for: " + string.Join(", ", unstated));
    }

    /// <summary>From the meaning of each metric, not from the code's table.</summary>
    [Theory]
    [InlineData("churn-rate", Better.Lower)]            // losing customers is bad
    [InlineData("churned-mrr", Better.Lower)]
    [InlineData("contraction-mrr", Better.Lower)]
    [InlineData("net-mrr-churn-rate", Better.Lower)]     // "should be negative" (METRICS.md benchmarks)
    [InlineData("cac", Better.Lower)]                    // a cost
    [InlineData("backlog", Better.Lower)]                // open tickets waiting
    [InlineData("first-response-time", Better.Lower)]    // customers wait less
    [InlineData("time-to-value", Better.Lower)]
    [InlineData("overdue-tasks", Better.Lower)]
    [InlineData("nps", Better.Higher)]                   // more promoters
    [InlineData("ces", Better.Higher)]                   // 7 = easiest on the 1-7 scale
    [InlineData("customers", Better.Higher)]
    [InlineData("mrr", Better.Higher)]
    [InlineData("net-revenue-retention", Better.Higher)]
    [InlineData("renewal-rate", Better.Higher)]
    [InlineData("first-contact-resolution-rate", Better.Higher)]
    [InlineData("tickets", Better.Neither)]              // a volume: more customers also means more tickets
    public void Direction_FollowsTheMeaning(string metricId, Better expected) =>
        Assert.Equal(expected, MetricCatalogue.Get(metricId).Better);
}
