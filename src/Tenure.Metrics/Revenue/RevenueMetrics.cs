using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Inputs;

using static Tenure.Metrics.Catalogue.Calc;

namespace Tenure.Metrics.Revenue;

/// <summary>The recurring-revenue metrics of METRICS.md "Recurring revenue": their definitions and formulas.</summary>
public static class RevenueMetrics
{
    public const string Mrr = "mrr";
    public const string Arr = "arr";
    public const string Arpa = "arpa";
    public const string NewMrr = "new-mrr";
    public const string ExpansionMrr = "expansion-mrr";
    public const string ContractionMrr = "contraction-mrr";
    public const string ChurnedMrr = "churned-mrr";
    public const string ReactivationMrr = "reactivation-mrr";
    public const string NetNewMrr = "net-new-mrr";
    public const string GrossMrrChurnRate = "gross-mrr-churn-rate";
    public const string NetMrrChurnRate = "net-mrr-churn-rate";
    public const string NetRevenueRetention = "net-revenue-retention";
    public const string GrossRevenueRetention = "gross-revenue-retention";
    public const string ExpansionRevenue = "expansion-revenue";
    public const string ExpansionRevenueShare = "expansion-revenue-share";
    public const string NewArr = "new-arr";
    public const string ExpansionArr = "expansion-arr";
    public const string ChurnedArr = "churned-arr";
    public const string ContractionArr = "contraction-arr";
    public const string Upsells = "upsells";
    public const string Downgrades = "downgrades";
    public const string QuickRatio = "quick-ratio";

    /// <summary>One-off invoice categories that count as expansion revenue.</summary>
    public static readonly IReadOnlySet<string> ExpansionCategories =
        new HashSet<string>(["upsell", "cross_sell", "add_on"], StringComparer.OrdinalIgnoreCase);

    private const InputKind Needs = InputKind.Subscriptions;

    /// <summary>ARPA: mrr / E; no value without customers.</summary>
    public static MetricValue ArpaOf(decimal mrr, decimal customers) => MetricValue.Ratio(mrr, customers, 1m);

    /// <summary>Gross MRR churn rate: (churned + contraction) / opening MRR x 100.</summary>
    public static MetricValue GrossMrrChurnRateOf(decimal churned, decimal contraction, decimal openingMrr) =>
        MetricValue.Ratio(churned + contraction, openingMrr);

    /// <summary>Net MRR churn rate (NetSuite): (churned + contraction - expansion) / opening MRR x 100. Reactivation is not subtracted.</summary>
    public static MetricValue NetMrrChurnRateOf(decimal churned, decimal contraction, decimal expansion, decimal openingMrr) =>
        MetricValue.Ratio(churned + contraction - expansion, openingMrr);

    /// <summary>NRR: (opening + expansion - contraction - churned) / opening x 100, movements of the opening customers only.</summary>
    public static MetricValue NetRevenueRetentionOf(decimal openingMrr, decimal expansion, decimal contraction, decimal churned) =>
        MetricValue.Ratio(openingMrr + expansion - contraction - churned, openingMrr);

    /// <summary>GRR: (opening - contraction - churned) / opening x 100, movements of the opening customers only.</summary>
    public static MetricValue GrossRevenueRetentionOf(decimal openingMrr, decimal contraction, decimal churned) =>
        MetricValue.Ratio(openingMrr - contraction - churned, openingMrr);

    /// <summary>Expansion revenue share (DashClicks): expansion revenue / revenue invoiced x 100.</summary>
    public static MetricValue ExpansionRevenueShareOf(decimal expansionRevenue, decimal revenue) =>
        MetricValue.Ratio(expansionRevenue, revenue);

    /// <summary>SaaS quick ratio: (new + reactivation + expansion) / (contraction + churn); a plain ratio.</summary>
    public static MetricValue QuickRatioOf(decimal newMrr, decimal reactivation, decimal expansion, decimal contraction, decimal churned) =>
        MetricValue.Ratio(newMrr + reactivation + expansion, contraction + churned, 1m);

    /// <summary>Net new MRR: new + reactivation + expansion - contraction - churn.</summary>
    public static decimal NetNewMrrOf(decimal newMrr, decimal reactivation, decimal expansion, decimal contraction, decimal churned) =>
        newMrr + reactivation + expansion - contraction - churned;

    private static MetricDefinition Money(string id, Better better, string name, string formula, InputKind needs = Needs, string source = "ChartMogul, Baremetrics") =>
        new(id, name, MetricArea.Revenue, MetricUnit.Money, formula, needs, source, []) { Better = better };

    public static IReadOnlyList<MetricDefinition> Definitions { get; } =
    [
        new(Mrr, "Monthly recurring revenue", MetricArea.Revenue, MetricUnit.Money,
            "closing: sum of normalised MRR of the paying periods of active accounts (= customers x ARPA)", Needs, "ChartMogul, Baremetrics", [])
        { Better = Better.Higher },
        new(Arr, "Annual recurring revenue", MetricArea.Revenue, MetricUnit.Money, "12 x mrr", Needs, "ChartMogul",
            [In("mrr", "monthly recurring revenue")], a => MetricValue.Of(12m * a["mrr"]))
        { Better = Better.Higher },
        new(Arpa, "Average revenue per account", MetricArea.Revenue, MetricUnit.Money, "mrr / E", Needs, "ChartMogul",
            [In("mrr", "monthly recurring revenue"), Count("customers", "E: paying customers")], a => ArpaOf(a["mrr"], a["customers"]))
        { IsRatio = true, Better = Better.Higher },
        Money(NewMrr, Better.Higher, "New MRR", "sum of MRR changes from 0 of accounts that never paid before"),
        Money(ExpansionMrr, Better.Higher, "Expansion MRR", "sum of b - a over changes with 0 < a < b"),
        Money(ContractionMrr, Better.Lower, "Contraction MRR", "sum of a - b over changes with 0 < b < a"),
        Money(ChurnedMrr, Better.Lower, "Churned MRR", "sum of a over changes from a > 0 to 0"),
        Money(ReactivationMrr, Better.Higher, "Reactivation MRR", "sum of MRR changes from 0 of accounts that paid before"),
        new(NetNewMrr, "Net new MRR", MetricArea.Revenue, MetricUnit.Money, "new + reactivation + expansion - contraction - churn", Needs, "ChartMogul",
            [In("new", "new MRR"), Opt("reactivation", "reactivation MRR (default 0)"), In("expansion", "expansion MRR"), In("contraction", "contraction MRR"), In("churned", "churned MRR")],
            a => MetricValue.Of(NetNewMrrOf(a["new"], a.Optional("reactivation") ?? 0m, a["expansion"], a["contraction"], a["churned"])))
        { Better = Better.Higher, Range = ValueRange.Any },
        new(GrossMrrChurnRate, "Gross MRR churn rate", MetricArea.Revenue, MetricUnit.Percent, "(churned + contraction) / opening mrr x 100", Needs, "NetSuite, Baremetrics",
            [In("churned-mrr", "churned MRR"), In("contraction-mrr", "contraction MRR"), In("opening-mrr", "MRR at the start")],
            a => GrossMrrChurnRateOf(a["churned-mrr"], a["contraction-mrr"], a["opening-mrr"]))
        { IsRatio = true, Better = Better.Lower },
        new(NetMrrChurnRate, "Net MRR churn rate", MetricArea.Revenue, MetricUnit.Percent, "(churned + contraction - expansion) / opening mrr x 100", Needs, "NetSuite",
            [In("churned-mrr", "churned MRR"), In("contraction-mrr", "contraction MRR"), In("expansion-mrr", "expansion MRR"), In("opening-mrr", "MRR at the start")],
            a => NetMrrChurnRateOf(a["churned-mrr"], a["contraction-mrr"], a["expansion-mrr"], a["opening-mrr"]),
            Notes: "ChartMogul also subtracts reactivation MRR, Baremetrics does not; Tenure follows NetSuite (no reactivation).")
        { IsRatio = true, Better = Better.Lower, Range = ValueRange.AtMost(100m) },
        new(NetRevenueRetention, "Net revenue retention", MetricArea.Revenue, MetricUnit.Percent,
            "(opening mrr + expansion - contraction - churned) / opening mrr x 100, movements of accounts active at the opening only", Needs, "ChartMogul, NetSuite",
            [In("opening-mrr", "MRR at the start"), In("expansion-mrr", "expansion MRR of those accounts"), In("contraction-mrr", "contraction MRR of those accounts"), In("churned-mrr", "churned MRR of those accounts")],
            a => NetRevenueRetentionOf(a["opening-mrr"], a["expansion-mrr"], a["contraction-mrr"], a["churned-mrr"]))
        { IsRatio = true, Better = Better.Higher, Range = ValueRange.AtLeast(0m) },
        new(GrossRevenueRetention, "Gross revenue retention", MetricArea.Revenue, MetricUnit.Percent,
            "(opening mrr - contraction - churned) / opening mrr x 100, movements of accounts active at the opening only", Needs, "ChartMogul, NetSuite",
            [In("opening-mrr", "MRR at the start"), In("contraction-mrr", "contraction MRR of those accounts"), In("churned-mrr", "churned MRR of those accounts")],
            a => GrossRevenueRetentionOf(a["opening-mrr"], a["contraction-mrr"], a["churned-mrr"]))
        { IsRatio = true, Better = Better.Higher },
        Money(ExpansionRevenue, Better.Higher, "Expansion revenue",
            "expansion MRR in P + one-off invoices in P (category upsell, cross_sell, add_on) of accounts that were customers before P",
            InputKind.Subscriptions | InputKind.Invoices, "DashClicks"),
        new(ExpansionRevenueShare, "Expansion revenue share", MetricArea.Revenue, MetricUnit.Percent,
            "expansion-revenue / revenue invoiced in P (charges minus refunds) x 100", InputKind.Subscriptions | InputKind.Invoices, "DashClicks",
            [In("expansion-revenue", "expansion revenue"), Signed("revenue", "revenue invoiced (charges minus refunds)")],
            a => ExpansionRevenueShareOf(a["expansion-revenue"], a["revenue"]))
        { IsRatio = true, Better = Better.Higher },
        Money(NewArr, Better.Higher, "New ARR", "12 x new-mrr"),
        Money(ExpansionArr, Better.Higher, "Expansion ARR", "12 x expansion-mrr"),
        Money(ChurnedArr, Better.Lower, "Churned ARR", "12 x churned-mrr"),
        Money(ContractionArr, Better.Lower, "Contraction ARR", "12 x contraction-mrr"),
        new(Upsells, "Upsells", MetricArea.Revenue, MetricUnit.Count, "number of expansion movements in P", Needs, "HubSpot", [])
        { Better = Better.Higher },
        new(Downgrades, "Downgrades", MetricArea.Revenue, MetricUnit.Count, "number of contraction movements in P", Needs, "HubSpot", [])
        { Better = Better.Lower },
        new(QuickRatio, "SaaS quick ratio", MetricArea.Revenue, MetricUnit.Ratio,
            "(new + reactivation + expansion) / (contraction + churn)", Needs, "beyond the sources (Mamoon Hamid)",
            [In("new", "new MRR"), Opt("reactivation", "reactivation MRR (default 0)"), In("expansion", "expansion MRR"), In("contraction", "contraction MRR"), In("churned", "churned MRR")],
            a => QuickRatioOf(a["new"], a.Optional("reactivation") ?? 0m, a["expansion"], a["contraction"], a["churned"]))
        { IsRatio = true, Better = Better.Higher },
    ];
}
