using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

using static Tenure.Metrics.Tests.MetricRun;
using static Tenure.Metrics.Tests.TestData;

namespace Tenure.Metrics.Tests;

public class WorkCalculatorTests
{
    /// <summary>
    /// Accounts: a (csm ann, plan pro), b (csm bob, plan basic).
    /// k1 ann / a onboarding: created 1 May, due 10 May, completed 5 May.
    /// k2 ann / b renewal: created 2 May, due 15 May, completed 20 May (late, but closed before the end of May).
    /// k3 bob / b renewal: created 3 May, due 20 May, completed 2 June: open and overdue at the close of May.
    /// k4 carl (no account of his) / a, no category: created 4 May, due 15 June, open: overdue at the close of June only.
    /// k5 no owner / a onboarding: created 1 April, due 15 April, completed 1 May 00:00 (a May completion).
    /// k6 bob / a: created 10 May, no due date, open: never overdue.
    /// </summary>
    private static TenureDataSet Tasks() => new()
    {
        Accounts = [Acct("a", csm: "ann", plan: "pro"), Acct("b", csm: "bob", plan: "basic")],
        Tasks =
        [
            new("k1", "ann", "a", "onboarding", D("2024-05-01"), D("2024-05-10"), D("2024-05-05")),
            new("k2", "ann", "b", "renewal", D("2024-05-02"), D("2024-05-15"), D("2024-05-20")),
            new("k3", "bob", "b", "renewal", D("2024-05-03"), D("2024-05-20"), D("2024-06-02")),
            new("k4", "carl", "a", null, D("2024-05-04"), D("2024-06-15")),
            new("k5", null, "a", "onboarding", D("2024-04-01"), D("2024-04-15"), D("2024-05-01")),
            new("k6", "bob", "a", null, D("2024-05-10")),
        ],
        Present = InputKind.Accounts | InputKind.Tasks,
    };

    [Fact]
    public void TasksCompleted_HandBuilt_CountAndWorkFocus()
    {
        // May: k1, k2, k5 = 3 (onboarding 2, renewal 1). June: k3 = 1 (renewal 1). July: 0, empty breakdown.
        var results = Run(Tasks(), "2024-05-01", "2024-08-01", ["tasks-completed"]);
        AssertTasks(results.Value("tasks-completed", "2024-05-01"), 3, ("onboarding", 2), ("renewal", 1));
        AssertTasks(results.Value("tasks-completed", "2024-06-01"), 1, ("renewal", 1));
        AssertTasks(results.Value("tasks-completed", "2024-07-01"), 0);
    }

    [Fact]
    public void TasksCompleted_ByCsm_SplitByOwner()
    {
        // May by owner: ann k1, k2 (k2's account is bob's, the owner decides); bob none; no owner k5; carl none.
        var results = Run(Tasks(), "2024-05-01", "2024-06-01", ["tasks-completed"], SegmentBy.Csm);
        Assert.Equal(["all", "csm=ann", "csm=bob", "csm=(none)", "csm=carl"], results.Segments("tasks-completed"));
        AssertTasks(results.Value("tasks-completed", "2024-05-01", "csm=ann"), 2, ("onboarding", 1), ("renewal", 1));
        AssertTasks(results.Value("tasks-completed", "2024-05-01", "csm=bob"), 0);
        AssertTasks(results.Value("tasks-completed", "2024-05-01", "csm=(none)"), 1, ("onboarding", 1));
        AssertTasks(results.Value("tasks-completed", "2024-05-01", "csm=carl"), 0);
        AssertTasks(results.Value("tasks-completed", "2024-05-01"), 3, ("onboarding", 2), ("renewal", 1));
    }

    [Fact]
    public void TasksCompleted_ByPlan_SplitByAccount()
    {
        // May: pro (a) k1, k5 = 2; basic (b) k2 = 1.
        var results = Run(Tasks(), "2024-05-01", "2024-06-01", ["tasks-completed"], SegmentBy.Plan);
        AssertTasks(results.Value("tasks-completed", "2024-05-01", "plan=pro"), 2, ("onboarding", 2));
        AssertTasks(results.Value("tasks-completed", "2024-05-01", "plan=basic"), 1, ("renewal", 1));
    }

    [Fact]
    public void OverdueTasks_OpenAtCloseWithDueDateBeforeEnd()
    {
        // April: k5 (due 15 April, completed 1 May) = 1. May: k3 = 1 (k2 was late but closed; k4 not yet due).
        // June: k4 = 1 (k3 completed 2 June). By owner in June: carl 1, bob 0.
        var results = Run(Tasks(), "2024-04-01", "2024-07-01", ["overdue-tasks"], SegmentBy.Csm);
        Assert.Equal(1m, results.Value("overdue-tasks", "2024-04-01").Value);
        Assert.Equal(1m, results.Value("overdue-tasks", "2024-04-01", "csm=(none)").Value);
        Assert.Equal(1m, results.Value("overdue-tasks", "2024-05-01").Value);
        Assert.Equal(1m, results.Value("overdue-tasks", "2024-05-01", "csm=bob").Value);
        Assert.Equal(1m, results.Value("overdue-tasks", "2024-06-01").Value);
        Assert.Equal(1m, results.Value("overdue-tasks", "2024-06-01", "csm=carl").Value);
        Assert.Equal(0m, results.Value("overdue-tasks", "2024-06-01", "csm=bob").Value);
    }

    [Fact]
    public void WorkMetrics_NoTasks_ZeroCounts()
    {
        var data = new TenureDataSet { Present = InputKind.Tasks };
        var results = Run(data, "2024-05-01", "2024-06-01", ["tasks-completed", "overdue-tasks"]);
        AssertTasks(results.Value("tasks-completed", "2024-05-01"), 0);
        Assert.Equal(0m, results.Value("overdue-tasks", "2024-05-01").Value);
    }

    private static void AssertTasks(MetricValue value, int count, params (string Category, int Count)[] categories)
    {
        Assert.Equal(count, value.Value);
        Assert.NotNull(value.Breakdown);
        Assert.Equal(
            categories.OrderBy(c => c.Category, StringComparer.Ordinal).Select(c => (c.Category, (decimal)c.Count)),
            value.Breakdown.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value)));
    }
}
