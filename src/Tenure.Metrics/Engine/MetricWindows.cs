using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;
using Tenure.Metrics.Support;

namespace Tenure.Metrics.Engine;

/// <summary>
/// Some metrics over every range of <see cref="Months"/> months that ends on a month's bound from <see cref="From"/> to
/// <see cref="To"/>, split one way, computed once: the SaaS page's trailing twelve months of CLV, whose two ranges (ending
/// with the period and with the one before it) overlap and so are no grid's periods. A range request of one of those
/// windows, split the same way, for metrics held, with the same options, is answered from it (<see cref="TryAnswer"/>)
/// with the results the engine gives for that request alone: a period's figures depend on its bounds only, and the
/// windows are computed as ranges cut into consecutive periods (<see cref="MetricRequest.RangeCuts"/>), <see cref="Months"/>
/// engine passes for every window (pass k: the windows ending k months before <see cref="To"/>, every <see cref="Months"/>
/// months back).
/// </summary>
public sealed class MetricWindows
{
    /// <summary>Per metric, per window end (months after <see cref="From"/>: 0 is the window ending at <see cref="From"/>), its results.</summary>
    private readonly Dictionary<string, MetricResult[]?[]> cells;
    private readonly MetricOptions options;
    private readonly string calendar;

    private MetricWindows(DateTime from, DateTime to, int months, SegmentBy by, MetricOptions options, int segmentResultCount, Dictionary<string, MetricResult[]?[]> cells, int count)
    {
        From = from;
        To = to;
        Months = months;
        By = by;
        this.options = options;
        calendar = BusinessCalendarJson.Write(options.BusinessCalendar);
        SegmentResultCount = segmentResultCount;
        this.cells = cells;
        Count = count;
    }

    /// <summary>The first window's end.</summary>
    public DateTime From { get; }

    /// <summary>The last window's end.</summary>
    public DateTime To { get; }

    /// <summary>Each window's length in months.</summary>
    public int Months { get; }

    public SegmentBy By { get; }

    /// <summary>The metrics held.</summary>
    public IEnumerable<string> Metrics => cells.Keys;

    /// <summary>The results each metric has per window: "all", plus each populated segment when split.</summary>
    public int SegmentResultCount { get; }

    /// <summary>How many results it holds.</summary>
    public int Count { get; }

    /// <summary>
    /// Computes <paramref name="metrics"/> over the <paramref name="months"/>-month range ending on each month's bound from
    /// <paramref name="from"/> to <paramref name="to"/>, split by <paramref name="by"/>.
    /// </summary>
    /// <param name="data">The data set.</param>
    /// <param name="from">On a month's bound: the first window's end.</param>
    /// <param name="to">On a month's bound after <paramref name="from"/>: the last window's end.</param>
    /// <param name="months">The windows' length, 1 to 120 months.</param>
    /// <param name="by">The split (not the cohort one).</param>
    /// <param name="metrics">The metrics held (ids of the catalogue).</param>
    /// <param name="options">The options every answer must have been asked with.</param>
    /// <param name="limits">Refuses windows over them before computing (<see cref="MetricLimitException"/>).</param>
    /// <param name="cancellationToken">Stops the computation.</param>
    /// <exception cref="ArgumentException">The range is empty or off month bounds, the length out of range, or the split is the cohort one.</exception>
    /// <exception cref="MetricLimitException">The windows are over <paramref name="limits"/>.</exception>
    /// <exception cref="DataOverflowException">A figure is too large for decimal (as the engine throws it).</exception>
    public static MetricWindows Compute(
        TenureDataSet data, DateTime from, DateTime to, int months, SegmentBy by, IReadOnlyList<string> metrics, MetricOptions options, MetricRequestLimits limits,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limits);
        if (to <= from || PeriodCalendar.Floor(from, Granularity.Month) != from || PeriodCalendar.Floor(to, Granularity.Month) != to)
            throw new ArgumentException($"The windows' ends are month bounds from {from:O} to {to:O}.", nameof(from));
        if (months is < 1 or > 120)
            throw new ArgumentOutOfRangeException(nameof(months), months, "A window is 1 to 120 months long.");
        if (by == SegmentBy.Cohort)
            throw new ArgumentException("A cohort split is not held: its segments depend on the range.", nameof(by));
        var ends = MonthsBetween(from, to);
        var cells = metrics.Distinct().ToDictionary(id => id, _ => new MetricResult[]?[ends + 1], StringComparer.Ordinal);
        var segmentResultCount = 1;
        var count = 0;
        for (var k = 0; k < months && k <= ends; k++)
        {
            // The windows ending k, k + months, k + 2 x months ... months before `to`: back to back, one range cut where they meet.
            var last = to.AddMonths(-k);
            var first = last;
            List<DateTime> cuts = [];
            while (MonthsBetween(from, first.AddMonths(-months)) >= 0)
            {
                first = first.AddMonths(-months);
                cuts.Insert(0, first);
            }
            var request = new MetricRequest(first.AddMonths(-months), last, Granularity.Range, by, [.. cells.Keys], options, limits) { RangeCuts = cuts };
            var partials = MetricEngine.ComputePartials(data, request, cancellationToken);
            segmentResultCount = partials.SegmentResultCount;
            foreach (var result in partials.Finish(cancellationToken))
            {
                var end = MonthsBetween(from, result.Period.End);
                var row = cells[result.Metric];
                row[end] = row[end] is { } held ? [.. held, result] : [result];
                count++;
            }
        }
        return new MetricWindows(from, to, months, by, options, segmentResultCount, cells, count);
    }

    /// <summary>
    /// The results of <paramref name="request"/>, the engine's for it, when it is one of the windows held: a range of
    /// <see cref="Months"/> months ending on a held end, split as held, for metrics held, with the same options. Null
    /// otherwise (compute it).
    /// </summary>
    /// <exception cref="MetricLimitException">The request is over its limits, as the engine would refuse it.</exception>
    public IReadOnlyList<MetricResult>? TryAnswer(MetricRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsWindow(request, Months) || request.By != By || request.Within != SegmentBy.None || request.To < From || request.To > To
            || !MetricGrid.SameOptions(options, request.Options ?? new MetricOptions(), calendar))
            return null;
        var ids = request.Metrics is { Count: > 0 } asked ? asked : null;
        if (ids is null || ids.Any(id => !cells.ContainsKey(id)))
            return null;
        if (request.Limits?.ResultsProblem(1, SegmentResultCount, ids.Count) is { } tooMany)
            throw new MetricLimitException(tooMany);
        var end = MonthsBetween(From, request.To);
        var results = new List<MetricResult>();
        foreach (var id in ids)
        {
            if (cells[id][end] is not { } held)
                return null;
            results.AddRange(held);
        }
        return results;
    }

    /// <summary>Whether <paramref name="request"/> is one range of <paramref name="months"/> months ending on a month's bound (uncut, in UTC).</summary>
    public static bool IsWindow(MetricRequest request, int months)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Granularity == Granularity.Range && request.RangeCuts is not { Count: > 0 }
            && request.To.Kind == DateTimeKind.Utc && request.From.Kind == DateTimeKind.Utc
            && PeriodCalendar.Floor(request.To, Granularity.Month) == request.To && request.From == request.To.AddMonths(-months);
    }

    private static int MonthsBetween(DateTime from, DateTime to) => (to.Year - from.Year) * 12 + to.Month - from.Month;
}
