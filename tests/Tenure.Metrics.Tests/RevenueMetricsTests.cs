using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Subscriptions;

using static Tenure.Metrics.Tests.TestData;

namespace Tenure.Metrics.Tests;

public class RevenueMetricsTests
{
    [Fact]
    public void NormalisedMrr_EveryInterval()
    {
        Assert.Equal(100m, NormalisedMrr.Of(Sub("a", "2024-01-01", null, 1200m, BillingInterval.Year)));
        Assert.Equal(100m, NormalisedMrr.Of(Sub("a", "2024-01-01", null, 300m, BillingInterval.Quarter)));
        Assert.Equal(52m, NormalisedMrr.Of(Sub("a", "2024-01-01", null, 12m, BillingInterval.Week)));        // 12 x 52 / 12
        Assert.Equal(30.416666667m, NormalisedMrr.Of(Sub("a", "2024-01-01", null, 1m, BillingInterval.Day))); // 365 / 12, 9 decimals
        // 3 seats x 20 - 10 discount = 50 a month.
        Assert.Equal(50m, NormalisedMrr.Of(Sub("a", "2024-01-01", null, 20m, BillingInterval.Month, quantity: 3m, discount: 10m)));
        // A term of 1,200 over 2024 (366 days, a leap year) = 1200 / (366 / (365/12)) = 438000 / 4392 = 99.72677595628...
        Assert.Equal(99.726775956m, NormalisedMrr.Of(Sub("a", "2024-01-01", "2025-01-01", 1200m, BillingInterval.Term)));
        // Not paying: 10 - 10 discount = 0.
        Assert.Equal(0m, NormalisedMrr.Of(Sub("a", "2024-01-01", null, 10m, discount: 10m)));
    }

    [Fact]
    public void Movements_SameDayPlanSwitch_IsOneExpansion()
    {
        // 100 -> 150 on 1 March by ending one row and starting another the same day: expansion 50, no churn, no new.
        var data = WithSubscriptions(Sub("a", "2024-01-01", "2024-03-01", 100m, id: "s1"), Sub("a", "2024-03-01", null, 150m, id: "s2"));
        var r = Compute(data, "2024-03-01", "2024-04-01", "expansion-mrr", "churned-mrr", "new-mrr", "upsells", "mrr", "churned-customers", "new-customers");
        Assert.Equal(50m, r.Value("expansion-mrr", "2024-03-01").Value);
        Assert.Equal(0m, r.Value("churned-mrr", "2024-03-01").Value);
        Assert.Equal(0m, r.Value("new-mrr", "2024-03-01").Value);
        Assert.Equal(1m, r.Value("upsells", "2024-03-01").Value);
        Assert.Equal(150m, r.Value("mrr", "2024-03-01").Value);
        Assert.Equal(0m, r.Value("churned-customers", "2024-03-01").Value);
        Assert.Equal(0m, r.Value("new-customers", "2024-03-01").Value);
    }

    [Fact]
    public void Movements_SameDaySwitchToEqualPrice_NetsToNoMovement()
    {
        var data = WithSubscriptions(Sub("a", "2024-01-01", "2024-03-10", 100m, id: "s1"), Sub("a", "2024-03-10", null, 100m, id: "s2"));
        var r = Compute(data, "2024-03-01", "2024-04-01", "net-new-mrr", "upsells", "downgrades", "churned-mrr");
        Assert.Equal(0m, r.Value("net-new-mrr", "2024-03-01").Value);
        Assert.Equal(0m, r.Value("upsells", "2024-03-01").Value);
        Assert.Equal(0m, r.Value("downgrades", "2024-03-01").Value);
        Assert.Equal(0m, r.Value("churned-mrr", "2024-03-01").Value);
    }

    [Fact]
    public void Movements_Downgrade_AndMoveToZeroPlanIsChurn()
    {
        // a: 100 -> 60 on 10 Feb (contraction 40). b: 80 -> a $0 plan on 1 Mar (churn 80, as Baremetrics counts it).
        var data = WithSubscriptions(
            Sub("a", "2024-01-01", "2024-02-10", 100m, id: "a1"), Sub("a", "2024-02-10", null, 60m, id: "a2"),
            Sub("b", "2024-01-01", "2024-03-01", 80m, id: "b1"), Sub("b", "2024-03-01", null, 0m, id: "b2"));
        var r = Compute(data, "2024-02-01", "2024-04-01", "contraction-mrr", "downgrades", "churned-mrr", "churned-customers", "mrr");
        Assert.Equal(40m, r.Value("contraction-mrr", "2024-02-01").Value);
        Assert.Equal(1m, r.Value("downgrades", "2024-02-01").Value);
        Assert.Equal(80m, r.Value("churned-mrr", "2024-03-01").Value);
        Assert.Equal(1m, r.Value("churned-customers", "2024-03-01").Value);
        Assert.Equal(60m, r.Value("mrr", "2024-03-01").Value);
    }

    [Fact]
    public void Mrr_ArrArpaAndRates()
    {
        // Opening March: a 100, b 200, c 300 (600). In March: a +50, b -20, c churns, d new 400.
        // Closing = 150 + 180 + 400 = 730 = 600 + 400 + 50 - 20 - 300.
        var data = WithSubscriptions(
            Sub("a", "2024-01-01", "2024-03-05", 100m, id: "a1"), Sub("a", "2024-03-05", null, 150m, id: "a2"),
            Sub("b", "2024-01-01", "2024-03-07", 200m, id: "b1"), Sub("b", "2024-03-07", null, 180m, id: "b2"),
            Sub("c", "2024-01-01", "2024-03-09", 300m),
            Sub("d", "2024-03-11", null, 400m));
        var r = Compute(data, "2024-03-01", "2024-04-01",
            "mrr", "arr", "arpa", "net-new-mrr", "gross-mrr-churn-rate", "net-mrr-churn-rate", "net-revenue-retention",
            "gross-revenue-retention", "quick-ratio", "new-arr", "churned-arr", "expansion-arr", "contraction-arr");
        const string m = "2024-03-01";
        Assert.Equal(730m, r.Value("mrr", m).Value);
        Assert.Equal(8760m, r.Value("arr", m).Value);
        AssertNear(730m / 3m, r.Value("arpa", m).Value);
        Assert.Equal(130m, r.Value("net-new-mrr", m).Value);
        AssertNear(320m / 600m * 100m, r.Value("gross-mrr-churn-rate", m).Value);      // (300 + 20) / 600
        AssertNear(270m / 600m * 100m, r.Value("net-mrr-churn-rate", m).Value);        // (300 + 20 - 50) / 600
        Assert.Equal(55m, r.Value("net-revenue-retention", m).Value);                   // (600 + 50 - 20 - 300) / 600 = 330 / 600
        AssertNear(280m / 600m * 100m, r.Value("gross-revenue-retention", m).Value);  // (600 - 20 - 300) / 600
        AssertNear(450m / 320m, r.Value("quick-ratio", m).Value);                     // (400 + 50) / (20 + 300)
        Assert.Equal(4800m, r.Value("new-arr", m).Value);
        Assert.Equal(3600m, r.Value("churned-arr", m).Value);
        Assert.Equal(600m, r.Value("expansion-arr", m).Value);
        Assert.Equal(240m, r.Value("contraction-arr", m).Value);
    }

    [Fact]
    public void NetRevenueRetention_LeavesOutNewAccountsMovements()
    {
        // x: 100 at the opening, expands to 150. y: new in the period at 200, then expands to 300.
        // NRR counts only x: (100 + 50) / 100 = 150 %; GRR = 100 %; expansion-mrr counts both = 150.
        var data = WithSubscriptions(
            Sub("x", "2024-01-01", "2024-05-10", 100m, id: "x1"), Sub("x", "2024-05-10", null, 150m, id: "x2"),
            Sub("y", "2024-05-02", "2024-05-20", 200m, id: "y1"), Sub("y", "2024-05-20", null, 300m, id: "y2"));
        var r = Compute(data, "2024-05-01", "2024-06-01", "net-revenue-retention", "gross-revenue-retention", "expansion-mrr");
        Assert.Equal(150m, r.Value("net-revenue-retention", "2024-05-01").Value);
        Assert.Equal(100m, r.Value("gross-revenue-retention", "2024-05-01").Value);
        Assert.Equal(150m, r.Value("expansion-mrr", "2024-05-01").Value);
    }

    [Fact]
    public void ExpansionRevenue_AddsOneOffUpsellsOfExistingCustomersOnly()
    {
        // a (customer since Jan) expands 100 -> 130 in May and buys a one-off add_on of 500 in May;
        // b is new in May and buys an upsell of 200 (not a customer before May: left out).
        // Refunds lower the revenue invoiced but never MRR.
        var data = new TenureDataSet
        {
            Subscriptions =
            [
                Sub("a", "2024-01-01", "2024-05-15", 100m, id: "a1"), Sub("a", "2024-05-15", null, 130m, id: "a2"),
                Sub("b", "2024-05-03", null, 50m),
            ],
            Invoices =
            [
                new Invoice("i1", "a", D("2024-05-01"), 100m, InvoiceKind.Recurring),
                new Invoice("i2", "a", D("2024-05-20"), 500m, InvoiceKind.OneOff, "add_on"),
                new Invoice("i3", "b", D("2024-05-03"), 50m, InvoiceKind.Recurring),
                new Invoice("i4", "b", D("2024-05-04"), 200m, InvoiceKind.OneOff, "upsell"),
                new Invoice("i5", "a", D("2024-05-25"), 50m, InvoiceKind.Refund),
                new Invoice("i6", "a", D("2024-05-26"), 70m, InvoiceKind.OneOff, "services"),
            ],
            Present = InputKind.Subscriptions | InputKind.Invoices,
        };
        var r = Compute(data, "2024-05-01", "2024-06-01", "expansion-revenue", "expansion-revenue-share", "mrr");
        Assert.Equal(530m, r.Value("expansion-revenue", "2024-05-01").Value);               // 30 + 500
        var share = r.Value("expansion-revenue-share", "2024-05-01");
        Assert.Equal(530m, share.Numerator);
        Assert.Equal(870m, share.Denominator);                                             // 100 + 500 + 50 + 200 + 70 - 50
        AssertNear(530m / 870m * 100m, share.Value);
        Assert.Equal(180m, r.Value("mrr", "2024-05-01").Value);
    }

    [Fact]
    public void Calculate_RevenueFormulas()
    {
        static decimal? Calc(string id, params (string, decimal)[] inputs) =>
            MetricCatalogue.Get(id).Calculate!(new CalcArguments(inputs.ToDictionary(i => i.Item1, i => i.Item2))).Value;

        Assert.Equal(1200m, Calc("arr", ("mrr", 100m)));
        Assert.Equal(55m, Calc("net-revenue-retention", ("opening-mrr", 600m), ("expansion-mrr", 50m), ("contraction-mrr", 20m), ("churned-mrr", 300m)));
        Assert.Null(Calc("gross-mrr-churn-rate", ("churned-mrr", 1m), ("contraction-mrr", 0m), ("opening-mrr", 0m)));
        Assert.Equal(2m, Calc("quick-ratio", ("new", 100m), ("expansion", 100m), ("contraction", 50m), ("churned", 50m)));
    }
}
