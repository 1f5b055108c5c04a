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

    /// <summary>
    /// With a split (<see cref="By"/>, not cohort), an account attribute it is made within: one segment per pair of values,
    /// labelled "csm=pro\u001Fann" (<see cref="Segmentation.WithinValue"/>), whose figures are those of the data narrowed to
    /// that attribute's value split by <see cref="By"/> (a table per CSM under a plan filter, from the whole data in one
    /// pass). Not offered by the API or the CLI; <see cref="SegmentBy.None"/>: a plain split.
    /// </summary>
    public SegmentBy Within { get; init; }
}
