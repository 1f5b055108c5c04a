using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Tallies;

namespace Tenure.Metrics.Engine;

/// <summary>
/// One metric before it is finished: the partial states (<see cref="IPartialState{TSelf}"/>) its figures come
/// from, and the formula that turns them into a figure per period and segment. The engine's own path finishes
/// it at once; a scale-out merges the partials of its account partitions first (<see cref="MetricPartials"/>).
/// </summary>
public abstract class MetricPartial
{
    private protected MetricPartial(string metric, bool split)
    {
        Metric = metric;
        IsSplit = split;
    }

    /// <summary>The metric's id.</summary>
    public string Metric { get; }

    /// <summary>False for a figure that has no value per segment (those over costs): only "all" is finished.</summary>
    public bool IsSplit { get; }

    /// <summary>The figure of period <paramref name="period"/> for segment <paramref name="segment"/> (-1: "all").</summary>
    public abstract MetricValue Value(int period, int segment);

    /// <summary>
    /// This partial merged with <paramref name="other"/>, the same metric over another partition: each side's segments
    /// are first moved by its map onto the <paramref name="segments"/> segments of the merge.
    /// </summary>
    internal abstract MetricPartial Plus(MetricPartial other, int[] thisMap, int[] otherMap, int segments);

    private protected static T Same<T>(MetricPartial other) where T : MetricPartial =>
        other as T ?? throw new ArgumentException($"Partials of '{other.Metric}' of different shapes cannot be merged.", nameof(other));
}

/// <summary>A metric finished from one partial state.</summary>
internal sealed class MetricPartial<TState> : MetricPartial
    where TState : IPartialState<TState>
{
    private readonly TState state;
    private readonly Func<TState, int, int, MetricValue> finish;

    public MetricPartial(string metric, bool split, TState state, Func<TState, int, int, MetricValue> finish)
        : base(metric, split)
    {
        this.state = state;
        this.finish = finish;
    }

    public override MetricValue Value(int period, int segment) => finish(state, period, segment);

    internal override MetricPartial Plus(MetricPartial other, int[] thisMap, int[] otherMap, int segments) =>
        new MetricPartial<TState>(Metric, IsSplit,
            state.Realigned(thisMap, segments).Plus(Same<MetricPartial<TState>>(other).state.Realigned(otherMap, segments)), finish);
}

/// <summary>A metric finished from two partial states (a count over the customer base, say).</summary>
internal sealed class MetricPartial<TFirst, TSecond> : MetricPartial
    where TFirst : IPartialState<TFirst>
    where TSecond : IPartialState<TSecond>
{
    private readonly TFirst first;
    private readonly TSecond second;
    private readonly Func<TFirst, TSecond, int, int, MetricValue> finish;

    public MetricPartial(string metric, bool split, TFirst first, TSecond second, Func<TFirst, TSecond, int, int, MetricValue> finish)
        : base(metric, split)
    {
        this.first = first;
        this.second = second;
        this.finish = finish;
    }

    public override MetricValue Value(int period, int segment) => finish(first, second, period, segment);

    internal override MetricPartial Plus(MetricPartial other, int[] thisMap, int[] otherMap, int segments)
    {
        var that = Same<MetricPartial<TFirst, TSecond>>(other);
        return new MetricPartial<TFirst, TSecond>(Metric, IsSplit,
            first.Realigned(thisMap, segments).Plus(that.first.Realigned(otherMap, segments)),
            second.Realigned(thisMap, segments).Plus(that.second.Realigned(otherMap, segments)),
            finish);
    }
}
