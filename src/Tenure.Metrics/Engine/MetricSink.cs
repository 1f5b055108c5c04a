using System.Numerics;

using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Tallies;

namespace Tenure.Metrics.Engine;

/// <summary>
/// Collects what calculators produce for the metrics that were asked for: per metric, its partial states and the
/// formula that finishes them (<see cref="MetricPartial"/>), so the engine's figures and a merge of account partitions
/// come from one path (<see cref="MetricPartials"/>).
/// </summary>
public sealed class MetricSink(MetricContext context)
{
    private readonly Dictionary<string, MetricPartial> partials = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>The partial of each metric emitted so far.</summary>
    public IReadOnlyDictionary<string, MetricPartial> Partials => partials;

    /// <summary>
    /// Emits <paramref name="metricId"/> for every period: the "all" figure from the merge of the
    /// segment tallies and, when split, each segment's own figure.
    /// </summary>
    public void Emit<T>(string metricId, PeriodSegmentGrid<T> grid, Func<T, MetricValue> formula)
        where T : struct, IAdditionOperators<T, T, T> =>
        Emit(metricId, grid, (g, p, s) => formula(s < 0 ? g.All(p) : g[p, s]));

    /// <summary>
    /// Emits <paramref name="metricId"/> finished from <paramref name="state"/>: <paramref name="finish"/> gives the figure
    /// of a period and segment (-1 for "all") and must read nothing of one partition but the state.
    /// </summary>
    public void Emit<TState>(string metricId, TState state, Func<TState, int, int, MetricValue> finish)
        where TState : IPartialState<TState> =>
        Add(new MetricPartial<TState>(metricId, split: true, state, finish));

    /// <summary>Emits <paramref name="metricId"/> finished from two states (see the one-state form).</summary>
    public void Emit<TFirst, TSecond>(string metricId, TFirst first, TSecond second, Func<TFirst, TSecond, int, int, MetricValue> finish)
        where TFirst : IPartialState<TFirst>
        where TSecond : IPartialState<TSecond> =>
        Add(new MetricPartial<TFirst, TSecond>(metricId, split: true, first, second, finish));

    /// <summary>Emits only the "all" figure (for metrics that are not split, such as those over costs: no value per segment).</summary>
    public void EmitUnsplit<TFirst, TSecond>(string metricId, TFirst first, TSecond second, Func<TFirst, TSecond, int, MetricValue> finish)
        where TFirst : IPartialState<TFirst>
        where TSecond : IPartialState<TSecond> =>
        Add(new MetricPartial<TFirst, TSecond>(metricId, split: false, first, second, (a, b, p, _) => finish(a, b, p)));

    private void Add(MetricPartial partial)
    {
        if (!context.IsRequested(partial.Metric)) return;
        lock (gate) partials[partial.Metric] = partial;
    }
}
