using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

using static Tenure.Metrics.Tests.MetricRun;
using static Tenure.Metrics.Tests.TestData;

namespace Tenure.Metrics.Tests;

public class ValueCalculatorTests
{
    private static readonly string[] All = ["clv", "clv-net", "clv-subscription", "crc", "crc-per-retained", "cac"];

    /// <summary>
    /// May 2024, csm ann: a, b, d; csm bob: c, e.
    /// a, b, c pay 100 a month from January; d pays 100 until 15 May (churns); e joins 10 May at 200.
    /// S = 4, churned = 1, E = 4 (a, b, c, e), N = 1, closing MRR = 500, arpa = 125.
    /// Churn 25 % a month, so lifespan = 1 / 0.25 = 4 months.
    /// May invoices: recurring a, b, c, d 100 each and e 200, one-off a 200, refund b 20 (an April invoice is outside):
    /// 6 charges, revenue 800 - 20 = 780, 5 accounts charged.
    /// Costs in May: retention 400 + 200 = 600, acquisition 300 (April and June entries are outside).
    /// Acquisition costs: a 300, b 100, c none, d 1,000 (not a closing customer), e 200.
    /// </summary>
    private static TenureDataSet May() => new()
    {
        Accounts =
        [
            Acct("a", csm: "ann", acquisitionCost: 300m), Acct("b", csm: "ann", acquisitionCost: 100m), Acct("c", csm: "bob"),
            Acct("d", csm: "ann", acquisitionCost: 1000m), Acct("e", csm: "bob", acquisitionCost: 200m),
        ],
        Subscriptions =
        [
            Sub("a", "2024-01-01", null, 100m), Sub("b", "2024-01-01", null, 100m), Sub("c", "2024-01-01", null, 100m),
            Sub("d", "2024-01-01", "2024-05-15", 100m), Sub("e", "2024-05-10", null, 200m),
        ],
        Invoices =
        [
            new("i0", "a", D("2024-04-01"), 100m, InvoiceKind.Recurring),
            new("i1", "a", D("2024-05-01"), 100m, InvoiceKind.Recurring),
            new("i2", "b", D("2024-05-01"), 100m, InvoiceKind.Recurring),
            new("i3", "c", D("2024-05-01"), 100m, InvoiceKind.Recurring),
            new("i4", "d", D("2024-05-01"), 100m, InvoiceKind.Recurring),
            new("i5", "e", D("2024-05-10"), 200m, InvoiceKind.Recurring),
            new("i6", "a", D("2024-05-20"), 200m, InvoiceKind.OneOff, "upsell"),
            new("i7", "b", D("2024-05-25"), 20m, InvoiceKind.Refund),
        ],
        Costs =
        [
            new(D("2024-04-30"), 999m, CostKind.Retention),
            new(D("2024-05-03"), 400m, CostKind.Retention),
            new(D("2024-05-28"), 200m, CostKind.Retention),
            new(D("2024-05-12"), 300m, CostKind.Acquisition),
            new(D("2024-06-01"), 50m, CostKind.Acquisition),
        ],
        Present = InputKind.Accounts | InputKind.Subscriptions | InputKind.Invoices | InputKind.Costs,
    };

    [Fact]
    public void Clv_HandBuiltMonth_PurchaseValueTimesFrequencyTimesLifespan()
    {
        // Average purchase value 780 / 6 = 130; frequency 6 / 5 / 1 month = 1.2; lifespan 4 -> 130 x 1.2 x 4 = 624.
        var results = Run(May(), "2024-05-01", "2024-06-01", ["clv"]);
        AssertNear(624m, results.Value("clv", "2024-05-01").Value);
    }

    [Fact]
    public void Clv_BySegment_EachFromItsOwnTallies()
    {
        // ann (a, b, d): charges a 100, a 200, b 100, d 100, refund 20 -> 480 / 4 = 120 a purchase; 4 / 3 a month;
        // S = 3, churned 1 -> 33.3 % a month -> lifespan 3 -> 120 x 4/3 x 3 = 480.
        // bob (c, e): nobody churned, so no finite lifespan: no value. "all" is still 624 from the merged tallies.
        var results = Run(May(), "2024-05-01", "2024-06-01", ["clv"], SegmentBy.Csm);
        AssertNear(624m, results.Value("clv", "2024-05-01").Value);
        AssertNear(480m, results.Value("clv", "2024-05-01", "csm=ann").Value);
        Assert.Null(results.Value("clv", "2024-05-01", "csm=bob").Value);
    }

    [Fact]
    public void ClvNet_HandBuiltMonth_AnnualArpaTimesYearsLessMeanAcquisitionCost()
    {
        // 12 x 125 = 1,500 a year x 4/12 year = 500, less the mean acquisition cost of a, b, e = (300 + 100 + 200) / 3 = 200 -> 300.
        // ann: arpa 200 / 2 = 100 -> 1,200 x 3/12 = 300 - (300 + 100) / 2 = 100. bob: no churn, no lifespan: no value.
        var results = Run(May(), "2024-05-01", "2024-06-01", ["clv-net"], SegmentBy.Csm);
        AssertNear(300m, results.Value("clv-net", "2024-05-01").Value);
        AssertNear(100m, results.Value("clv-net", "2024-05-01", "csm=ann").Value);
        Assert.Null(results.Value("clv-net", "2024-05-01", "csm=bob").Value);
    }

    [Fact]
    public void ClvNet_NoCustomerHasAnAcquisitionCost_HasNoValue()
    {
        var data = May();
        data = new TenureDataSet
        {
            Accounts = [.. data.Accounts.Select(a => a with { AcquisitionCost = null })],
            Subscriptions = data.Subscriptions,
            Present = InputKind.Accounts | InputKind.Subscriptions,
        };
        var results = Run(data, "2024-05-01", "2024-06-01", ["clv-net"]);
        Assert.Null(results.Value("clv-net", "2024-05-01").Value);
    }

    [Fact]
    public void ClvSubscription_HandBuiltMonth_ArpaOverMonthlyChurn()
    {
        // 125 / 25 % = 500. ann: 100 / 33.3 % = 300. bob: nobody churned: no value.
        var results = Run(May(), "2024-05-01", "2024-06-01", ["clv-subscription"], SegmentBy.Csm);
        var all = results.Value("clv-subscription", "2024-05-01");
        Assert.Equal(500m, all.Value);
        Assert.Equal(125m, all.Numerator);
        Assert.Equal(25m, all.Denominator);
        AssertNear(300m, results.Value("clv-subscription", "2024-05-01", "csm=ann").Value);
        Assert.Null(results.Value("clv-subscription", "2024-05-01", "csm=bob").Value);
    }

    [Fact]
    public void ClvSubscription_Quarter_UsesChurnPerMonth()
    {
        // Q2 2024: S = 4 (a, b, c, d), churned 1 (d), E = 4, arpa 125; churn-rate 25 % over 3 months = 8.33 % a month
        // -> 125 / (25 / 3 %) = 1,500.
        var data = May();
        var results = MetricEngine.Compute(data, new MetricRequest(D("2024-04-01"), D("2024-07-01"), Periods.Granularity.Quarter, SegmentBy.None, ["clv-subscription"]));
        AssertNear(1500m, results.Value("clv-subscription", "2024-04-01").Value);
    }

    [Fact]
    public void Costs_HandBuiltMonth_OnlyInAll()
    {
        // crc = 600 / E 4 = 150; crc-per-retained = 600 / (S 4 - d) = 200; cac = 300 / N 1 = 300. Costs carry no account: no segment values.
        var results = Run(May(), "2024-05-01", "2024-06-01", ["crc", "crc-per-retained", "cac"], SegmentBy.Csm);
        var crc = results.Value("crc", "2024-05-01");
        Assert.Equal(150m, crc.Value);
        Assert.Equal(600m, crc.Numerator);
        Assert.Equal(4m, crc.Denominator);
        Assert.Equal(200m, results.Value("crc-per-retained", "2024-05-01").Value);
        Assert.Equal(300m, results.Value("cac", "2024-05-01").Value);
        foreach (var id in new[] { "crc", "crc-per-retained", "cac" })
        {
            Assert.Null(results.Value(id, "2024-05-01", "csm=ann").Value);
            Assert.Null(results.Value(id, "2024-05-01", "csm=bob").Value);
        }
    }

    [Fact]
    public void AllValueMetrics_MonthWithoutActivity_ZeroNumeratorsAndNoValues()
    {
        // June: no invoices (no purchase value), nobody churns (no lifespan), no new customers (cac 50 / 0),
        // no retention costs: crc = 0 / 4 = 0.
        var results = Run(May(), "2024-05-01", "2024-07-01", All);
        Assert.Null(results.Value("clv", "2024-06-01").Value);
        Assert.Null(results.Value("clv-net", "2024-06-01").Value);
        Assert.Null(results.Value("clv-subscription", "2024-06-01").Value);
        Assert.Equal(0m, results.Value("crc", "2024-06-01").Value);
        Assert.Null(results.Value("cac", "2024-06-01").Value);
        Assert.Equal(50m, results.Value("cac", "2024-06-01").Numerator);
    }

    [Fact]
    public void Clv_ConfiguredLifespan_NeedsNoSubscriptions()
    {
        // Lifespan 24 months: 130 x 1.2 x 24 = 3,744; clv-subscription still needs subscriptions.csv.
        var data = May();
        data = new TenureDataSet { Invoices = data.Invoices, Present = InputKind.Invoices };
        var results = Run(data, "2024-05-01", "2024-06-01", ["clv", "clv-subscription"], options: new MetricOptions { LifespanMonths = 24m });
        AssertNear(3744m, results.Value("clv", "2024-05-01").Value);
        var subscription = results.Single(r => r.Metric == "clv-subscription");
        Assert.Null(subscription.Value.Value);
        Assert.Equal("needs subscriptions.csv", subscription.Unavailable);
    }

    /// <summary>
    /// Ten accounts x1..x10 and z pay 100 from January; y1 joins 15 March, y2 and y3 join 5 April.
    /// March: S = 11 (x1..x10, z), churned x1 (10 March) -> 1 / 11.
    /// April: S = 11 (x2..x10, z, y1), churned x2 (its period ends at 1 April 00:00, an April instant) and x3 -> 2 / 11.
    /// May: S = 11 (x4..x10, z, y1..y3), churned x4, x5, x6; z stops 10 May and restarts 20 May, active at the
    /// close, so not churned -> 3 / 11.
    /// Mean over March-May: (1 + 2 + 3) / 3 / 11 = 2 / 11 = 18.18 %. June: nobody churns; E = x7..x10, z, y1..y3 = 8,
    /// MRR 800, arpa 100 -> 100 / (2 / 11) = 550.
    /// </summary>
    [Fact]
    public void ClvSubscription_TrailingThreeMonths_MeanChurnOfTheMonthsBefore()
    {
        var subs = new List<SubscriptionPeriod>
        {
            Sub("x1", "2024-01-01", "2024-03-10", 100m),
            Sub("x2", "2024-01-01", "2024-04-01", 100m),
            Sub("x3", "2024-01-01", "2024-04-20", 100m),
            Sub("x4", "2024-01-01", "2024-05-05", 100m),
            Sub("x5", "2024-01-01", "2024-05-15", 100m),
            Sub("x6", "2024-01-01", "2024-05-31", 100m),
            Sub("z", "2024-01-01", "2024-05-10", 100m),
            Sub("z", "2024-05-20", null, 100m),
            Sub("y1", "2024-03-15", null, 100m),
            Sub("y2", "2024-04-05", null, 100m),
            Sub("y3", "2024-04-05", null, 100m),
        };
        for (var i = 7; i <= 10; i++)
            subs.Add(Sub($"x{i}", "2024-01-01", null, 100m));
        var data = WithSubscriptions([.. subs]);

        var trailing = Run(data, "2024-06-01", "2024-07-01", ["clv-subscription"], options: new MetricOptions { TrailingMonths = 3 });
        var value = trailing.Value("clv-subscription", "2024-06-01");
        AssertNear(550m, value.Value);
        AssertNear(100m, value.Numerator);
        AssertNear(200m / 11m, value.Denominator);

        var own = Run(data, "2024-06-01", "2024-07-01", ["clv-subscription"]);
        Assert.Null(own.Value("clv-subscription", "2024-06-01").Value);
    }

    [Fact]
    public void ClvSubscription_TrailingMonthsWithoutCustomers_AreLeftOutOfTheMean()
    {
        // a pays from 1 March and leaves 10 April: January and February have no customers at their start (no rate),
        // March: S = 0 (a joined in March) -> no rate; April: S = 1, churned 1 -> 100 %. Mean over Jan-Apr = 100 %.
        // b pays 100 from 1 April; E at the close of May = 1, arpa 100 -> 100 / 100 % = 100.
        var data = WithSubscriptions(Sub("a", "2024-03-01", "2024-04-10", 100m), Sub("b", "2024-04-01", null, 100m));
        var results = Run(data, "2024-05-01", "2024-06-01", ["clv-subscription"], options: new MetricOptions { TrailingMonths = 4 });
        Assert.Equal(100m, results.Value("clv-subscription", "2024-05-01").Value);
    }
}
