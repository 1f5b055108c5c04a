using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;

namespace Tenure.Web.Dashboards;

/// <summary>
/// The engine's results for one segment, per metric and period, as one call of
/// <see cref="MetricEngine.Compute"/> returned them. A dashboard never computes a figure itself: it
/// reads it here, so it equals GET /api/v1/metrics for the same range, period and segment.
/// </summary>
public sealed class MetricSeries
{
    private readonly Dictionary<string, MetricResult[]> byMetric;

    private MetricSeries(IReadOnlyList<Period> periods, Dictionary<string, MetricResult[]> byMetric)
    {
        Periods = periods;
        this.byMetric = byMetric;
    }

    public IReadOnlyList<Period> Periods { get; }

    /// <summary>The result of <paramref name="metricId"/> in period <paramref name="period"/> (negative: from the end).</summary>
    public MetricResult this[string metricId, int period] =>
        byMetric[metricId][period < 0 ? Periods.Count + period : period];

    public IReadOnlyList<MetricResult> Of(string metricId) => byMetric[metricId];

    /// <summary>
    /// Computes <paramref name="metricIds"/> over [<paramref name="from"/>, <paramref name="to"/>) cut by
    /// <paramref name="granularity"/>, for the segment <paramref name="filter"/>: "all" for no filter; the
    /// engine's own segment (split by that attribute) for one filter, which is the API's <c>by=</c> figure; and
    /// the "all" figure of the filtered data (<paramref name="filtered"/>, the segment rules of
    /// <see cref="SegmentFilter.Apply"/>) for several filters at once.
    /// </summary>
    public static MetricSeries Compute(
        TenureDataSet data,
        SegmentFilter filter,
        Func<TenureDataSet> filtered,
        DateTime from,
        DateTime to,
        Granularity granularity,
        IReadOnlyList<string> metricIds,
        MetricOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(filtered);
        var single = filter.SingleSegment;
        var source = filter.IsEmpty || single is not null ? data : filtered();
        var by = single?.By ?? SegmentBy.None;
        var label = single?.Label ?? Segmentation.AllLabel;
        var periods = PeriodCalendar.Split(from, to, granularity);
        var results = MetricEngine.Compute(source, new MetricRequest(from, to, granularity, by, metricIds, options));

        var byMetric = new Dictionary<string, MetricResult[]>(StringComparer.Ordinal);
        foreach (var id in metricIds)
        {
            var definition = MetricCatalogue.Get(id);
            var row = new MetricResult[periods.Count];
            for (var p = 0; p < periods.Count; p++)
                row[p] = new MetricResult(id, periods[p], label, MetricValue.None, definition.Unit);
            byMetric[id] = row;
        }
        var index = new Dictionary<DateTime, int>();
        for (var p = 0; p < periods.Count; p++) index[periods[p].Start] = p;
        foreach (var result in results)
        {
            // Unavailable metrics come once per period for "all" only; they stand for every segment.
            if (result.Segment != label && result.Unavailable is null) continue;
            if (byMetric.TryGetValue(result.Metric, out var row) && index.TryGetValue(result.Period.Start, out var p))
                row[p] = result;
        }
        return new MetricSeries(periods, byMetric);
    }

    /// <summary>
    /// The figures of the query's period and the previous one: one engine call over both for a month,
    /// quarter or year; two range calls for a custom range. Period 0 is the previous, period 1 the current.
    /// </summary>
    public static MetricSeries CurrentAndPrevious(TenureDataSet data, DashboardQuery query, Func<TenureDataSet> filtered, IReadOnlyList<string> metricIds, MetricOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Kind != PeriodKind.Custom)
            return Compute(data, query.Filter, filtered, query.Previous.Start, query.Current.End, DashboardQuery.GranularityOf(query.Kind), metricIds, options);
        var previous = Compute(data, query.Filter, filtered, query.Previous.Start, query.Previous.End, Granularity.Range, metricIds, options);
        var current = Compute(data, query.Filter, filtered, query.Current.Start, query.Current.End, Granularity.Range, metricIds, options);
        var merged = new Dictionary<string, MetricResult[]>(StringComparer.Ordinal);
        foreach (var id in metricIds)
            merged[id] = [previous[id, 0], current[id, 0]];
        return new MetricSeries([query.Previous, query.Current], merged);
    }
}
