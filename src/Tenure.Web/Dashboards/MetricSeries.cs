using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;

namespace Tenure.Web.Dashboards;

/// <summary>
/// The results of <paramref name="request"/> over <paramref name="data"/> when the server holds them computed already (its
/// <see cref="MetricGrids"/>: the engine's own results for that request); null when it does not.
/// </summary>
public delegate IReadOnlyList<MetricResult>? HeldResults(MetricRequest request, TenureDataSet data);

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
    /// <paramref name="granularity"/>, for the segment <paramref name="filter"/>: "all" for no filter; for one filter, the
    /// engine's own segment (split by that attribute), which is the API's <c>by=</c> figure; and for several filters at
    /// once, the "all" figure of the filtered data (<paramref name="filtered"/>, the segment rules of
    /// <see cref="SegmentFilter.Apply"/>).
    /// </summary>
    /// <remarks>
    /// With <c>fromSegmentData</c>, one filter's figures are computed from the segment's own data (<paramref name="filtered"/>,
    /// which the caller has made) instead of from the whole data set split by the filter's attribute. The figures are the
    /// same (a test checks every metric), and the segment's data is a fraction of the whole: a region's cards cost a quarter
    /// of the split. Two kinds still come from the split: the metrics that link rows of different accounts
    /// (<see cref="MetricDefinition.CrossesAccounts"/>: a major case counts the children other segments' accounts opened),
    /// and every metric when the segment has no account (the split has no such segment and gives no figure, not zeros).
    /// A metric reported for "all" only (<see cref="MetricDefinition.AllOnly"/>, over costs) has no figure for a filtered
    /// view, whichever way it is computed: the segment's records alone hold none of the costs.
    /// <para>
    /// <paramref name="held"/> answers a request over the whole data set from what is computed already (the server's
    /// <see cref="MetricGrids"/>) or returns null. Unfiltered, and for one filter (the request split by its attribute),
    /// it is asked first; the engine computes only what it does not hold.
    /// </para>
    /// </remarks>
    public static MetricSeries Compute(
        TenureDataSet data,
        SegmentFilter filter,
        Func<TenureDataSet> filtered,
        DateTime from,
        DateTime to,
        Granularity granularity,
        IReadOnlyList<string> metricIds,
        MetricOptions? options = null,
        bool fromSegmentData = false,
        HeldResults? held = null,
        IReadOnlyList<DateTime>? rangeCuts = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(filtered);
        var single = filter.SingleSegment;
        // The segment every figure stands for, whichever data it was computed from.
        var shown = single?.Label ?? Segmentation.AllLabel;
        var periods = PeriodCalendar.Split(from, to, granularity, rangeCuts);
        var byMetric = new Dictionary<string, MetricResult[]>(StringComparer.Ordinal);
        foreach (var id in metricIds)
        {
            var definition = MetricCatalogue.Get(id);
            var row = new MetricResult[periods.Count];
            for (var p = 0; p < periods.Count; p++)
                row[p] = new MetricResult(id, periods[p], shown, MetricValue.None, definition.Unit);
            byMetric[id] = row;
        }
        var index = new Dictionary<DateTime, int>();
        for (var p = 0; p < periods.Count; p++) index[periods[p].Start] = p;

        void Fill(IReadOnlyList<MetricResult> results, string label)
        {
            foreach (var result in results)
            {
                // Unavailable metrics come once per period for "all" only; they stand for every segment.
                if (result.Segment != label && result.Unavailable is null) continue;
                if (byMetric.TryGetValue(result.Metric, out var row) && index.TryGetValue(result.Period.Start, out var p))
                    row[p] = result.Segment == shown ? result : result with { Segment = shown };
            }
        }

        void Compute(TenureDataSet source, SegmentBy by, string label, IReadOnlyList<string> ids)
        {
            if (ids.Count > 0)
                Fill(MetricEngine.Compute(source, new MetricRequest(from, to, granularity, by, ids, options) { RangeCuts = rangeCuts }), label);
        }

        // Unfiltered, the whole data's figures; under one filter, its segment's in the whole data split by the filter's
        // attribute: read when held (a range cut into periods, each of its periods: the windows hold single ranges).
        if ((filter.IsEmpty || single is not null) && metricIds.Count > 0 && held is not null
            && Held(held, data, rangeCuts is { Count: > 0 } ? [.. periods.Select(p => (p.Start, p.End))] : [(from, to)], granularity, single?.By ?? SegmentBy.None, metricIds, options) is { } answered)
        {
            foreach (var results in answered)
                Fill(results, single?.Label ?? Segmentation.AllLabel);
            return new MetricSeries(periods, byMetric);
        }
        if (filter.IsEmpty)
        {
            Compute(data, SegmentBy.None, Segmentation.AllLabel, metricIds);
            return new MetricSeries(periods, byMetric);
        }
        var segmentData = single is null || fromSegmentData ? filtered() : null;
        if (single is not null && (segmentData is null || segmentData.Accounts.Count == 0))
        {
            Compute(data, single.Value.By, single.Value.Label, metricIds);
            return new MetricSeries(periods, byMetric);
        }
        List<string> own = [], split = [];
        foreach (var id in metricIds)
        {
            var definition = MetricCatalogue.Get(id);
            if (definition.AllOnly) continue;
            (single is not null && definition.CrossesAccounts ? split : own).Add(id);
        }
        Compute(segmentData!, SegmentBy.None, Segmentation.AllLabel, own);
        if (single is not null)
            Compute(data, single.Value.By, single.Value.Label, split);
        return new MetricSeries(periods, byMetric);
    }

    /// <summary>What <paramref name="held"/> answers for each of <paramref name="ranges"/>; null unless it answers them all.</summary>
    private static List<IReadOnlyList<MetricResult>>? Held(
        HeldResults held, TenureDataSet data, IReadOnlyList<(DateTime From, DateTime To)> ranges, Granularity granularity, SegmentBy by, IReadOnlyList<string> metricIds, MetricOptions? options)
    {
        var answered = new List<IReadOnlyList<MetricResult>>(ranges.Count);
        foreach (var (from, to) in ranges)
        {
            if (held(new MetricRequest(from, to, granularity, by, metricIds, options), data) is not { } results)
                return null;
            answered.Add(results);
        }
        return answered;
    }

    /// <summary>
    /// The figures of the query's period and the previous one, in one engine call over both: a month, quarter or year cut
    /// by its length; a custom range and the one before it as a range cut where the current starts
    /// (<see cref="MetricRequest.RangeCuts"/>). Period 0 is the previous, period 1 the current.
    /// </summary>
    /// <remarks><paramref name="fromSegmentData"/> and <paramref name="held"/>: as in <see cref="Compute"/> (a custom range is never held).</remarks>
    public static MetricSeries CurrentAndPrevious(TenureDataSet data, DashboardQuery query, Func<TenureDataSet> filtered, IReadOnlyList<string> metricIds, MetricOptions? options = null,
        bool fromSegmentData = false, HeldResults? held = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Kind != PeriodKind.Custom
            ? Compute(data, query.Filter, filtered, query.Previous.Start, query.Current.End, DashboardQuery.GranularityOf(query.Kind), metricIds, options, fromSegmentData, held)
            : Compute(data, query.Filter, filtered, query.Previous.Start, query.Current.End, Granularity.Range, metricIds, options, fromSegmentData, rangeCuts: [query.Current.Start]);
    }
}
