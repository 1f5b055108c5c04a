using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

using static Tenure.Metrics.Tests.MetricRun;
using static Tenure.Metrics.Tests.TestData;

namespace Tenure.Metrics.Tests;

public class GrowthCalculatorTests
{
    private static readonly Account[] Accounts = [Acct("a", csm: "ann"), Acct("b", csm: "bob"), Acct("c", csm: "bob"), Acct("d", csm: "bob"), Acct("z")];

    /// <summary>
    /// o1 a presented 2 May, accepted 10 May; o2 a presented 5 May, accepted 3 June (still May's conversion);
    /// o3, o4, o6 b presented in May, never accepted; o5 b presented and accepted in June.
    /// </summary>
    private static TenureDataSet Offers() => new()
    {
        Accounts = Accounts,
        Offers =
        [
            new("o1", "a", "upsell", D("2024-05-02"), D("2024-05-10")),
            new("o2", "a", "cross_sell", D("2024-05-05"), D("2024-06-03")),
            new("o3", "b", "upsell", D("2024-05-20")),
            new("o4", "b", "upsell", T("2024-05-31T23:59")),
            new("o6", "b", "upsell", D("2024-05-25")),
            new("o5", "b", "upsell", D("2024-06-05"), D("2024-06-06")),
        ],
        Present = InputKind.Accounts | InputKind.Offers,
    };

    [Fact]
    public void UpsellConversionRate_ByPresentedAt_AcceptedAnyTime()
    {
        // May: 2 accepted / 5 presented = 40 % (ann 2 / 2 = 100 %, bob 0 / 3 = 0 %; not their mean).
        // June: 1 / 1 = 100 %. July: nothing presented: no value.
        var results = Run(Offers(), "2024-05-01", "2024-08-01", ["upsell-conversion-rate"], SegmentBy.Csm);
        var may = results.Value("upsell-conversion-rate", "2024-05-01");
        Assert.Equal(40m, may.Value);
        Assert.Equal(2m, may.Numerator);
        Assert.Equal(5m, may.Denominator);
        Assert.Equal(100m, results.Value("upsell-conversion-rate", "2024-05-01", "csm=ann").Value);
        Assert.Equal(0m, results.Value("upsell-conversion-rate", "2024-05-01", "csm=bob").Value);
        Assert.Equal(100m, results.Value("upsell-conversion-rate", "2024-06-01").Value);
        Assert.Null(results.Value("upsell-conversion-rate", "2024-07-01").Value);
    }

    [Fact]
    public void UpsellConversionRate_Calculate()
    {
        Assert.Equal(25m, Calc("upsell-conversion-rate", ("accepted", 5m), ("presented", 20m)).Value);
    }

    /// <summary>
    /// Customers a, b, c, d all of May and June. Referrals: a on 2 and 20 May (one account), b on 31 May,
    /// z (not a customer) on 10 May, c on 30 April.
    /// </summary>
    private static TenureDataSet Referrals() => new()
    {
        Accounts = Accounts,
        Subscriptions = [Sub("a", "2024-01-01", null, 100m), Sub("b", "2024-01-01", null, 100m), Sub("c", "2024-01-01", null, 100m), Sub("d", "2024-01-01", null, 100m)],
        Referrals =
        [
            new("r1", "a", D("2024-05-02")), new("r2", "a", D("2024-05-20")), new("r3", "b", T("2024-05-31T18:00")),
            new("r4", "z", D("2024-05-10")), new("r5", "c", D("2024-04-30")),
        ],
        Present = InputKind.Accounts | InputKind.Subscriptions | InputKind.Referrals,
    };

    [Fact]
    public void ReferralRate_DistinctReferringAccounts_OverClosingCustomers()
    {
        // May: a, b, z = 3 distinct accounts / E 4 = 75 %. June: 0 / 4 = 0 %.
        // By csm: ann (a) 1 / 1 = 100 %; bob (b, c, d) 1 / 3; z has no csm: 1 / 0 customers -> no value.
        var results = Run(Referrals(), "2024-05-01", "2024-07-01", ["referral-rate"], SegmentBy.Csm);
        var may = results.Value("referral-rate", "2024-05-01");
        Assert.Equal(75m, may.Value);
        Assert.Equal(3m, may.Numerator);
        Assert.Equal(4m, may.Denominator);
        Assert.Equal(0m, results.Value("referral-rate", "2024-06-01").Value);
        Assert.Equal(100m, results.Value("referral-rate", "2024-05-01", "csm=ann").Value);
        AssertNear(100m / 3m, results.Value("referral-rate", "2024-05-01", "csm=bob").Value);
        Assert.Null(results.Value("referral-rate", "2024-05-01", "csm=(none)").Value);
    }

    [Fact]
    public void ReferralRate_WithoutSubscriptions_IsUnavailable()
    {
        var data = new TenureDataSet { Referrals = Referrals().Referrals, Present = InputKind.Referrals };
        Assert.Equal("needs subscriptions.csv", Assert.Single(Run(data, "2024-05-01", "2024-06-01", ["referral-rate"])).Unavailable);
    }
}
