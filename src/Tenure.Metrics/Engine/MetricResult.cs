using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Periods;

namespace Tenure.Metrics.Engine;

/// <summary>
/// One metric for one period and one segment ("all", or "csm=ann" etc.). When
/// <see cref="Unavailable"/> is set, the metric's inputs were not given and <see cref="Value"/> is empty.
/// </summary>
public sealed record MetricResult(
    string Metric,
    Period Period,
    string Segment,
    MetricValue Value,
    MetricUnit Unit,
    string? Unavailable = null);
