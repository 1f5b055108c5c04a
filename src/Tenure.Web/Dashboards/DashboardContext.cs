using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Web.Dashboards;

/// <summary>
/// What a page model is built from: the tenant's data, the view asked for, the data narrowed to its segment
/// (computed once, cached), the workspace's metric options (its churn grace), used by every engine call, and what the
/// server holds computed already (<c>held</c>: its <see cref="MetricGrids"/>, see <see cref="MetricSeries.Compute"/>).
/// </summary>
public sealed class DashboardContext(TenureDataSet data, DashboardQuery query, Func<TenureDataSet> filtered, MetricOptions? options = null, Func<bool>? segmentDataMade = null,
    HeldResults? held = null)
{
    private readonly Lazy<TenureDataSet> narrowed = new(filtered);
    private readonly Lazy<string?> currency = new(() => CardMoney.CurrencyOf(data));

    public TenureDataSet Data { get; } = data;

    public DashboardQuery Query { get; } = query;

    /// <summary>The data of the query's segment (<see cref="Metrics.Drilldown.SegmentFilter.Apply"/>); the data itself when unfiltered.</summary>
    public TenureDataSet Filtered => narrowed.Value;

    public InputKind Present => Data.Present;

    /// <summary>The currency of the tenant's money figures (<see cref="CardMoney.CurrencyOf"/>).</summary>
    public string? Currency => currency.Value;

    /// <summary>The workspace's metric options (churn grace); the defaults when none were given.</summary>
    public MetricOptions Options { get; } = options ?? new MetricOptions();

    /// <summary>What the server holds computed already (its metric grids); null: everything is computed.</summary>
    public HeldResults? Held { get; } = held;

    /// <summary>
    /// Whether the segment's data (<see cref="Filtered"/>) is made, for this page or (<c>segmentDataMade</c>, the server's
    /// cache) for an earlier one: the series are then computed from it, a fraction of the whole, instead of from the whole
    /// split by the filter's attribute (the same figures, <see cref="MetricSeries.Compute"/>). A page that needs the
    /// segment's data anyway reads <see cref="Filtered"/> first.
    /// </summary>
    private bool HasSegmentData => narrowed.IsValueCreated || (segmentDataMade?.Invoke() ?? false);

    /// <summary>Current and previous figures of <paramref name="metricIds"/> for the query's segment.</summary>
    public MetricSeries CurrentAndPrevious(IReadOnlyList<string> metricIds) =>
        MetricSeries.CurrentAndPrevious(Data, Query, () => Filtered, metricIds, Options, HasSegmentData, Held);

    /// <summary>Figures of <paramref name="metricIds"/> for the query's segment over [from, to) cut by <paramref name="granularity"/> (a range also at <paramref name="rangeCuts"/>).</summary>
    public MetricSeries Series(DateTime from, DateTime to, Metrics.Periods.Granularity granularity, IReadOnlyList<string> metricIds, IReadOnlyList<DateTime>? rangeCuts = null) =>
        MetricSeries.Compute(Data, Query.Filter, () => Filtered, from, to, granularity, metricIds, Options, HasSegmentData, Held, rangeCuts);

    /// <summary>The cards of <paramref name="metricIds"/> from a series whose last two periods are the previous and the current.</summary>
    public IReadOnlyList<MetricCard> Cards(MetricSeries series, IEnumerable<string> metricIds) =>
        [.. metricIds.Select(id => MetricCard.Of(id, series[id, -1], series[id, -2], Query, Present, Currency))];
}

/// <summary>A point of a chart: its label and value (null: no value, a gap).</summary>
public sealed record ChartPoint(string Label, decimal? Value);
