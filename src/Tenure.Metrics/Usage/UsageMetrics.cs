using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Inputs;

using static Tenure.Metrics.Catalogue.Calc;

namespace Tenure.Metrics.Usage;

/// <summary>The usage and adoption metrics of METRICS.md "Usage and adoption": their definitions and formulas.</summary>
public static class UsageMetrics
{
    public const string DailyUsage = "daily-usage";
    public const string Dau = "dau";
    public const string Wau = "wau";
    public const string Mau = "mau";
    public const string Stickiness = "stickiness";
    public const string AdoptionRate = "adoption-rate";
    public const string Engagement = "engagement";
    public const string TimeToValue = "time-to-value";

    /// <summary>The milestone that marks an account's first value.</summary>
    public const string FirstValueMilestone = "first_value";

    /// <summary>Stickiness: dau / mau x 100.</summary>
    public static MetricValue StickinessOf(decimal dau, decimal mau) => MetricValue.Ratio(dau, mau);

    /// <summary>Adoption rate: users created in P / users existing at P.end x 100.</summary>
    public static MetricValue AdoptionRateOf(decimal usersCreated, decimal usersExisting) => MetricValue.Ratio(usersCreated, usersExisting);

    /// <summary>Customer engagement: active accounts taking part in a program in P / E x 100.</summary>
    public static MetricValue EngagementOf(decimal engagedAccounts, decimal customers) => MetricValue.Ratio(engagedAccounts, customers);

    /// <summary>Mean time to value from totals: total days / accounts.</summary>
    public static MetricValue MeanTimeToValueOf(decimal totalDays, decimal accounts) => MetricValue.Ratio(totalDays, accounts, 1m);

    private const string Existing = "A user exists over [created_at, deactivated_at): on day d when created on or before d and not deactivated " +
        "before d, a deactivated_at at d's 00:00 being the first day no longer covered (end dates are exclusive). ";

    private const string ActiveWindow = "Distinct user_ids with a usage row in the window that ends at P.end, clipped to P (a shorter period counts " +
        "its own days). Usage rows without a user are left out; a user is in its account's segment (users.csv, else its usage's account).";

    public static IReadOnlyList<MetricDefinition> Definitions { get; } =
    [
        new(DailyUsage, "Daily usage", MetricArea.Usage, MetricUnit.Percent,
            "mean over the days d of P of (users existing on d with a usage event on d / users existing on d x 100); days with no users are left out",
            InputKind.Users | InputKind.Usage, "METRICS.md", [],
            Notes: Existing + "A user is in its account's segment; \"all\" takes each day's counts merged over segments. A mean of daily ratios, " +
                "so no numerator or denominator is reported.")
        { Better = Better.Higher },
        new(Dau, "Daily active users", MetricArea.Usage, MetricUnit.Count,
            "distinct users with a usage event in the last day of P", InputKind.Usage, "METRICS.md", [], Notes: ActiveWindow)
        { Better = Better.Higher },
        new(Wau, "Weekly active users", MetricArea.Usage, MetricUnit.Count,
            "distinct users with a usage event in the last 7 days of P", InputKind.Usage, "METRICS.md", [], Notes: ActiveWindow)
        { Better = Better.Higher },
        new(Mau, "Monthly active users", MetricArea.Usage, MetricUnit.Count,
            "distinct users with a usage event in the last 30 days of P", InputKind.Usage, "METRICS.md", [], Notes: ActiveWindow)
        { Better = Better.Higher },
        new(Stickiness, "Stickiness", MetricArea.Usage, MetricUnit.Percent,
            "dau / mau x 100", InputKind.Usage, "METRICS.md",
            [In("dau", "daily active users"), In("mau", "monthly active users")],
            a => StickinessOf(a["dau"], a["mau"]),
            Notes: ActiveWindow)
        { IsRatio = true, Better = Better.Higher },
        new(AdoptionRate, "Adoption rate", MetricArea.Usage, MetricUnit.Percent,
            "users created in P / users existing at P.end x 100", InputKind.Users, "METRICS.md",
            [In("new-users", "users created in the period"), In("users", "users existing at the end")],
            a => AdoptionRateOf(a["new-users"], a["users"]),
            Notes: "Existing at P.end: created before P.end and not deactivated before it. A user created and deactivated inside P counts in the " +
                "numerator only, so the rate can exceed 100 for a tiny base (as METRICS.md writes it). A user is in its account's segment.")
        { IsRatio = true, Better = Better.Higher },
        new(Engagement, "Customer engagement", MetricArea.Usage, MetricUnit.Percent,
            "active accounts taking part in a program at any time in P (joined_at before P.end, left_at empty or after P.start) / E x 100",
            InputKind.Programs | InputKind.Subscriptions, "METRICS.md",
            [In("engaged-accounts", "customers taking part in a program"), In("customers", "E: customers at the end")],
            a => EngagementOf(a["engaged-accounts"], a["customers"]),
            Notes: "\"Active accounts\" are the closing customers (E), so the numerator is part of the denominator; an account in several programs counts once.")
        { IsRatio = true, Better = Better.Higher },
        new(TimeToValue, "Time to value", MetricArea.Usage, MetricUnit.Days,
            "mean (and median) of first first_value milestone - account created_at, for accounts reaching it in P",
            InputKind.Milestones | InputKind.Accounts, "METRICS.md",
            [In("total-days", "sum of the days to first value"), In("accounts", "accounts reaching first value")],
            a => MeanTimeToValueOf(a["total-days"], a["accounts"]),
            Notes: "By the account's earliest first_value milestone (later ones are ignored); days, also median and p90 (R-7). Accounts not in accounts.csv have no created_at and are left out.")
        { IsDuration = true, Better = Better.Lower },
    ];
}
