using Tenure.Metrics.Customers;
using Tenure.Metrics.Growth;
using Tenure.Metrics.Revenue;
using Tenure.Metrics.Support;
using Tenure.Metrics.Surveys;
using Tenure.Metrics.Usage;
using Tenure.Metrics.Value;
using Tenure.Metrics.Work;

namespace Tenure.Metrics.Catalogue;

/// <summary>
/// Every metric Tenure computes, by stable id. The CLI, the API, the dashboards and the reports
/// all read this one list, so a metric is defined once.
/// </summary>
public static class MetricCatalogue
{
    /// <summary>Every metric, in the order of METRICS.md.</summary>
    public static IReadOnlyList<MetricDefinition> All { get; } =
    [
        .. CustomerMetrics.Definitions,
        .. RevenueMetrics.Definitions,
        .. ValueMetrics.Definitions,
        .. SurveyMetrics.Definitions,
        .. SupportMetrics.Definitions,
        .. UsageMetrics.Definitions,
        .. GrowthMetrics.Definitions,
        .. WorkMetrics.Definitions,
    ];

    /// <summary>
    /// The churn grace rule (METRICS.md "Churn grace", <see cref="Engine.MetricOptions.ChurnGraceDays"/>), as the
    /// metric reference explains it; it shapes every customer and MRR metric.
    /// </summary>
    public const string ChurnGrace =
        "A workspace setting (`churn_grace_days` on the settings page; `tenure metrics --churn-grace-days N`; default 0, at most 365). " +
        "When an account's paid coverage ends and it pays again after a gap shorter than the grace, the gap is covered at the MRR it had " +
        "just before the gap: no churn and no reactivation, the account stays a customer through the gap (customers, retained-customers, " +
        "mrr, arpa and the cohorts count it), and the change at the new start is an expansion or a contraction (or nothing). " +
        "A gap of exactly the grace or longer, or no return at all, is churn at the original end, in the period of that end, as without grace. " +
        "Example: an annual contract at 95,604 a year (MRR 7,967) renewed 6 days late at 74,268 a year (MRR 6,189) is, with a 7-day grace, " +
        "one contraction of 1,778; with no grace (or a grace of 6 days or less) a churn of 7,967 and a reactivation of 6,189. " +
        "Whether an account came back is known only once the grace has passed: until a new paying period arrives, the churn is shown, " +
        "and recent periods' figures change when a late renewal is imported. A contract covered through the gap counts as renewed.";

    private static readonly Dictionary<string, MetricDefinition> byId =
        All.ToDictionary(d => d.Id, StringComparer.Ordinal);

    public static bool TryGet(string id, out MetricDefinition definition) =>
        byId.TryGetValue(id, out definition!);

    /// <exception cref="KeyNotFoundException">No metric has this id.</exception>
    public static MetricDefinition Get(string id) =>
        TryGet(id, out var d) ? d : throw new KeyNotFoundException($"Unknown metric '{id}'.");
}
