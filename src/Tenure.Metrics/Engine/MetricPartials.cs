using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;

namespace Tenure.Metrics.Engine;

/// <summary>
/// The partial result of a request (<see cref="MetricEngine.ComputePartials"/>): per computed metric, the mergeable
/// states it is finished from, with the periods and the segment labels they are indexed by. The engine finishes the
/// partials of the whole data set (<see cref="Finish"/>); a scale-out computes the partials of each account partition
/// alone (a shard's accounts with every row that names them) and merges them (<see cref="Merge"/>): counts and sums add,
/// duration samples concatenate, segments meet by label, so the merge finishes to the same figures as the whole
/// (docs/scaling.md), except for the metrics whose definition <see cref="MetricDefinition.CrossesAccounts"/>.
/// </summary>
public sealed class MetricPartials
{
    private readonly IReadOnlyDictionary<string, MetricPartial> partials;
    private readonly string[] labels;
    private readonly bool[] populated;

    internal MetricPartials(
        IReadOnlyList<string> metrics, IReadOnlyList<Period> periods, SegmentBy by, string[] labels, bool[] populated,
        InputKind present, IReadOnlyDictionary<string, MetricPartial> partials)
    {
        Metrics = metrics;
        Periods = periods;
        By = by;
        this.labels = labels;
        this.populated = populated;
        Present = present;
        this.partials = partials;
    }

    /// <summary>The requested metric ids, in request order (the order of <see cref="Finish"/>'s results).</summary>
    public IReadOnlyList<string> Metrics { get; }

    public IReadOnlyList<Period> Periods { get; }

    public SegmentBy By { get; }

    /// <summary>The label of each segment index the states use ("all" without a split).</summary>
    public IReadOnlyList<string> SegmentLabels => labels;

    /// <summary>How many results a computed metric has per period: "all", plus each populated segment when split (what the results limit counts).</summary>
    public int SegmentResultCount => By == SegmentBy.None ? 1 : 1 + populated.Count(p => p);

    /// <summary>The input kinds given (a metric whose inputs are absent finishes as unavailable).</summary>
    public InputKind Present { get; }

    /// <summary>The partial of <paramref name="metricId"/>; null when it was not computed (its inputs are absent).</summary>
    public MetricPartial? Of(string metricId) => partials.GetValueOrDefault(metricId);

    /// <summary>
    /// These partials merged with <paramref name="other"/>'s, those of the same request over a disjoint partition of the
    /// accounts (and the same input files). Segments are matched by label: the merge has this side's segments, then the
    /// other side's new ones; a segment is populated when it is on either side. Neither side changes.
    /// </summary>
    /// <exception cref="ArgumentException">The two are not partials of the same request and input files.</exception>
    /// <exception cref="InvalidOperationException">A computed metric <see cref="MetricDefinition.CrossesAccounts"/>: no merge gives it.</exception>
    public MetricPartials Merge(MetricPartials other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!Metrics.SequenceEqual(other.Metrics, StringComparer.Ordinal) || !Periods.SequenceEqual(other.Periods) || By != other.By || Present != other.Present)
            throw new ArgumentException("Only partials of the same request over the same input files merge.", nameof(other));
        var crossing = partials.Keys.Where(id => MetricCatalogue.Get(id).CrossesAccounts).Order(StringComparer.Ordinal).ToList();
        if (crossing.Count > 0)
        {
            throw new InvalidOperationException(
                $"{string.Join(", ", crossing)} link rows of different accounts and are computed over the whole data set, not merged from partitions.");
        }

        var merged = new List<string>(labels);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var s = 0; s < labels.Length; s++)
            index[labels[s]] = s;
        var otherMap = new int[other.labels.Length];
        for (var s = 0; s < other.labels.Length; s++)
        {
            if (!index.TryGetValue(other.labels[s], out var at))
            {
                at = merged.Count;
                merged.Add(other.labels[s]);
                index[other.labels[s]] = at;
            }
            otherMap[s] = at;
        }
        var thisMap = Enumerable.Range(0, labels.Length).ToArray();
        var mergedPopulated = new bool[merged.Count];
        for (var s = 0; s < labels.Length; s++)
            mergedPopulated[s] |= populated[s];
        for (var s = 0; s < other.labels.Length; s++)
            mergedPopulated[otherMap[s]] |= other.populated[s];

        var sum = new Dictionary<string, MetricPartial>(StringComparer.Ordinal);
        foreach (var (id, partial) in partials)
        {
            if (other.partials.GetValueOrDefault(id) is not { } theirs)
                throw new ArgumentException($"'{id}' was computed on one side only.", nameof(other));
            sum[id] = partial.Plus(theirs, thisMap, otherMap, merged.Count);
        }
        if (other.partials.Keys.FirstOrDefault(id => !partials.ContainsKey(id)) is { } missing)
            throw new ArgumentException($"'{missing}' was computed on one side only.", nameof(other));
        return new MetricPartials(Metrics, Periods, By, [.. merged], mergedPopulated, Present, sum);
    }

    /// <summary>
    /// The results: for each requested metric and period, "all" and, when split, each populated segment. A metric that
    /// was not computed because its input files are absent gets one result per period for "all" with
    /// <see cref="MetricResult.Unavailable"/> set ("needs subscriptions.csv"), never a made-up 0.
    /// </summary>
    /// <exception cref="DataOverflowException">A figure is too large for decimal.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IReadOnlyList<MetricResult> Finish(CancellationToken cancellationToken = default) => FinishEach(withAll: true, cancellationToken);

    /// <summary>
    /// <see cref="Finish"/> without the computed "all" figures when split: each populated segment's results only (a metric
    /// not computed still gets its unavailable result for "all"). Unsplit, the same as <see cref="Finish"/>.
    /// </summary>
    public IReadOnlyList<MetricResult> FinishSegments(CancellationToken cancellationToken = default) =>
        FinishEach(withAll: By == SegmentBy.None, cancellationToken);

    private List<MetricResult> FinishEach(bool withAll, CancellationToken cancellationToken)
    {
        // Each metric finishes from its own partial (the states are read, never changed): the metrics at once, their
        // results then joined in the request's order, and the first metric's error in that order thrown, as one by one.
        var perMetric = new List<MetricResult>[Metrics.Count];
        InParallel.For(Metrics.Count, m => perMetric[m] = FinishMetric(Metrics[m], withAll, cancellationToken));
        var results = new List<MetricResult>(perMetric.Sum(r => r.Count));
        foreach (var metric in perMetric)
            results.AddRange(metric);
        return results;
    }

    private List<MetricResult> FinishMetric(string id, bool withAll, CancellationToken cancellationToken)
    {
        var results = new List<MetricResult>();
        var definition = MetricCatalogue.Get(id);
        if (partials.GetValueOrDefault(id) is { } partial)
        {
            var split = By != SegmentBy.None;
            MetricEngine.AsDataError(() =>
            {
                for (var p = 0; p < Periods.Count; p++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (withAll)
                        results.Add(new MetricResult(id, Periods[p], Segmentation.AllLabel, partial.Value(p, -1), definition.Unit));
                    if (!split) continue;
                    for (var s = 0; s < labels.Length; s++)
                    {
                        if (populated[s])
                            results.Add(new MetricResult(id, Periods[p], labels[s], partial.IsSplit ? partial.Value(p, s) : MetricValue.None, definition.Unit));
                    }
                }
            }, id);
            return results;
        }
        var missing = definition.Inputs & ~Present;
        var reason = missing != InputKind.None
            ? "needs " + string.Join(", ", InputKinds.FileNames(missing))
            : definition.WhenNotComputed?.Reason ?? "not computed from these inputs";
        foreach (var period in Periods)
            results.Add(new MetricResult(id, period, Segmentation.AllLabel, MetricValue.None, definition.Unit, reason));
        return results;
    }
}
