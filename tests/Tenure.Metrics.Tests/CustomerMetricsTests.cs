using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Customers;
using Tenure.Metrics.Inputs;

using static Tenure.Metrics.Tests.TestData;

namespace Tenure.Metrics.Tests;

public class CustomerMetricsTests
{
    /// <summary>
    /// METRICS.md worked example (HubSpot): 1,000 customers at the start of May, 64 of them churn in
    /// May, 40 new customers join (none churn): churn 6.4 %, E = 976, net churn 2.4 %, retention 93.6 %.
    /// </summary>
    [Fact]
    public void Engine_HubSpotWorkedExample()
    {
        var subs = new List<SubscriptionPeriod>();
        for (var i = 0; i < 1000; i++)
            subs.Add(Sub($"old{i}", "2024-01-01", i < 64 ? "2024-05-15" : null, 100m));
        for (var i = 0; i < 40; i++)
            subs.Add(Sub($"new{i}", "2024-05-10", null, 100m));

        var results = Compute(WithSubscriptions([.. subs]), "2024-05-01", "2024-06-01",
            "customers", "new-customers", "churned-customers", "churn-rate", "net-customer-churn-rate", "retention-rate", "retained-customers");

        Assert.Equal(976m, results.Value("customers", "2024-05-01").Value);
        Assert.Equal(40m, results.Value("new-customers", "2024-05-01").Value);
        Assert.Equal(64m, results.Value("churned-customers", "2024-05-01").Value);
        var churn = results.Value("churn-rate", "2024-05-01");
        Assert.Equal(6.4m, churn.Value);
        Assert.Equal(64m, churn.Numerator);
        Assert.Equal(1000m, churn.Denominator);
        Assert.Equal(2.4m, results.Value("net-customer-churn-rate", "2024-05-01").Value);
        Assert.Equal(93.6m, results.Value("retention-rate", "2024-05-01").Value);
        Assert.Equal(936m, results.Value("retained-customers", "2024-05-01").Value);
    }

    /// <summary>
    /// Accounts whose MRR stays put for months between changes (the ledger steps over such runs at once).
    /// a: 100 from 1 Jan 2024, open. b: 50 from 1 Jan, 80 from 1 Apr (expansion 30), ends 15 Jul (churn 80).
    /// c: 30 from 10 Mar (new), ends 1 May (churn in May: the end is exclusive). d: 20 from 1 Jun 2023 to 1 Sep 2023, then
    /// 40 from 1 Jun 2024 (reactivation). Closing, by hand: Jan and Feb a + b = 2 customers, 150; Mar + c = 3, 180;
    /// Apr b at 80 = 3, 210; May - c = 2, 180; Jun + d = 3, 220; Jul - b = 2, 140; Aug 2, 140.
    /// </summary>
    [Fact]
    public void Engine_UnchangedRunsBetweenChanges_ClosingCountsAndMrrEachMonth()
    {
        var data = WithSubscriptions(
            Sub("a", "2024-01-01", null, 100m),
            Sub("b", "2024-01-01", "2024-04-01", 50m),
            Sub("b", "2024-04-01", "2024-07-15", 80m),
            Sub("c", "2024-03-10", "2024-05-01", 30m),
            Sub("d", "2023-06-01", "2023-09-01", 20m),
            Sub("d", "2024-06-01", null, 40m));
        var results = Compute(data, "2024-01-01", "2024-09-01",
            "customers", "mrr", "new-customers", "churned-customers", "expansion-mrr", "churned-mrr", "reactivation-mrr");
        string[] months = ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01", "2024-06-01", "2024-07-01", "2024-08-01"];
        decimal[] customers = [2, 2, 3, 3, 2, 3, 2, 2];
        decimal[] mrr = [150, 150, 180, 210, 180, 220, 140, 140];
        for (var m = 0; m < months.Length; m++)
        {
            Assert.Equal(customers[m], results.Value("customers", months[m]).Value);
            Assert.Equal(mrr[m], results.Value("mrr", months[m]).Value);
        }
        Assert.Equal(1m, results.Value("new-customers", "2024-03-01").Value);
        Assert.Equal(0m, results.Value("new-customers", "2024-06-01").Value);
        Assert.Equal(30m, results.Value("expansion-mrr", "2024-04-01").Value);
        Assert.Equal(1m, results.Value("churned-customers", "2024-05-01").Value);
        Assert.Equal(30m, results.Value("churned-mrr", "2024-05-01").Value);
        Assert.Equal(40m, results.Value("reactivation-mrr", "2024-06-01").Value);
        Assert.Equal(80m, results.Value("churned-mrr", "2024-07-01").Value);
        Assert.Equal(0m, results.Value("churned-mrr", "2024-08-01").Value);
    }

    [Fact]
    public void Calculate_HubSpotWorkedExample()
    {
        var churn = MetricCatalogue.Get("churn-rate").Calculate!(new CalcArguments(new Dictionary<string, decimal> { ["customers-at-start"] = 1000, ["churned"] = 64 }));
        Assert.Equal(6.4m, churn.Value);
        var net = MetricCatalogue.Get("net-customer-churn-rate").Calculate!(new CalcArguments(new Dictionary<string, decimal> { ["customers-at-start"] = 1000, ["customers-at-end"] = 976 }));
        Assert.Equal(2.4m, net.Value);
        var retention = MetricCatalogue.Get("retention-rate").Calculate!(new CalcArguments(new Dictionary<string, decimal> { ["customers-at-end"] = 976, ["new-customers"] = 40, ["customers-at-start"] = 1000 }));
        Assert.Equal(93.6m, retention.Value);
    }

    [Fact]
    public void ChurnRate_NewAndChurnedInsidePeriod_CountsChurnButNotInBase()
    {
        // a: customer since January, stays. b: joins 5 May, leaves 20 May.
        // S = 1 (a), churned = 1 (b), so churn-rate = 1 / 1 = 100 %; E = 1; N = 1; retention = (1 - 1) / 1 = 0 %.
        var data = WithSubscriptions(Sub("a", "2024-01-01", null, 100m), Sub("b", "2024-05-05", "2024-05-20", 60m));
        var results = Compute(data, "2024-05-01", "2024-06-01", "churn-rate", "customers", "new-customers", "retention-rate", "churned-customers");
        Assert.Equal(100m, results.Value("churn-rate", "2024-05-01").Value);
        Assert.Equal(1m, results.Value("customers", "2024-05-01").Value);
        Assert.Equal(1m, results.Value("new-customers", "2024-05-01").Value);
        Assert.Equal(1m, results.Value("churned-customers", "2024-05-01").Value);
        Assert.Equal(0m, results.Value("retention-rate", "2024-05-01").Value);
    }

    [Fact]
    public void ChurnRate_StopAndRestartInsidePeriod_IsRetainedNotChurned()
    {
        // a stops on 10 May and starts again on 20 May: a churn and a reactivation movement, but
        // active at the close, so not a churned customer and still retained.
        var data = WithSubscriptions(Sub("a", "2024-01-01", "2024-05-10", 100m), Sub("a", "2024-05-20", null, 100m));
        var results = Compute(data, "2024-05-01", "2024-06-01", "churned-customers", "retained-customers", "churn-rate", "churned-mrr", "reactivation-mrr");
        Assert.Equal(0m, results.Value("churned-customers", "2024-05-01").Value);
        Assert.Equal(1m, results.Value("retained-customers", "2024-05-01").Value);
        Assert.Equal(0m, results.Value("churn-rate", "2024-05-01").Value);
        Assert.Equal(100m, results.Value("churned-mrr", "2024-05-01").Value);
        Assert.Equal(100m, results.Value("reactivation-mrr", "2024-05-01").Value);
    }

    [Fact]
    public void Customers_EndDateIsExclusive_ChurnBelongsToThePeriodHoldingTheEnd()
    {
        // Ends on 2024-06-01: covered through 31 May, so active at May's close and churned in June.
        var data = WithSubscriptions(Sub("a", "2024-01-01", "2024-06-01", 100m));
        var results = Compute(data, "2024-05-01", "2024-07-01", "customers", "churned-customers");
        Assert.Equal(1m, results.Value("customers", "2024-05-01").Value);
        Assert.Equal(0m, results.Value("churned-customers", "2024-05-01").Value);
        Assert.Equal(0m, results.Value("customers", "2024-06-01").Value);
        Assert.Equal(1m, results.Value("churned-customers", "2024-06-01").Value);
    }

    [Fact]
    public void ChurnRate_NoCustomersAtStart_HasNoValue()
    {
        var data = WithSubscriptions(Sub("a", "2024-05-05", null, 100m));
        var results = Compute(data, "2024-05-01", "2024-06-01", "churn-rate", "net-customer-churn-rate", "retention-rate");
        foreach (var r in results)
        {
            Assert.Null(r.Value.Value);
            Assert.Equal(0m, r.Value.Denominator);
        }
    }

    [Fact]
    public void Engine_EmptySubscriptions_CountsZeroAndRatiosHaveNoValue()
    {
        var results = Compute(WithSubscriptions(), "2024-01-01", "2024-03-01", "customers", "churn-rate", "mrr");
        Assert.Equal(6, results.Count);
        Assert.All(results.Where(r => r.Metric == "customers"), r => Assert.Equal(0m, r.Value.Value));
        Assert.All(results.Where(r => r.Metric == "mrr"), r => Assert.Equal(0m, r.Value.Value));
        Assert.All(results.Where(r => r.Metric == "churn-rate"), r => Assert.Null(r.Value.Value));
        Assert.All(results, r => Assert.Null(r.Unavailable));
    }

    [Fact]
    public void Engine_SubscriptionsAbsent_ReportsUnavailableNotZero()
    {
        var data = new TenureDataSet { Present = InputKind.Accounts, Accounts = [Acct("a")] };
        var results = Compute(data, "2024-01-01", "2024-03-01", "customers");
        Assert.Equal(2, results.Count);
        Assert.All(results, r =>
        {
            Assert.Null(r.Value.Value);
            Assert.Equal("needs subscriptions.csv", r.Unavailable);
        });
    }

    [Fact]
    public void ReactivatedCustomer_IsNotNew_AndCountsInRetentionNumerator()
    {
        // a paid in January only and comes back on 10 April; b is a steady customer.
        // April: S = 1 (b), E = 2 (a, b), N = 0 (a is reactivated, not new): retention = (2 - 0) / 1 = 200 %.
        var data = WithSubscriptions(
            Sub("a", "2024-01-01", "2024-02-01", 100m), Sub("a", "2024-04-10", null, 80m),
            Sub("b", "2023-01-01", null, 50m));
        var results = Compute(data, "2024-01-01", "2024-05-01", "new-customers", "retention-rate", "reactivation-mrr", "new-mrr");
        Assert.Equal(0m, results.Value("new-customers", "2024-04-01").Value);
        Assert.Equal(200m, results.Value("retention-rate", "2024-04-01").Value);
        Assert.Equal(80m, results.Value("reactivation-mrr", "2024-04-01").Value);
        Assert.Equal(0m, results.Value("new-mrr", "2024-04-01").Value);
        Assert.Equal(1m, results.Value("new-customers", "2024-01-01").Value);
        Assert.Equal(100m, results.Value("new-mrr", "2024-01-01").Value);
    }

    [Fact]
    public void RenewalRate_FixedTermsAndOpenTerms()
    {
        var data = WithSubscriptions(
            // f: yearly contract ends 1 Jun 2024 and the next starts the same day: renewed in June.
            Sub("f", "2023-06-01", "2024-06-01", 1200m, BillingInterval.Year), Sub("f", "2024-06-01", "2025-06-01", 1200m, BillingInterval.Year),
            // g: yearly contract ends 1 Jul 2024, nothing after: up in July, not renewed.
            Sub("g", "2023-07-01", "2024-07-01", 1200m, BillingInterval.Year),
            // h: a term ends 1 Aug 2024; a new period starts 20 Aug, within 30 days: renewed in August.
            Sub("h", "2023-08-01", "2024-08-01", 5000m, BillingInterval.Term), Sub("h", "2024-08-20", null, 100m),
            // k: a term ends 1 Sep 2024; the next starts 15 Oct, 44 days later: not renewed.
            Sub("k", "2023-09-01", "2024-09-01", 5000m, BillingInterval.Term), Sub("k", "2024-10-15", null, 100m),
            // i: open quarterly from 15 Jan 2024: anniversaries 15 Apr, 15 Jul, 15 Oct fall in the range, each renewed.
            Sub("i", "2024-01-15", null, 300m, BillingInterval.Quarter),
            // m: monthly periods are not contracts and never count.
            Sub("m", "2024-01-01", "2024-06-01", 100m));
        var results = Compute(data, "2024-01-01", "2025-01-01", "renewal-rate");
        Assert.Null(results.Value("renewal-rate", "2024-03-01").Value);        // nothing up
        Assert.Equal(100m, results.Value("renewal-rate", "2024-04-01").Value); // i: 1 / 1
        Assert.Equal(100m, results.Value("renewal-rate", "2024-06-01").Value); // f: 1 / 1 (m's end is not a contract)
        var july = results.Value("renewal-rate", "2024-07-01");                 // g not renewed, i renewed: 1 / 2
        Assert.Equal(50m, july.Value);
        Assert.Equal(1m, july.Numerator);
        Assert.Equal(2m, july.Denominator);
        Assert.Equal(100m, results.Value("renewal-rate", "2024-08-01").Value); // h
        Assert.Equal(0m, results.Value("renewal-rate", "2024-09-01").Value);   // k: 0 / 1
        Assert.Equal(100m, results.Value("renewal-rate", "2024-10-01").Value); // i
    }

    [Fact]
    public void Segments_AllIsTheMergeOfSegmentTallies()
    {
        // plan p1: a (stays), b (churns in May); plan p2: c (stays). S = 3, churned = 1.
        // p1: 1 / 2 = 50 %; p2: 0 / 1 = 0 %; all: 1 / 3 = 33.33 % (not the 25 % mean of the segment figures).
        var data = new TenureDataSet
        {
            Accounts = [Acct("a", plan: "p1"), Acct("b", plan: "p1"), Acct("c", plan: "p2")],
            Subscriptions = [Sub("a", "2024-01-01", null, 10m), Sub("b", "2024-01-01", "2024-05-15", 10m), Sub("c", "2024-01-01", null, 10m)],
            Present = InputKind.Accounts | InputKind.Subscriptions,
        };
        var results = Engine.MetricEngine.Compute(data, new Engine.MetricRequest(D("2024-05-01"), D("2024-06-01"), Periods.Granularity.Month, Engine.SegmentBy.Plan, ["churn-rate"]));
        Assert.Equal(50m, results.Value("churn-rate", "2024-05-01", "plan=p1").Value);
        Assert.Equal(0m, results.Value("churn-rate", "2024-05-01", "plan=p2").Value);
        var all = results.Value("churn-rate", "2024-05-01");
        Assert.Equal(1m, all.Numerator);
        Assert.Equal(3m, all.Denominator);
        Assert.Equal(33.33m, decimal.Round(all.Value!.Value, 2));
    }

    [Fact]
    public void Segments_Cohort_IsTheMonthOfTheFirstPayingPeriod()
    {
        var data = WithSubscriptions(Sub("a", "2024-01-20", null, 10m), Sub("b", "2024-02-03", null, 10m), Sub("c", "2024-02-28", null, 10m));
        var results = Engine.MetricEngine.Compute(data, new Engine.MetricRequest(D("2024-03-01"), D("2024-04-01"), Periods.Granularity.Month, Engine.SegmentBy.Cohort, ["customers"]));
        Assert.Equal(1m, results.Value("customers", "2024-03-01", "cohort=2024-01").Value);
        Assert.Equal(2m, results.Value("customers", "2024-03-01", "cohort=2024-02").Value);
        Assert.Equal(3m, results.Value("customers", "2024-03-01").Value);
    }

    [Fact]
    public void Definitions_EveryRatioHasACalculator()
    {
        Assert.All(CustomerMetrics.Definitions.Where(d => d.IsRatio), d => Assert.NotNull(d.Calculate));
    }
}
