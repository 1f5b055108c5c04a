using Tenure.Metrics.Periods;

namespace Tenure.Metrics.Engine;

/// <summary>
/// What to compute: the range [<see cref="From"/>, <see cref="To"/>) cut by <see cref="Granularity"/>,
/// split by <see cref="By"/>, for <see cref="Metrics"/> (empty = every metric of the catalogue).
/// </summary>
public sealed record MetricRequest(
    DateTime From,
    DateTime To,
    Granularity Granularity = Granularity.Month,
    SegmentBy By = SegmentBy.None,
    IReadOnlyList<string>? Metrics = null,
    MetricOptions? Options = null);
