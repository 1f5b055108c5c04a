using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;

namespace Tenure.Metrics.Tests;

/// <summary>
/// A request cut into stages that each read fewer bulky kinds (ADR 0330): metrics reading the same bulky kinds stay
/// together, those reading none come first, groups share a stage while its files fit the budget, and the stages'
/// results join back in the request's order.
/// </summary>
public class MetricStagesTests
{
    private const InputKind Shared = InputKind.Accounts | InputKind.Subscriptions;

    // Bytes of each file, in MB (the million-account demo's, rounded): accounts 105, subscriptions 1,112, invoices 861,
    // usage 2,901, users 182, tickets 736, surveys 276, tasks 415, milestones 68.
    private static long Size(InputKind kind) => kind switch
    {
        InputKind.Accounts => 105,
        InputKind.Subscriptions => 1_112,
        InputKind.Invoices => 861,
        InputKind.Usage => 2_901,
        InputKind.Users => 182,
        InputKind.Tickets => 736,
        InputKind.Surveys => 276,
        InputKind.Tasks => 415,
        InputKind.Milestones => 68,
        _ => 0,
    };

    private static readonly string[] Request = ["mrr", "dau", "tickets", "clv", "adoption-rate", "nps", "daily-usage", "tasks-completed", "time-to-value"];

    [Fact]
    public void Everything_within_the_budget_is_one_stage_in_the_requests_order()
    {
        var stages = MetricStages.Plan(Request, Shared, Size, budget: long.MaxValue);

        var stage = Assert.Single(stages);
        Assert.Equal(Request, stage.Metrics);
        Assert.Equal(
            Shared | InputKind.Usage | InputKind.Users | InputKind.Tickets | InputKind.Invoices | InputKind.Surveys | InputKind.Tasks | InputKind.Milestones,
            stage.Kinds);
    }

    [Fact]
    public void With_no_room_to_share_the_metrics_of_no_bulky_kind_come_first_then_each_group_alone()
    {
        var stages = MetricStages.Plan(Request, Shared, Size, budget: 1);

        // mrr, clv (invoices are not bulky: they go with the ledger) and time-to-value (milestones) read no bulky kind;
        // daily-usage reads users and usage, so dau and adoption-rate are one group with it; then tickets, nps, tasks.
        Assert.Equal(
            [
                ["mrr", "clv", "time-to-value"],
                ["dau", "adoption-rate", "daily-usage"],
                ["tickets"],
                ["nps"],
                ["tasks-completed"],
            ],
            stages.Select(s => s.Metrics.ToArray()).ToArray());
        Assert.Equal(
            [
                Shared | InputKind.Invoices | InputKind.Milestones,
                Shared | InputKind.Usage | InputKind.Users,
                Shared | InputKind.Tickets,
                Shared | InputKind.Surveys,
                Shared | InputKind.Tasks,
            ],
            stages.Select(s => s.Kinds).ToArray());
    }

    [Fact]
    public void A_group_joins_the_first_stage_its_files_fit_in()
    {
        // A third of an 8 GiB heap limit, in the MB of Size: 2,863.
        var stages = MetricStages.Plan(Request, Shared, Size, budget: 2_863);

        // First stage: 105 + 1,112 + 861 + 68 = 2,146. Usage and users (1,217 + 3,083 = 4,300) are over alone; tickets do not
        // fit the first (2,882) and start the third (1,953); surveys fit the first (2,422), and tasks then too (2,837).
        Assert.Equal(
            [
                ["mrr", "clv", "nps", "tasks-completed", "time-to-value"],
                ["dau", "adoption-rate", "daily-usage"],
                ["tickets"],
            ],
            stages.Select(s => s.Metrics.ToArray()).ToArray());
    }

    [Fact]
    public void A_shared_kind_is_read_by_every_stage_and_starts_none()
    {
        // Split: tasks are read by every stage (task owners are segments), so tasks-completed reads no bulky kind of its own.
        var stages = MetricStages.Plan(["tasks-completed", "nps", "overdue-tasks"], Shared | InputKind.Tasks, Size, budget: 1);

        Assert.Equal([["tasks-completed", "overdue-tasks"], ["nps"]], stages.Select(s => s.Metrics.ToArray()).ToArray());
        Assert.Equal(Shared | InputKind.Tasks, stages[0].Kinds);
        Assert.Equal(Shared | InputKind.Tasks | InputKind.Surveys, stages[1].Kinds);
    }

    [Fact]
    public void Only_bulky_metrics_make_no_empty_first_stage() =>
        Assert.Equal([["nps"], ["tickets"]], MetricStages.Plan(["nps", "tickets"], Shared, Size, budget: 1).Select(s => s.Metrics.ToArray()).ToArray());

    [Fact]
    public void An_unknown_metric_is_refused() =>
        Assert.Throws<ArgumentException>(() => MetricStages.Plan(["mrr", "no-such-metric"], Shared, Size, budget: 1));

    [Fact]
    public void Results_join_back_in_the_requests_order_each_metrics_own_order_kept()
    {
        var january = new Period(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc), Granularity.Month);
        var february = new Period(january.End, new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), Granularity.Month);
        static MetricResult Result(string metric, Period period, string segment) => new(metric, period, segment, MetricValue.None, MetricUnit.Count);
        IReadOnlyList<MetricResult> first = [Result("mrr", january, "all"), Result("mrr", february, "all"), Result("time-to-value", january, "all")];
        IReadOnlyList<MetricResult> second = [Result("dau", january, "all"), Result("dau", january, "csm=ann"), Result("dau", february, "all")];

        var joined = MetricStages.Join(["dau", "mrr", "time-to-value"], [first, second]);

        Assert.Equal([.. second, first[0], first[1], first[2]], joined);
    }

    [Fact]
    public void A_result_of_a_metric_not_asked_for_is_refused() =>
        Assert.Throws<ArgumentException>(() => MetricStages.Join(["mrr"], [[new MetricResult("nps", new Period(DateTime.UnixEpoch, DateTime.UnixEpoch.AddDays(1), Granularity.Day), "all", MetricValue.None, MetricUnit.Count)]]));
}
