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

    private static readonly Dictionary<string, MetricDefinition> byId =
        All.ToDictionary(d => d.Id, StringComparer.Ordinal);

    public static bool TryGet(string id, out MetricDefinition definition) =>
        byId.TryGetValue(id, out definition!);

    /// <exception cref="KeyNotFoundException">No metric has this id.</exception>
    public static MetricDefinition Get(string id) =>
        TryGet(id, out var d) ? d : throw new KeyNotFoundException($"Unknown metric '{id}'.");
}
