using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Tallies;

using static Tenure.Metrics.Work.WorkMetrics;

namespace Tenure.Metrics.Work;

/// <summary>Tasks completed (with the per-category "work focus") and overdue tasks, by owner when split by csm.</summary>
public sealed class WorkCalculator : IMetricCalculator
{
    public MetricArea Area => MetricArea.Work;

    public void Compute(MetricContext context, MetricSink sink)
    {
        if (!context.Data.Has(InputKind.Tasks)) return;
        var tasks = context.Data.Tasks;
        var segments = new int[tasks.Count];
        if (context.Segments.By == SegmentBy.Csm)
        {
            // Split by csm, a task goes to its owner's segment (within another attribute, among its account's).
            for (var i = 0; i < tasks.Count; i++)
                segments[i] = context.Segments.OfTask(context.Accounts, tasks[i].Owner, tasks[i].AccountId);
        }
        else
        {
            // Its account's, by the account number the directory keeps for it: no account id looked up again per period.
            var accounts = context.Accounts.AccountIndexes(tasks, InputKinds.Tasks.AccountIdOf!);
            for (var i = 0; i < tasks.Count; i++)
                segments[i] = context.Segments.OfIndex(accounts[i]);
        }

        if (context.IsRequested(TasksCompleted))
            EmitCompleted(context, sink, segments);
        if (context.IsRequested(OverdueTasks))
            sink.Emit(OverdueTasks, Overdue(context, segments), n => MetricValue.Of(n));
    }

    private static void EmitCompleted(MetricContext context, MetricSink sink, int[] segments)
    {
        var tasks = context.Data.Tasks;
        var completed = new CompletedTasks(context.NewGrid<int>(), new SortedDictionary<string, PeriodSegmentGrid<int>>(StringComparer.Ordinal));
        for (var i = 0; i < tasks.Count; i++)
        {
            if (tasks[i].CompletedAt is not { } at) continue;
            var p = context.PeriodOf(at);
            if (p < 0) continue;
            var category = string.IsNullOrWhiteSpace(tasks[i].Category) ? NoCategory : tasks[i].Category!;
            if (!completed.ByCategory.TryGetValue(category, out var grid))
                completed.ByCategory.Add(category, grid = context.NewGrid<int>());
            completed.Total[p, segments[i]]++;
            grid[p, segments[i]]++;
        }

        sink.Emit(TasksCompleted, completed, (completed, p, s) =>
        {
            var breakdown = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var (category, grid) in completed.ByCategory)
            {
                var n = s < 0 ? grid.All(p) : grid[p, s];
                if (n > 0) breakdown[category] = n;
            }
            return new MetricValue(s < 0 ? completed.Total.All(p) : completed.Total[p, s], Breakdown: breakdown);
        });
    }

    /// <summary>Tasks completed per period and segment, in total and per category (the "work focus" breakdown), as a mergeable state.</summary>
    private sealed record CompletedTasks(PeriodSegmentGrid<int> Total, SortedDictionary<string, PeriodSegmentGrid<int>> ByCategory)
        : IPartialState<CompletedTasks>
    {
        public CompletedTasks Plus(CompletedTasks other)
        {
            var byCategory = new SortedDictionary<string, PeriodSegmentGrid<int>>(ByCategory, StringComparer.Ordinal);
            foreach (var (category, grid) in other.ByCategory)
                byCategory[category] = byCategory.TryGetValue(category, out var mine) ? mine.Plus(grid) : grid;
            return new CompletedTasks(Total.Plus(other.Total), byCategory);
        }

        public CompletedTasks Realigned(int[] segmentMap, int segments)
        {
            var byCategory = new SortedDictionary<string, PeriodSegmentGrid<int>>(StringComparer.Ordinal);
            foreach (var (category, grid) in ByCategory)
                byCategory[category] = grid.Realigned(segmentMap, segments);
            return new CompletedTasks(Total.Realigned(segmentMap, segments), byCategory);
        }
    }

    /// <summary>
    /// Per period and segment: tasks open at the close (created before P.end, not completed before it)
    /// with due_at before P.end. A task is so for the periods from the first ending after both its
    /// creation and its due date through the last ending at or before its completion.
    /// </summary>
    private static PeriodSegmentGrid<int> Overdue(MetricContext context, int[] segments)
    {
        var tasks = context.Data.Tasks;
        var periods = context.Periods.Count;
        var changes = new PeriodSegmentGrid<int>(periods + 1, context.Segments.Count);
        for (var i = 0; i < tasks.Count; i++)
        {
            var task = tasks[i];
            if (task.DueAt is not { } due) continue;
            var first = Math.Max(context.FirstPeriodEndingAfter(task.CreatedAt), context.FirstPeriodEndingAfter(due));
            var end = task.CompletedAt is { } completed ? context.FirstPeriodEndingAfter(completed) : periods;
            if (first >= end) continue;
            changes[first, segments[i]]++;
            changes[end, segments[i]]--;
        }
        var grid = context.NewGrid<int>();
        for (var s = 0; s < context.Segments.Count; s++)
        {
            var open = 0;
            for (var p = 0; p < periods; p++)
            {
                open += changes[p, s];
                grid[p, s] = open;
            }
        }
        return grid;
    }
}
