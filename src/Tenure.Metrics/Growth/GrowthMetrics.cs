using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Inputs;

using static Tenure.Metrics.Catalogue.Calc;

namespace Tenure.Metrics.Growth;

/// <summary>The growth and advocacy metrics of METRICS.md "Growth and advocacy": their definitions and formulas.</summary>
public static class GrowthMetrics
{
    public const string UpsellConversionRate = "upsell-conversion-rate";
    public const string ReferralRate = "referral-rate";

    /// <summary>Upsell and cross-sell conversion: offers presented in P and accepted / offers presented in P x 100.</summary>
    public static MetricValue UpsellConversionRateOf(decimal accepted, decimal presented) => MetricValue.Ratio(accepted, presented);

    /// <summary>Referral rate: distinct accounts with a referral in P / E x 100.</summary>
    public static MetricValue ReferralRateOf(decimal referringAccounts, decimal customers) => MetricValue.Ratio(referringAccounts, customers);

    public static IReadOnlyList<MetricDefinition> Definitions { get; } =
    [
        new(UpsellConversionRate, "Upsell and cross-sell conversion", MetricArea.Growth, MetricUnit.Percent,
            "offers presented in P and accepted / offers presented in P x 100", InputKind.Offers, "METRICS.md",
            [In("accepted", "offers presented in the period and accepted"), In("presented", "offers presented in the period")],
            a => UpsellConversionRateOf(a["accepted"], a["presented"]),
            Notes: "By presented_at; an offer counts as accepted whenever accepted_at is set (also after P). An offer is in its account's segment.")
        { IsRatio = true, Better = Better.Higher },
        new(ReferralRate, "Referral rate", MetricArea.Growth, MetricUnit.Percent,
            "distinct accounts with a referral in P / E x 100", InputKind.Referrals | InputKind.Subscriptions, "METRICS.md",
            [In("referring-accounts", "distinct accounts with a referral in the period"), In("customers", "E: customers at the end")],
            a => ReferralRateOf(a["referring-accounts"], a["customers"]),
            Notes: "By the referral's date; every referring account counts, customer at the close or not, as METRICS.md writes it. " +
                "An account is in its segment.")
        { IsRatio = true, Better = Better.Higher },
    ];
}
