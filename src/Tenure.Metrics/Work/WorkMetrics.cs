using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Work;

/// <summary>The CS team work metrics of METRICS.md "CS team work": their definitions.</summary>
public static class WorkMetrics
{
    public const string TasksCompleted = "tasks-completed";
    public const string OverdueTasks = "overdue-tasks";

    /// <summary>The breakdown key of tasks without a category.</summary>
    public const string NoCategory = "(none)";

    private const string Split = " Split by csm, a task is in its owner's segment (no owner: csm=(none)); split otherwise, in its account's segment.";

    public static IReadOnlyList<MetricDefinition> Definitions { get; } =
    [
        new(TasksCompleted, "Tasks completed", MetricArea.Work, MetricUnit.Count,
            "tasks completed in P, by owner and category (the category split is \"work focus\")", InputKind.Tasks, "METRICS.md", [],
            Notes: "By completed_at. The breakdown gives the count per category (tasks without one under \"(none)\")." + Split)
        { Better = Better.Higher },
        new(OverdueTasks, "Overdue tasks", MetricArea.Work, MetricUnit.Count,
            "tasks open at the close of P whose due_at is before P.end", InputKind.Tasks, "METRICS.md", [],
            Notes: "Open at the close: created_at before P.end and completed_at empty or not before P.end. Tasks without a due_at are never overdue." + Split)
        { Better = Better.Lower },
    ];
}
