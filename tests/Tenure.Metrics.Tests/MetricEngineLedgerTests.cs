using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;

using static Tenure.Metrics.Tests.TestData;

namespace Tenure.Metrics.Tests;

/// <summary>
/// The subscription ledger is built on its own while the calculators that do not read it run (<see cref="MetricEngine"/>):
/// its failure is still the data error naming the metrics over subscriptions, and the others' figures are unchanged.
/// </summary>
public class MetricEngineLedgerTests
{
    private static TenureDataSet Data(params SubscriptionPeriod[] subscriptions) => new()
    {
        Accounts = [Acct("a", csm: "ann"), Acct("b", csm: "bob")],
        Subscriptions = subscriptions,
        Tickets = [new Ticket("T1", "a", D("2024-03-04")), new Ticket("T2", "b", D("2024-03-05")), new Ticket("T3", "b", D("2024-04-01"))],
        Present = InputKind.Accounts | InputKind.Subscriptions | InputKind.Tickets,
    };

    [Fact]
    public void LedgerOverflow_IsTheDataErrorNamingTheMetricsOverSubscriptions()
    {
        // Two subscriptions of decimal.MaxValue a month for b at once: b's MRR overflows in the ledger.
        var data = Data(
            Sub("a", "2024-01-01", null, 100m),
            Sub("b", "2024-02-01", null, decimal.MaxValue, id: "S1"),
            Sub("b", "2024-02-01", null, decimal.MaxValue, id: "S2"));
        var request = new MetricRequest(D("2024-01-01"), D("2024-06-01"), Granularity.Month, SegmentBy.Csm, ["tickets", "mrr", "customers"]);

        var e = Assert.Throws<DataOverflowException>(() => MetricEngine.Compute(data, request));

        Assert.Equal("mrr, customers", e.Metrics);
        Assert.Contains("the MRR of account b", e.Message, StringComparison.Ordinal);
        // Every metric of the catalogue: the same data error, not an aggregate of the calculators that waited for the ledger.
        Assert.Throws<DataOverflowException>(() => MetricEngine.Compute(data, request with { Metrics = null }));
    }

    [Fact]
    public void OverflowOnlyInTheSumOfSegments_IsTheDataErrorOfTheFirstSuchMetricInTheRequest()
    {
        // a (ann) and b (bob) each pay 0.6 x decimal.MaxValue a month from February: each csm's MRR fits, "all" (1.2 x the
        // maximum) does not, for new-mrr in February and mrr from February. Finished at once, the error is the first of the
        // two in the request's order, whichever thread meets its overflow first.
        var big = decimal.MaxValue / 10 * 6;
        var data = Data(Sub("a", "2024-02-01", null, big, id: "S1"), Sub("b", "2024-02-01", null, big, id: "S2"));

        foreach (var metrics in new[] { new[] { "tickets", "new-mrr", "mrr" }, ["mrr", "tickets", "new-mrr"] })
        {
            var request = new MetricRequest(D("2024-01-01"), D("2024-06-01"), Granularity.Month, SegmentBy.Csm, metrics);
            var e = Assert.Throws<DataOverflowException>(() => MetricEngine.Compute(data, request));
            Assert.Equal(metrics.First(m => m != "tickets"), e.Metrics);
        }
    }

    [Fact]
    public void MetricsBesideTheLedger_AndOverIt_ByCsm()
    {
        // a pays 100 from January, b 50 from February: March MRR 150 (ann 100, bob 50), two customers; tickets in March:
        // a's T1 (ann) and b's T2 (bob), 2 in all; April: b's T3.
        var data = Data(Sub("a", "2024-01-01", null, 100m), Sub("b", "2024-02-01", null, 50m));
        var request = new MetricRequest(D("2024-03-01"), D("2024-04-30"), Granularity.Month, SegmentBy.Csm, ["tickets", "mrr", "customers"]);

        var results = MetricEngine.Compute(data, request);

        Assert.Equal(150m, results.Value("mrr", "2024-03-01").Value);
        Assert.Equal(100m, results.Value("mrr", "2024-03-01", "csm=ann").Value);
        Assert.Equal(50m, results.Value("mrr", "2024-03-01", "csm=bob").Value);
        Assert.Equal(2m, results.Value("customers", "2024-03-01").Value);
        Assert.Equal(2m, results.Value("tickets", "2024-03-01").Value);
        Assert.Equal(1m, results.Value("tickets", "2024-04-01", "csm=bob").Value);
        Assert.Equal(0m, results.Value("tickets", "2024-04-01", "csm=ann").Value);
    }
}
