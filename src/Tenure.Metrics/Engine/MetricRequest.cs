using Tenure.Metrics.Periods;

namespace Tenure.Metrics.Engine;

/// <summary>
/// What to compute: the range [<see cref="From"/>, <see cref="To"/>) cut by <see cref="Granularity"/>,
/// split by <see cref="By"/>, for <see cref="Metrics"/> (empty = every metric of the catalogue).
/// With <see cref="Limits"/>, the engine refuses a request over them (<see cref="MetricLimitException"/>) before
/// computing; without, the caller is trusted (the dashboards, whose periods are bounded by construction).
/// </summary>
public sealed record MetricRequest(
    DateTime From,
    DateTime To,
    Granularity Granularity = Granularity.Month,
    SegmentBy By = SegmentBy.None,
    IReadOnlyList<string>? Metrics = null,
    MetricOptions? Options = null,
    MetricRequestLimits? Limits = null)
{
    /// <summary>
    /// With <see cref="Granularity.Range"/>, the instants at which the range is cut into consecutive periods (ascending,
    /// each strictly inside (<see cref="From"/>, <see cref="To"/>)): a custom period and the one before it in one pass over
    /// the data instead of two, with the figures of each alone (a period's figures depend on its bounds only). Null or
    /// empty: the range is one period. Ignored by every other granularity.
    /// </summary>
    public IReadOnlyList<DateTime>? RangeCuts { get; init; }
}
