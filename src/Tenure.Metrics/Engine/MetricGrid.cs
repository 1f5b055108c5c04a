using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;
using Tenure.Metrics.Support;

namespace Tenure.Metrics.Engine;

/// <summary>
/// Every metric of the catalogue, per month, quarter or year (<see cref="Granularity"/>) over [<see cref="From"/>,
/// <see cref="To"/>), split one way, computed once (docs/adr/0275, 0285): a request for whole periods of that length
/// inside that range, split the same way and with the same options, is answered from it (<see cref="TryAnswer"/>) with
/// the results the engine gives for that request alone, in the same order. The engine computes each period from the
/// whole data and that period's bounds only (the state at a period's start comes from all the data before it, never
/// from the request's first period), so a period's figures are the same whichever range asked for it; the tests compare
/// every split, each length and many ranges with the engine.
/// </summary>
public sealed class MetricGrid
{
    /// <summary>Per metric, per month, its results: "all", then each populated segment (as <see cref="MetricPartials.Finish"/> gives them).</summary>
    private readonly Dictionary<string, MetricResult[][]> cells;
    private readonly long[] starts;
    private readonly string calendar;

    private MetricGrid(IReadOnlyList<Period> periods, Granularity granularity, SegmentBy by, SegmentBy within, MetricOptions options, int segmentResultCount, Dictionary<string, MetricResult[][]> cells, int count)
    {
        Periods = periods;
        Granularity = granularity;
        starts = [.. periods.Select(p => p.Start.Ticks)];
        By = by;
        Within = within;
        Options = options;
        calendar = BusinessCalendarJson.Write(options.BusinessCalendar);
        SegmentResultCount = segmentResultCount;
        this.cells = cells;
        Count = count;
    }

    /// <summary>The periods held, in order.</summary>
    public IReadOnlyList<Period> Periods { get; }

    /// <summary>Their length: month, quarter or year.</summary>
    public Granularity Granularity { get; }

    public DateTime From => Periods[0].Start;

    public DateTime To => Periods[^1].End;

    public SegmentBy By { get; }

    /// <summary>The attribute the split is made within (<see cref="MetricRequest.Within"/>); none: a plain split.</summary>
    public SegmentBy Within { get; }

    public MetricOptions Options { get; }

    /// <summary>The results each metric has per period when computed: "all", plus each populated segment when split.</summary>
    public int SegmentResultCount { get; }

    /// <summary>How many results it holds (its memory is about 100 bytes each).</summary>
    public int Count { get; }

    /// <summary>Computes every metric monthly over [<paramref name="from"/>, <paramref name="to"/>) split by <paramref name="by"/>.</summary>
    /// <inheritdoc cref="Compute(TenureDataSet, DateTime, DateTime, Granularity, SegmentBy, MetricOptions, MetricRequestLimits, CancellationToken)"/>
    public static MetricGrid Compute(TenureDataSet data, DateTime from, DateTime to, SegmentBy by, MetricOptions options, MetricRequestLimits limits, CancellationToken cancellationToken = default) =>
        Compute(data, from, to, Granularity.Month, by, options, limits, cancellationToken);

    /// <summary>
    /// Computes every metric per <paramref name="granularity"/> over [<paramref name="from"/>, <paramref name="to"/>) split by
    /// <paramref name="by"/>.
    /// </summary>
    /// <param name="data">The data set.</param>
    /// <param name="from">The first period's start (on the bound of a month, quarter or year).</param>
    /// <param name="to">The end of the last period (exclusive; on a bound too).</param>
    /// <param name="granularity">Month, quarter or year.</param>
    /// <param name="by">The split (not the cohort one: its segments depend on the range).</param>
    /// <param name="options">The options every answer must have been asked with.</param>
    /// <param name="limits">Refuses a grid over them before computing (<see cref="MetricLimitException"/>): a split into many segments would hold millions of results.</param>
    /// <param name="cancellationToken">Stops the computation.</param>
    /// <exception cref="ArgumentException">
    /// The range is empty or off the granularity's bounds, the granularity is not month, quarter or year, or
    /// <paramref name="by"/> is the cohort split (its segments depend on the range).
    /// </exception>
    /// <exception cref="MetricLimitException">The grid is over <paramref name="limits"/>.</exception>
    /// <exception cref="DataOverflowException">A figure is too large for decimal (as the engine throws it).</exception>
    public static MetricGrid Compute(TenureDataSet data, DateTime from, DateTime to, Granularity granularity, SegmentBy by, MetricOptions options, MetricRequestLimits limits, CancellationToken cancellationToken = default) =>
        Compute(data, from, to, granularity, by, options, limits, null, SegmentBy.None, cancellationToken);

    /// <summary>
    /// As <see cref="Compute(TenureDataSet, DateTime, DateTime, Granularity, SegmentBy, MetricOptions, MetricRequestLimits, CancellationToken)"/>,
    /// holding <paramref name="metrics"/> only (null: every metric; a request for another is not answered), split by
    /// <paramref name="by"/> within <paramref name="within"/> (<see cref="MetricRequest.Within"/>).
    /// </summary>
    public static MetricGrid Compute(
        TenureDataSet data, DateTime from, DateTime to, Granularity granularity, SegmentBy by, MetricOptions options, MetricRequestLimits limits, IReadOnlyList<string>? metrics,
        SegmentBy within, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limits);
        if (to <= from)
            throw new ArgumentException("The grid's range is empty.", nameof(to));
        if (by == SegmentBy.Cohort)
            throw new ArgumentException("A cohort split is not held in a grid.", nameof(by));
        if (!Holds(granularity))
            throw new ArgumentException($"A grid holds months, quarters or years, not {granularity}.", nameof(granularity));
        if (PeriodCalendar.Floor(from, granularity) != from || PeriodCalendar.Floor(to, granularity) != to)
            throw new ArgumentException($"A grid's range is whole periods: {from:O}..{to:O} is not on {granularity} bounds.", nameof(from));
        var ids = metrics is { Count: > 0 } ? metrics.Distinct().ToList() : MetricCatalogue.All.Select(d => d.Id).ToList();
        var partials = MetricEngine.ComputePartials(data, new MetricRequest(from, to, granularity, by, ids, options, limits) { Within = within }, cancellationToken);
        var results = partials.Finish(cancellationToken);
        var periods = partials.Periods;
        var cells = new Dictionary<string, MetricResult[][]>(StringComparer.Ordinal);
        var i = 0;
        foreach (var id in ids)
        {
            var row = new MetricResult[periods.Count][];
            for (var p = 0; p < periods.Count; p++)
            {
                var first = i;
                while (i < results.Count && results[i].Metric == id && results[i].Period == periods[p])
                    i++;
                var cell = new MetricResult[i - first];
                for (var r = 0; r < cell.Length; r++)
                    cell[r] = results[first + r];
                row[p] = cell;
            }
            cells[id] = row;
        }
        if (i != results.Count)
            throw new InvalidOperationException("The engine's results are not in metric, period, segment order.");
        return new MetricGrid(periods, granularity, by, within, options, partials.SegmentResultCount, cells, results.Count);
    }

    /// <summary>The period lengths grids hold, shortest first: month, quarter and year.</summary>
    public static IReadOnlyList<Granularity> Granularities { get; } = [Granularity.Month, Granularity.Quarter, Granularity.Year];

    /// <summary>Whether grids hold periods of <paramref name="granularity"/> (one of <see cref="Granularities"/>).</summary>
    public static bool Holds(Granularity granularity) => Granularities.Contains(granularity);

    /// <summary>
    /// The results of <paramref name="request"/>, the engine's for it, when the grid holds them: its granularity, split as
    /// the grid is, from and to on its periods' bounds, the same options. Null otherwise (compute it).
    /// </summary>
    /// <exception cref="MetricLimitException">The request is over its limits, as the engine would refuse it.</exception>
    public IReadOnlyList<MetricResult>? TryAnswer(MetricRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Granularity != Granularity || request.By != By || request.Within != Within || request.RangeCuts is { Count: > 0 } || !SameOptions(request.Options ?? new MetricOptions()))
            return null;
        var first = Array.BinarySearch(starts, request.From.Ticks);
        if (first < 0 || request.From.Kind == DateTimeKind.Local || request.To.Kind == DateTimeKind.Local)
            return null;
        var end = first;
        while (end < Periods.Count && Periods[end].End <= request.To)
            end++;
        if (end == first || Periods[end - 1].End != request.To)
            return null;
        var ids = request.Metrics is { Count: > 0 } asked ? asked : [.. MetricCatalogue.All.Select(d => d.Id)];
        if (ids.Any(id => !cells.ContainsKey(id)))
            return null; // an unknown id: the engine names it
        if (request.Limits?.ResultsProblem(end - first, SegmentResultCount, ids.Count) is { } tooMany)
            throw new MetricLimitException(tooMany);
        var results = new List<MetricResult>();
        foreach (var id in ids)
        {
            var periods = cells[id];
            for (var p = first; p < end; p++)
                results.AddRange(periods[p]);
        }
        return results;
    }

    private bool SameOptions(MetricOptions options) => SameOptions(Options, options, calendar);

    /// <summary>Whether a request asked with <paramref name="asked"/> gets the figures of <paramref name="held"/>'s (<paramref name="heldCalendar"/>: its business calendar written, when known).</summary>
    internal static bool SameOptions(MetricOptions held, MetricOptions asked, string? heldCalendar = null) =>
        asked.LifespanMonths == held.LifespanMonths
        && asked.TrailingMonths == held.TrailingMonths
        && asked.SatisfactionSurveys.SetEquals(held.SatisfactionSurveys)
        && asked.RenewalGraceDays == held.RenewalGraceDays
        && asked.ChurnGraceDays == held.ChurnGraceDays
        && (ReferenceEquals(asked.BusinessCalendar, held.BusinessCalendar)
            || BusinessCalendarJson.Write(asked.BusinessCalendar) == (heldCalendar ?? BusinessCalendarJson.Write(held.BusinessCalendar)));
}
