using System.Numerics;

using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Tallies;

namespace Tenure.Metrics.Engine;

/// <summary>Collects the results calculators produce, for the metrics that were asked for.</summary>
public sealed class MetricSink(MetricContext context)
{
    private readonly List<MetricResult> results = [];
    private readonly Lock gate = new();

    public IReadOnlyList<MetricResult> Results => results;

    /// <summary>
    /// Emits <paramref name="metricId"/> for every period: the "all" figure from the merge of the
    /// segment tallies and, when split, each segment's own figure.
    /// </summary>
    public void Emit<T>(string metricId, PeriodSegmentGrid<T> grid, Func<T, MetricValue> formula)
        where T : struct, IAdditionOperators<T, T, T>
    {
        Emit(metricId, (p, s) => formula(s < 0 ? grid.All(p) : grid[p, s]));
    }

    /// <summary>
    /// Emits <paramref name="metricId"/> for every period and segment from <paramref name="value"/>,
    /// called with segment -1 for "all".
    /// </summary>
    public void Emit(string metricId, Func<int, int, MetricValue> value)
    {
        if (!context.IsRequested(metricId)) return;
        var definition = MetricCatalogue.Get(metricId);
        var split = context.Segments.By != SegmentBy.None;
        var local = new List<MetricResult>();
        for (var p = 0; p < context.Periods.Count; p++)
        {
            context.ThrowIfCancellationRequested();
            local.Add(new MetricResult(metricId, context.Periods[p], Segmentation.AllLabel, value(p, -1), definition.Unit));
            if (!split) continue;
            for (var s = 0; s < context.Segments.Count; s++)
                if (context.Segments.IsPopulated(s)) local.Add(new MetricResult(metricId, context.Periods[p], context.Segments.Labels[s], value(p, s), definition.Unit));
        }
        lock (gate) results.AddRange(local);
    }

    /// <summary>Emits only the "all" figure (for metrics that are not split, such as those over costs: no value per segment).</summary>
    public void EmitUnsplit(string metricId, Func<int, MetricValue> value) =>
        Emit(metricId, (p, s) => s < 0 ? value(p) : MetricValue.None);
}
