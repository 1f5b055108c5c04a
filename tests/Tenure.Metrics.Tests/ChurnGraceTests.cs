using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;

using static Tenure.Metrics.Tests.MetricRun;
using static Tenure.Metrics.Tests.TestData;

namespace Tenure.Metrics.Tests;

/// <summary>
/// METRICS.md "Churn grace": a gap in paid coverage shorter than the grace is covered at the MRR of just
/// before the gap (no churn, no reactivation, still a customer; the new start is an expansion or a
/// contraction); a gap of the grace or longer, or no return at all, is churn at the original end.
/// </summary>
public class ChurnGraceTests
{
    private static readonly string[] Customers =
        ["customers", "churned-customers", "churn-rate", "retained-customers", "new-customers", "renewal-rate"];

    private static readonly string[] Revenue =
        ["mrr", "arpa", "churned-mrr", "reactivation-mrr", "contraction-mrr", "expansion-mrr", "downgrades", "upsells",
         "net-revenue-retention", "gross-revenue-retention"];

    /// <summary>
    /// The bug report: an annual customer at 95,604 a year (95,604 / 12 = 7,967 MRR) whose contract ends
    /// on 1 January 2026 renews 6 days late, on 7 January, with fewer seats at 74,268 a year (74,268 / 12 =
    /// 6,189 MRR). The gap is 1 to 7 January: 6 days.
    /// </summary>
    private static TenureDataSet LateAnnualRenewal() => WithSubscriptions(
        Sub("acme", "2025-01-01", "2026-01-01", 95_604m, BillingInterval.Year, id: "y1"),
        Sub("acme", "2026-01-07", "2027-01-07", 74_268m, BillingInterval.Year, id: "y2"));

    private static IReadOnlyList<Engine.MetricResult> January(TenureDataSet data, int graceDays, string from = "2026-01-01") =>
        Run(data, from, "2026-02-01", [.. Customers, .. Revenue], options: new MetricOptions { ChurnGraceDays = graceDays });

    [Fact]
    public void LateRenewal_WithinGrace_IsOneContraction()
    {
        // Grace 7 > gap 6: the gap is covered at 7,967; on 7 January 7,967 -> 6,189 is a contraction of 7,967 - 6,189 = 1,778.
        var r = January(LateAnnualRenewal(), graceDays: 7);
        const string jan = "2026-01-01";
        Assert.Equal(1_778m, r.Value("contraction-mrr", jan).Value);
        Assert.Equal(1m, r.Value("downgrades", jan).Value);
        Assert.Equal(0m, r.Value("churned-mrr", jan).Value);
        Assert.Equal(0m, r.Value("reactivation-mrr", jan).Value);
        Assert.Equal(0m, r.Value("expansion-mrr", jan).Value);
        Assert.Equal(6_189m, r.Value("mrr", jan).Value);
        Assert.Equal(6_189m, r.Value("arpa", jan).Value);
        // A customer throughout: S = E = 1, nobody churned, retained 1 - 0 = 1.
        Assert.Equal(1m, r.Value("customers", jan).Value);
        Assert.Equal(0m, r.Value("churned-customers", jan).Value);
        Assert.Equal(0m, r.Value("churn-rate", jan).Value);
        Assert.Equal(1m, r.Value("retained-customers", jan).Value);
        Assert.Equal(0m, r.Value("new-customers", jan).Value);
        // NRR = GRR = (7,967 - 1,778) / 7,967 x 100 = 6,189 / 7,967 x 100.
        AssertNear(6_189m / 7_967m * 100m, r.Value("net-revenue-retention", jan).Value);
        AssertNear(6_189m / 7_967m * 100m, r.Value("gross-revenue-retention", jan).Value);
        // The contract ending 1 January renewed (covered through the gap): 1 / 1.
        Assert.Equal(100m, r.Value("renewal-rate", jan).Value);
    }

    [Fact]
    public void LateRenewal_WithoutGrace_IsChurnAndReactivation_AsBefore()
    {
        // Grace 0: churn 7,967 on 1 January, reactivation 6,189 on 7 January; active again at the close,
        // so not a churned customer (METRICS.md: stops and starts inside one period).
        var r = January(LateAnnualRenewal(), graceDays: 0);
        const string jan = "2026-01-01";
        Assert.Equal(7_967m, r.Value("churned-mrr", jan).Value);
        Assert.Equal(6_189m, r.Value("reactivation-mrr", jan).Value);
        Assert.Equal(0m, r.Value("contraction-mrr", jan).Value);
        Assert.Equal(6_189m, r.Value("mrr", jan).Value);
        Assert.Equal(1m, r.Value("customers", jan).Value);
        Assert.Equal(0m, r.Value("churned-customers", jan).Value);
        // NRR counts the opening base's churn but not its reactivation: (7,967 - 7,967) / 7,967 = 0 %.
        Assert.Equal(0m, r.Value("net-revenue-retention", jan).Value);
    }

    [Theory]
    [InlineData(5)] // shorter than the gap
    [InlineData(6)] // exactly the gap: "shorter than the grace" is false, so churn
    public void LateRenewal_GapNotShorterThanGrace_IsChurn(int graceDays)
    {
        var r = January(LateAnnualRenewal(), graceDays);
        const string jan = "2026-01-01";
        Assert.Equal(7_967m, r.Value("churned-mrr", jan).Value);
        Assert.Equal(6_189m, r.Value("reactivation-mrr", jan).Value);
        Assert.Equal(0m, r.Value("contraction-mrr", jan).Value);
    }

    [Fact]
    public void LateRenewal_WithMoreSeats_IsOneExpansion()
    {
        // 1,200 / month until 10 March, back on 12 March at 1,500: grace 3 > 2 days -> expansion 300.
        var data = WithSubscriptions(Sub("a", "2024-01-10", "2024-03-10", 1_200m, id: "m1"), Sub("a", "2024-03-12", null, 1_500m, id: "m2"));
        var r = Run(data, "2024-03-01", "2024-04-01", Revenue, options: new MetricOptions { ChurnGraceDays = 3 });
        Assert.Equal(300m, r.Value("expansion-mrr", "2024-03-01").Value);
        Assert.Equal(1m, r.Value("upsells", "2024-03-01").Value);
        Assert.Equal(0m, r.Value("churned-mrr", "2024-03-01").Value);
        Assert.Equal(0m, r.Value("reactivation-mrr", "2024-03-01").Value);
    }

    [Fact]
    public void GapIsCoveredAtTheMrrJustBeforeIt()
    {
        // Two subscriptions: 100 until 10 Jan (a contraction of 100), 50 until 20 Jan; back on 25 Jan at 80.
        // Just before the gap the MRR is 50, so with grace 7 (gap 5 days) 25 Jan is an expansion of 80 - 50 = 30.
        var data = WithSubscriptions(
            Sub("a", "2023-12-01", "2024-01-10", 100m, id: "s1"),
            Sub("a", "2023-12-01", "2024-01-20", 50m, id: "s2"),
            Sub("a", "2024-01-25", null, 80m, id: "s3"));
        var r = Run(data, "2024-01-01", "2024-02-01", Revenue, options: new MetricOptions { ChurnGraceDays = 7 });
        Assert.Equal(100m, r.Value("contraction-mrr", "2024-01-01").Value);
        Assert.Equal(30m, r.Value("expansion-mrr", "2024-01-01").Value);
        Assert.Equal(0m, r.Value("churned-mrr", "2024-01-01").Value);
        // 150 - 100 + 30 = 80.
        Assert.Equal(80m, r.Value("mrr", "2024-01-01").Value);
    }

    [Fact]
    public void GapAcrossAPeriodBoundary_KeepsTheCustomerAtTheClose()
    {
        // Annual at 7,967 MRR ends 29 Dec 2025; renews 4 Jan 2026 at 6,189: a 6-day gap across the month end.
        var data = WithSubscriptions(
            Sub("acme", "2024-12-29", "2025-12-29", 95_604m, BillingInterval.Year, id: "y1"),
            Sub("acme", "2026-01-04", "2027-01-04", 74_268m, BillingInterval.Year, id: "y2"));
        var grace = Run(data, "2025-12-01", "2026-02-01", [.. Customers, .. Revenue], options: new MetricOptions { ChurnGraceDays = 7 });
        // December closes inside the gap: still a customer at the pre-gap 7,967, no churn.
        Assert.Equal(1m, grace.Value("customers", "2025-12-01").Value);
        Assert.Equal(7_967m, grace.Value("mrr", "2025-12-01").Value);
        Assert.Equal(0m, grace.Value("churned-customers", "2025-12-01").Value);
        Assert.Equal(0m, grace.Value("churned-mrr", "2025-12-01").Value);
        // January opens at 7,967 and contracts by 1,778 on 4 January.
        Assert.Equal(1_778m, grace.Value("contraction-mrr", "2026-01-01").Value);
        Assert.Equal(0m, grace.Value("reactivation-mrr", "2026-01-01").Value);
        Assert.Equal(6_189m, grace.Value("mrr", "2026-01-01").Value);

        // Without grace: churned in December (not active at its close), reactivated in January.
        var none = Run(data, "2025-12-01", "2026-02-01", [.. Customers, .. Revenue]);
        Assert.Equal(0m, none.Value("customers", "2025-12-01").Value);
        Assert.Equal(1m, none.Value("churned-customers", "2025-12-01").Value);
        Assert.Equal(7_967m, none.Value("churned-mrr", "2025-12-01").Value);
        Assert.Equal(6_189m, none.Value("reactivation-mrr", "2026-01-01").Value);
    }

    [Fact]
    public void NeverComesBack_ChurnsAtTheOriginalEnd()
    {
        // The contract ends 1 Jan 2026 and nothing follows: with a 30-day grace it is still churn, in January,
        // the period of the original end (known for sure only once the grace has passed, 31 January).
        var data = WithSubscriptions(Sub("acme", "2025-01-01", "2026-01-01", 95_604m, BillingInterval.Year));
        var r = Run(data, "2025-12-01", "2026-03-01", [.. Customers, .. Revenue], options: new MetricOptions { ChurnGraceDays = 30 });
        Assert.Equal(1m, r.Value("customers", "2025-12-01").Value);
        Assert.Equal(7_967m, r.Value("churned-mrr", "2026-01-01").Value);
        Assert.Equal(1m, r.Value("churned-customers", "2026-01-01").Value);
        Assert.Equal(100m, r.Value("churn-rate", "2026-01-01").Value);
        Assert.Equal(0m, r.Value("customers", "2026-01-01").Value);
        Assert.Equal(0m, r.Value("churned-mrr", "2026-02-01").Value);
        Assert.Equal(0m, r.Value("renewal-rate", "2026-01-01").Value);
    }

    [Fact]
    public void ComesBackAfterTheGrace_ChurnsAtTheOriginalEnd_AndReactivates()
    {
        // Ends 1 Jan, back 15 Feb (45 days): longer than a 30-day grace, so churn in January, reactivation in February.
        var data = WithSubscriptions(
            Sub("a", "2025-06-01", "2026-01-01", 100m, id: "m1"),
            Sub("a", "2026-02-15", null, 120m, id: "m2"));
        var r = Run(data, "2026-01-01", "2026-03-01", [.. Customers, .. Revenue], options: new MetricOptions { ChurnGraceDays = 30 });
        Assert.Equal(100m, r.Value("churned-mrr", "2026-01-01").Value);
        Assert.Equal(1m, r.Value("churned-customers", "2026-01-01").Value);
        Assert.Equal(120m, r.Value("reactivation-mrr", "2026-02-01").Value);
        Assert.Equal(0m, r.Value("expansion-mrr", "2026-02-01").Value);
    }

    [Fact]
    public void Drilldown_AddsUpToTheCard_WithGrace()
    {
        var data = LateAnnualRenewal();
        var options = new MetricOptions { ChurnGraceDays = 7 };
        var january = new Period(D("2026-01-01"), D("2026-02-01"), Granularity.Month);
        var contraction = AccountDrilldown.Drill(data, "contraction-mrr", january, SegmentFilter.All, options);
        Assert.Equal("acme", Assert.Single(contraction.Accounts).AccountId);
        Assert.Equal(1_778m, contraction.Total);
        Assert.Empty(AccountDrilldown.Drill(data, "churned-mrr", january, SegmentFilter.All, options).Accounts);
        Assert.Empty(AccountDrilldown.Drill(data, "reactivation-mrr", january, SegmentFilter.All, options).Accounts);
        Assert.Equal(6_189m, AccountDrilldown.Drill(data, "mrr", january, SegmentFilter.All, options).Total);
        // Without the options, the drill-down is today's: churn 7,967 and reactivation 6,189.
        Assert.Equal(7_967m, AccountDrilldown.Drill(data, "churned-mrr", january, SegmentFilter.All).Total);
        Assert.Equal(6_189m, AccountDrilldown.Drill(data, "reactivation-mrr", january, SegmentFilter.All).Total);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(MetricOptions.MaxChurnGraceDays + 1)]
    public void Options_RejectGraceOutsideItsRange(int graceDays) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MetricOptions { ChurnGraceDays = graceDays });
}
