using System.CommandLine;

using Spectre.Console;

using Tenure.Cli.Commands.Storage;
using Tenure.Metrics.Goals;
using Tenure.Storage.Alerts;
using Tenure.Storage.Goals;

namespace Tenure.Cli.Commands;

/// <summary>
/// `tenure goal set|list|remove` (issue #12 item 5): targets per metric, period and scope that the dashboards' cards
/// show progress toward (docs/goals.md). Checked by <see cref="GoalRules"/>, as the goals page and the API are.
/// </summary>
internal static class GoalCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("goal", "Manage goals: `tenure goal set`, `list`, `remove` (docs/goals.md).");
        command.Subcommands.Add(Set(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Remove(context));
        return command;
    }

    private static Command Set(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var metric = new Option<string>("--metric") { Description = "The metric id (docs/metrics.md), e.g. churn-rate, nps.", Required = true };
        var target = new Option<string>("--target") { Description = "The target in the metric's unit: 5 for 5 %, 50 for NPS 50.", Required = true };
        var atMost = new Option<bool>("--at-most") { Description = "Met when the figure is at most the target (default for metrics where lower is better)." };
        var atLeast = new Option<bool>("--at-least") { Description = "Met when the figure is at least the target (default for metrics where higher is better)." };
        var period = new Option<string>("--period") { Description = "month, quarter or year: the period each figure is held to the target over.", Required = true };
        var csm = new Option<string>("--csm") { Description = "The goal is for this CSM's book (as accounts.csv spells the name)." };
        var segment = new Option<string>("--segment") { Description = "The goal is for this segment (as accounts.csv spells it)." };
        var command = new Command("set", "Set a goal (replacing the one with the same metric, period and scope): e.g. `tenure goal set --metric churn-rate --target 5 --at-most --period month`.")
        {
            store.Db, store.Tenant, metric, target, atMost, atLeast, period, csm, segment,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var tenantName = store.TenantName(parsed);
            if (parsed.GetValue(atMost) && parsed.GetValue(atLeast))
                throw new CliException("error: --at-most and --at-least: give one of them, not both. Nothing was saved.");
            var direction = parsed.GetValue(atMost) ? "at_most" : parsed.GetValue(atLeast) ? "at_least" : null;
            var request = new GoalRequest(parsed.GetValue(metric), parsed.GetValue(target), direction, parsed.GetValue(period), parsed.GetValue(csm), parsed.GetValue(segment));
            // The rules that need no data first: bad input names the option before the database is opened.
            Refuse(GoalRules.Check(request).Problems);
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            var known = await GoalScopeValues.ReadAsync(database, tenantName, cancellationToken);
            var (goal, problems) = GoalRules.Check(request, known.Csms, known.Segments);
            Refuse(problems);
            var created = await GoalStore.SetAsync(database, tenantName, goal!, "cli", cancellationToken);
            context.Out.WriteLine($"{(created ? "set" : "replaced")} goal for tenant {tenantName}: {goal!.MetricId} {GoalNames.Label(goal)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var command = new Command("list", "List the tenant's goals: metric, direction, target, period, scope.") { store.Db, store.Tenant, store.Format };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var json = store.IsJson(parsed);
            var tenantName = store.TenantName(parsed);
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            var goals = await GoalStore.ListAsync(database, tenantName, cancellationToken);
            if (json)
            {
                store.WriteJson(w => GoalJson.WriteList(w, goals));
                return ExitCodes.Ok;
            }
            var table = TenantDatabaseOptions.NewTable("Metric", "Goal", "Scope", "Updated", "By");
            foreach (var g in goals)
                table.AddRow(g.Goal.MetricId, Markup.Escape(GoalNames.Label(g.Goal with { Scope = GoalScope.All })), Markup.Escape(g.Goal.Scope.ToString()), AlertJson.Instant(g.UpdatedAt), Markup.Escape(g.UpdatedBy));
            store.WriteTable(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var metric = new Option<string>("--metric") { Description = "The goal's metric id.", Required = true };
        var period = new Option<string>("--period") { Description = "The goal's period: month, quarter or year.", Required = true };
        var csm = new Option<string>("--csm") { Description = "The goal's CSM (for a goal set with --csm)." };
        var segment = new Option<string>("--segment") { Description = "The goal's segment (for a goal set with --segment)." };
        var command = new Command("remove", "Remove the goal with this metric, period and scope.") { store.Db, store.Tenant, metric, period, csm, segment };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var tenantName = store.TenantName(parsed);
            // The same rules as set, with a placeholder target: a remove names a goal the way set does.
            var (goal, problems) = GoalRules.Check(new GoalRequest(parsed.GetValue(metric), "0", "at_most", parsed.GetValue(period), parsed.GetValue(csm), parsed.GetValue(segment)));
            Refuse(problems, "Nothing was removed.");
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            if (!await GoalStore.RemoveAsync(database, tenantName, goal!.MetricId, goal.Period, goal.Scope, cancellationToken))
                throw new CliException($"error: tenant {tenantName} has no goal for {goal.MetricId} per {GoalNames.Of(goal.Period)}, scope {goal.Scope}.");
            context.Out.WriteLine($"removed goal {goal.MetricId} per {GoalNames.Of(goal.Period)}, scope {goal.Scope}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Turns the rules' problems into one error naming each option and rule.</summary>
    private static void Refuse(IReadOnlyList<GoalProblem> problems, string outcome = "Nothing was saved.")
    {
        if (problems.Count == 0) return;
        throw new CliException("error: " + string.Join(" ", problems.Select(p => $"--{(p.Field == "scope" ? "csm/--segment" : p.Field == "direction" ? "at-most/--at-least" : p.Field)}: {p.Message}")) + " " + outcome);
    }
}
