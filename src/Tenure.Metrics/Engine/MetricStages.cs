using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Engine;

/// <summary>
/// A request's metrics cut into stages that each read fewer input kinds, so that inputs too large to hold whole are
/// read and computed one stage at a time (docs/adr/0330). Metrics that read the same bulky kinds stay together; the
/// metrics reading none of them (those over subscriptions and invoices, which share the subscription ledger) are the
/// first stage; every stage also reads the kinds all stages share (accounts, subscriptions; tasks when split). With
/// accounts.csv given, every stage numbers the same accounts into the same segments, so its metrics' results are
/// those of the whole request (<see cref="Join"/> puts them back in the request's order).
/// </summary>
public static class MetricStages
{
    /// <summary>
    /// The kinds with many rows per account that a stage may leave to another (held for the million-account demo: usage
    /// 0.9 GB, tickets 0.8, tasks 0.4, survey answers 0.4, users 0.4). Invoices are not among them: their metrics read the
    /// subscription ledger, which a stage of their own would build again.
    /// </summary>
    public const InputKind Bulky = InputKind.Users | InputKind.Usage | InputKind.Tickets | InputKind.Surveys | InputKind.Tasks;

    /// <summary>
    /// The stages of <paramref name="metrics"/> (catalogue ids, in the request's order), every stage reading
    /// <paramref name="shared"/> besides its metrics' own inputs, each holding at most <paramref name="budget"/> by
    /// <paramref name="sizeOf"/> (the bytes of a kind's file, 0 when absent) where it can. The metrics reading no bulky
    /// kind outside <paramref name="shared"/> come first; each group of metrics that read the same bulky kinds (a metric
    /// reading two joins their groups) then goes to the first stage it fits in, in the order of its first metric, or
    /// starts a stage of its own (alone, even over the budget). One stage when everything fits: read it all at once.
    /// Each stage lists its metrics in the request's order.
    /// </summary>
    /// <exception cref="ArgumentException">An id the catalogue does not know.</exception>
    public static IReadOnlyList<MetricStage> Plan(IReadOnlyList<string> metrics, InputKind shared, Func<InputKind, long> sizeOf, long budget)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(sizeOf);
        var bulky = Bulky & ~shared;
        var inputs = metrics.Select(id => MetricCatalogue.TryGet(id, out var definition)
            ? definition.Inputs
            : throw new ArgumentException($"Unknown metric '{id}'.", nameof(metrics))).ToList();

        // The groups of bulky kinds read together: a metric reading two joins their groups (until none overlap).
        var groups = new List<InputKind>();
        foreach (var kinds in inputs.Select(i => i & bulky).Where(k => k != InputKind.None))
        {
            var joined = kinds;
            for (var g = groups.Count - 1; g >= 0; g--)
            {
                if ((groups[g] & joined) != 0)
                {
                    joined |= groups[g];
                    groups.RemoveAt(g);
                }
            }
            groups.Add(joined);
        }
        InputKind GroupOf(InputKind kinds) => (kinds & bulky) is var own && own == InputKind.None ? InputKind.None : groups.First(g => (g & own) != 0);

        // Each group's metrics and the kinds they read, in the order of its first metric (none first).
        var parts = new List<(InputKind Group, List<int> Metrics, InputKind Reads)>();
        for (var m = 0; m < metrics.Count; m++)
        {
            var group = GroupOf(inputs[m]);
            var at = parts.FindIndex(p => p.Group == group);
            if (at < 0)
            {
                parts.Add((group, [], shared));
                at = parts.Count - 1;
            }
            parts[at].Metrics.Add(m);
            parts[at] = parts[at] with { Reads = parts[at].Reads | inputs[m] };
        }
        parts.Sort((a, b) => (a.Group != InputKind.None).CompareTo(b.Group != InputKind.None));

        long Size(InputKind kinds) => InputKinds.All.Where(k => (k.Kind & kinds) != 0).Sum(k => sizeOf(k.Kind));
        var stages = new List<(List<int> Metrics, InputKind Reads)>();
        foreach (var part in parts)
        {
            var fits = stages.FindIndex(s => Size(s.Reads | part.Reads) <= budget);
            if (fits < 0)
                stages.Add(([.. part.Metrics], part.Reads));
            else
                stages[fits] = ([.. stages[fits].Metrics, .. part.Metrics], stages[fits].Reads | part.Reads);
        }
        return [.. stages.Select(s => new MetricStage([.. s.Metrics.Order().Select(m => metrics[m])], s.Reads))];
    }

    /// <summary>
    /// The results of every stage (<paramref name="stageResults"/>, each the engine's results for its metrics) in the order
    /// the whole request gives them: by <paramref name="metrics"/>' order, each metric's results as its stage gave them.
    /// </summary>
    /// <exception cref="ArgumentException">A result of a metric <paramref name="metrics"/> does not name.</exception>
    public static IReadOnlyList<MetricResult> Join(IReadOnlyList<string> metrics, IEnumerable<IReadOnlyList<MetricResult>> stageResults)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(stageResults);
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var m = 0; m < metrics.Count; m++)
            order.TryAdd(metrics[m], m);
        var byMetric = new List<MetricResult>[metrics.Count];
        foreach (var results in stageResults)
        {
            foreach (var result in results)
            {
                if (!order.TryGetValue(result.Metric, out var m))
                    throw new ArgumentException($"A result of metric '{result.Metric}', which the request does not name.", nameof(stageResults));
                (byMetric[m] ??= []).Add(result);
            }
        }
        return [.. byMetric.Where(r => r is not null).SelectMany(r => r)];
    }
}

/// <summary>One stage of <see cref="MetricStages.Plan"/>: its metrics, in the request's order, and the input kinds they read with the shared ones.</summary>
public sealed record MetricStage(IReadOnlyList<string> Metrics, InputKind Kinds);
