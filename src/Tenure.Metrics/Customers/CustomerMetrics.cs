using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Inputs;

using static Tenure.Metrics.Catalogue.Calc;

namespace Tenure.Metrics.Customers;

/// <summary>The customer metrics of METRICS.md "Customers and subscriptions": their definitions and formulas.</summary>
public static class CustomerMetrics
{
    public const string Customers = "customers";
    public const string NewCustomers = "new-customers";
    public const string ChurnedCustomers = "churned-customers";
    public const string ChurnRate = "churn-rate";
    public const string NetCustomerChurnRate = "net-customer-churn-rate";
    public const string RetentionRate = "retention-rate";
    public const string RetainedCustomers = "retained-customers";
    public const string RenewalRate = "renewal-rate";

    private const InputKind Needs = InputKind.Subscriptions;

    /// <summary>Customer churn rate (default, HubSpot): churned in P / S x 100; new customers are not in the denominator but their churn counts.</summary>
    public static MetricValue ChurnRateOf(decimal churned, decimal customersAtStart) =>
        MetricValue.Ratio(churned, customersAtStart);

    /// <summary>Net customer churn rate (NetSuite / DashClicks): (S - E) / S x 100; negative when the base grew.</summary>
    public static MetricValue NetCustomerChurnRateOf(decimal customersAtStart, decimal customersAtEnd) =>
        MetricValue.Ratio(customersAtStart - customersAtEnd, customersAtStart);

    /// <summary>Customer retention rate (DashClicks): (E - N) / S x 100.</summary>
    public static MetricValue RetentionRateOf(decimal customersAtEnd, decimal newCustomers, decimal customersAtStart) =>
        MetricValue.Ratio(customersAtEnd - newCustomers, customersAtStart);

    /// <summary>Renewal rate: renewed / up for renewal x 100.</summary>
    public static MetricValue RenewalRateOf(decimal renewed, decimal upForRenewal) =>
        MetricValue.Ratio(renewed, upForRenewal);

    public static IReadOnlyList<MetricDefinition> Definitions { get; } =
    [
        new(Customers, "Paying customers", MetricArea.Customers, MetricUnit.Count,
            "E: accounts with a paying period covering the close of P", Needs, "HubSpot", [])
        { Better = Better.Higher },
        new(NewCustomers, "New customers", MetricArea.Customers, MetricUnit.Count,
            "N: accounts whose first paying period ever starts in P", Needs, "HubSpot", [])
        { Better = Better.Higher },
        new(ChurnedCustomers, "Churned customers", MetricArea.Customers, MetricUnit.Count,
            "accounts that stop being active in P and are not active at its close", Needs, "HubSpot", [])
        { Better = Better.Lower },
        new(ChurnRate, "Customer churn rate", MetricArea.Customers, MetricUnit.Percent,
            "churned in P / S x 100", Needs, "HubSpot",
            [Count("customers-at-start", "S: customers at the start of the period"), Count("churned", "customers churned in the period, including those that joined in it", "customers-at-start", "new-customers"), OptCount("new-customers", "N: new customers in the period (default 0); only bounds --churned, which can exceed S only by customers that joined and left in the period")],
            a => ChurnRateOf(a["churned"], a["customers-at-start"]),
            Notes: "New customers are left out of the denominator but their churn counts, so a tiny base can exceed 100 %.")
        { IsRatio = true, IsDefault = true, Better = Better.Lower },
        new(NetCustomerChurnRate, "Net customer churn rate", MetricArea.Customers, MetricUnit.Percent,
            "(S - E) / S x 100", Needs, "NetSuite, DashClicks",
            [Count("customers-at-start", "S: customers at the start"), Count("customers-at-end", "E: customers at the end")],
            a => NetCustomerChurnRateOf(a["customers-at-start"], a["customers-at-end"]),
            Notes: "Negative when the base grew.")
        { IsRatio = true, Better = Better.Lower, Range = ValueRange.AtMost(100m) },
        new(RetentionRate, "Customer retention rate", MetricArea.Customers, MetricUnit.Percent,
            "(E - N) / S x 100", Needs, "DashClicks",
            [Count("customers-at-end", "E: customers at the end"), Count("new-customers", "N: new customers in the period"), Count("customers-at-start", "S: customers at the start")],
            a => RetentionRateOf(a["customers-at-end"], a["new-customers"], a["customers-at-start"]),
            Notes: "Reactivated accounts count in E but not in N.")
        { IsRatio = true, Better = Better.Higher, Range = ValueRange.AtLeast(0m) },
        new(RetainedCustomers, "Retained customers", MetricArea.Customers, MetricUnit.Count,
            "S - churned accounts that were in S", Needs, "NetSuite, Baton", [])
        { Better = Better.Higher },
        new(RenewalRate, "Renewal rate", MetricArea.Customers, MetricUnit.Percent,
            "renewed / up for renewal x 100", Needs, "METRICS.md",
            [Count("renewed", "contracts renewed", "up-for-renewal"), Count("up-for-renewal", "contracts up for renewal")],
            a => RenewalRateOf(a["renewed"], a["up-for-renewal"]),
            Notes: "Up for renewal: a quarterly, yearly or term period ending in P, or an open quarterly/yearly period's anniversary in P; renewed if covered at that instant or a paying period starts within 30 days after.")
        { IsRatio = true, Better = Better.Higher },
    ];
}
