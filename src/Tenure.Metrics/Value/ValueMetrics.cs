using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Inputs;

using static Tenure.Metrics.Catalogue.Calc;

namespace Tenure.Metrics.Value;

/// <summary>The lifetime value and cost metrics of METRICS.md "Value and cost": their definitions and formulas.</summary>
public static class ValueMetrics
{
    public const string Clv = "clv";
    public const string ClvNet = "clv-net";
    public const string ClvSubscription = "clv-subscription";
    public const string Crc = "crc";
    public const string CrcPerRetained = "crc-per-retained";
    public const string Cac = "cac";

    /// <summary>Average purchase value: revenue invoiced (charges minus refunds) / number of charges; null without charges.</summary>
    public static decimal? AveragePurchaseValueOf(decimal revenue, decimal charges) =>
        charges == 0m ? null : revenue / charges;

    /// <summary>Purchase frequency: charges / distinct accounts with a charge / months in P; null without charges.</summary>
    public static decimal? PurchasesPerMonthOf(decimal charges, decimal accountsCharged, decimal months) =>
        accountsCharged == 0m || months == 0m ? null : charges / accountsCharged / months;

    /// <summary>
    /// Monthly churn in %: churn-rate / months in P = churned / S x 100 / months. Null when S is 0
    /// (no churn rate) or the period has no length.
    /// </summary>
    public static decimal? MonthlyChurnRateOf(decimal churned, decimal customersAtStart, decimal months) =>
        customersAtStart == 0m || months == 0m ? null : churned * 100m / (customersAtStart * months);

    /// <summary>
    /// Average lifespan in months from a monthly churn rate in %: 1 / (rate / 100). Null when there is
    /// no rate or it is 0 (nobody churns: the lifespan has no finite estimate).
    /// </summary>
    public static decimal? LifespanMonthsOf(decimal? monthlyChurnRate) =>
        monthlyChurnRate is { } rate && rate != 0m ? 100m / rate : null;

    /// <summary>CLV, purchase form (HubSpot, default): average purchase value x purchases per month x lifespan in months.</summary>
    public static MetricValue ClvOf(decimal averagePurchaseValue, decimal purchasesPerMonth, decimal lifespanMonths) =>
        MetricValue.Of(averagePurchaseValue * purchasesPerMonth * lifespanMonths);

    /// <summary>CLV net of acquisition (NetSuite): annual revenue per customer x lifespan in years - average acquisition cost.</summary>
    public static MetricValue ClvNetOf(decimal annualRevenuePerCustomer, decimal lifespanYears, decimal averageAcquisitionCost) =>
        MetricValue.Of(annualRevenuePerCustomer * lifespanYears - averageAcquisitionCost);

    /// <summary>Subscription LTV (ChartMogul): arpa / monthly churn, the churn given in % (so arpa x 100 / rate); no value when the churn is 0.</summary>
    public static MetricValue ClvSubscriptionOf(decimal arpa, decimal monthlyChurnRate) =>
        MetricValue.Ratio(arpa, monthlyChurnRate, 100m);

    /// <summary>Customer retention cost (HubSpot, default): retention costs in P / E.</summary>
    public static MetricValue CrcOf(decimal retentionCosts, decimal customers) =>
        MetricValue.Ratio(retentionCosts, customers, 1m);

    /// <summary>Customer retention cost per retained customer (NetSuite, Baton): retention costs in P / (S - churned accounts that were in S).</summary>
    public static MetricValue CrcPerRetainedOf(decimal retentionCosts, decimal retainedCustomers) =>
        MetricValue.Ratio(retentionCosts, retainedCustomers, 1m);

    /// <summary>Customer acquisition cost: acquisition costs in P / N.</summary>
    public static MetricValue CacOf(decimal acquisitionCosts, decimal newCustomers) =>
        MetricValue.Ratio(acquisitionCosts, newCustomers, 1m);

    private const string LifespanNote =
        "Lifespan in months is the configured one, or 1 / (churn-rate / 100 / months in P) from the period's own " +
        "churn; no value when nobody churned in P (no finite lifespan) or S is 0.";

    public static IReadOnlyList<MetricDefinition> Definitions { get; } =
    [
        new(Clv, "Customer lifetime value", MetricArea.Value, MetricUnit.Money,
            "average purchase value x purchases per customer per month x average lifespan in months",
            InputKind.Invoices | InputKind.Subscriptions, "HubSpot",
            [In("average-purchase-value", "revenue per purchase"), In("purchases-per-month", "purchases per customer per month"), In("lifespan-months", "average customer lifespan in months")],
            a => ClvOf(a["average-purchase-value"], a["purchases-per-month"], a["lifespan-months"]),
            Notes: "Average purchase value = revenue invoiced in P (charges minus refunds) / charges (recurring and one-off; refunds are not purchases); " +
                "purchases per month = charges / distinct accounts with a charge / months in P. " + LifespanNote +
                " subscriptions.csv is needed only when the lifespan is not configured.")
        { IsDefault = true, Better = Better.Higher },
        new(ClvNet, "Lifetime value less acquisition cost", MetricArea.Value, MetricUnit.Money,
            "annual revenue per customer x lifespan in years - average acquisition cost",
            InputKind.Subscriptions | InputKind.Accounts, "NetSuite",
            [In("annual-revenue-per-customer", "revenue per customer per year"), In("lifespan-years", "average customer lifespan in years"), In("average-acquisition-cost", "average cost to acquire a customer")],
            a => ClvNetOf(a["annual-revenue-per-customer"], a["lifespan-years"], a["average-acquisition-cost"]),
            Notes: "Annual revenue per customer = 12 x arpa (closing mrr / E). Average acquisition cost = mean accounts.acquisition_cost " +
                "of the closing customers (E) that have one; no value when none has one. " + LifespanNote)
        { Better = Better.Higher, Range = ValueRange.Any },
        new(ClvSubscription, "Subscription LTV", MetricArea.Value, MetricUnit.Money,
            "arpa / monthly churn", InputKind.Subscriptions, "ChartMogul",
            [In("arpa", "average revenue per account (mrr / customers)"), In("monthly-churn-rate", "customer churn per month, in %")],
            a => ClvSubscriptionOf(a["arpa"], a["monthly-churn-rate"]),
            Notes: "Monthly churn = churn-rate / months in P. With the trailing option (--trailing k) it is the mean churn-rate of the k whole " +
                "calendar months before the period (ChartMogul), each month's S and churned taken from the subscriptions; months with no " +
                "customers at their start have no rate and are left out of the mean. The numerator is arpa, the denominator the monthly churn in %; " +
                "no value when nobody churned.")
        { IsRatio = true, Better = Better.Higher },
        new(Crc, "Customer retention cost", MetricArea.Value, MetricUnit.Money,
            "retention costs in P / E", InputKind.Costs | InputKind.Subscriptions, "HubSpot",
            [In("retention-costs", "retention costs in the period"), Count("customers", "E: customers at the end")],
            a => CrcOf(a["retention-costs"], a["customers"]),
            Notes: "Costs carry no account: reported for \"all\" only, never per segment.")
        { AllOnly = true, IsRatio = true, IsDefault = true, Better = Better.Lower },
        new(CrcPerRetained, "Customer retention cost per retained customer", MetricArea.Value, MetricUnit.Money,
            "retention costs in P / (S - churned accounts that were active at start)", InputKind.Costs | InputKind.Subscriptions, "NetSuite, Baton",
            [In("retention-costs", "retention costs in the period"), Count("retained-customers", "S minus the churned customers that were in S")],
            a => CrcPerRetainedOf(a["retention-costs"], a["retained-customers"]),
            Notes: "Costs carry no account: reported for \"all\" only, never per segment.")
        { AllOnly = true, IsRatio = true, Better = Better.Lower },
        new(Cac, "Customer acquisition cost", MetricArea.Value, MetricUnit.Money,
            "acquisition costs in P / N", InputKind.Costs | InputKind.Subscriptions, "METRICS.md",
            [In("acquisition-costs", "acquisition costs in the period"), Count("new-customers", "N: new customers in the period")],
            a => CacOf(a["acquisition-costs"], a["new-customers"]),
            Notes: "Costs carry no account: reported for \"all\" only, never per segment.")
        { AllOnly = true, IsRatio = true, Better = Better.Lower },
    ];
}
