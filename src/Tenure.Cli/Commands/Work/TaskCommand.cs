using System.CommandLine;
using System.Globalization;

using Spectre.Console;

using Tenure.Cli.Commands.Storage;
using Tenure.Cli.Output;
using Tenure.Storage.Alerts;
using Tenure.Storage.Work;

namespace Tenure.Cli.Commands.Work;

/// <summary>
/// `tenure task add|list|complete` (docs/tasks.md): Tenure's own tasks in the database, the same store and JSON as
/// /api/v1/tasks. `--format json` prints the task (add, complete) or <c>{"tasks":[...]}</c> (list).
/// </summary>
internal static class TaskCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("task", "Tenure's own tasks (beside imported tasks.csv; both count in tasks-completed and overdue-tasks); see docs/tasks.md.");
        command.Subcommands.Add(Add(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Complete(context));
        return command;
    }

    private static Command Add(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var account = new Option<string>("--account") { Description = "The account's id (accounts.csv account_id).", Required = true };
        var title = new Option<string>("--title") { Description = "What to do (1-200 characters).", Required = true };
        var owner = new Option<string>("--owner") { Description = "Whose task it is (a CSM name); the account's CSM when not given." };
        var due = new Option<string>("--due") { Description = "Due date: yyyy-MM-dd or an ISO 8601 instant with its offset (1900-01-01 to 10 years ahead)." };
        var category = new Option<string>("--category") { Description = "A category (the \"work focus\" split of tasks-completed)." };
        var command = new Command("add", "Create a task on an account; writes its task.created webhook deliveries.")
        {
            account, title, owner, due, category, store.Db, store.Tenant, store.Format,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var outputFormat = store.TableOrJson(parsed);
            var tenantName = store.TenantName(parsed);
            var now = context.Clock.GetUtcNow().UtcDateTime;
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            var task = await Guard(() => TaskStore.CreateAsync(database, tenantName,
                new NewTask(parsed.GetValue(account), parsed.GetValue(title), parsed.GetValue(owner), parsed.GetValue(category),
                    WorkInput.ParseDue(parsed.GetValue(due), now), "cli:" + Environment.UserName), now, cancellationToken));
            if (outputFormat == OutputFormat.Json)
                store.WriteJson(json => TaskJson.Write(json, task));
            else
                context.Out.WriteLine($"created task {task.Id} on {task.AccountId} for {task.Owner ?? "nobody"}{(task.DueAt is { } d ? ", due " + AlertJson.Instant(d) : "")}: {task.Title}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var status = new Option<string>("--status") { Description = "open (default), completed or all." };
        var account = new Option<string>("--account") { Description = "Only this account's tasks." };
        var owner = new Option<string>("--owner") { Description = "Only this owner's tasks." };
        var command = new Command("list", "List Tenure's tasks: open ones by due date (overdue first), then completed ones newest first.")
        {
            store.Db, store.Tenant, status, account, owner, store.Format,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var filter = parsed.GetValue(status)?.Trim().ToLowerInvariant() switch
            {
                null or "" or "open" => TaskStatusFilter.Open,
                "completed" => TaskStatusFilter.Completed,
                "all" => TaskStatusFilter.All,
                var other => throw new CliException($"error: --status '{other}' is not one of open, completed, all."),
            };
            var outputFormat = store.TableOrJson(parsed);
            var tenantName = store.TenantName(parsed);
            var now = context.Clock.GetUtcNow().UtcDateTime;
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            var tasks = await TaskStore.ListAsync(database, tenantName, filter, parsed.GetValue(account), parsed.GetValue(owner), cancellationToken: cancellationToken);
            if (outputFormat == OutputFormat.Json)
            {
                store.WriteJson(json => TaskJson.WriteList(json, tasks));
                return ExitCodes.Ok;
            }
            var table = TenantDatabaseOptions.NewTable("Id", "Account", "Title", "Owner", "Due", "Status");
            foreach (var t in tasks)
            {
                var state = t.CompletedAt is { } done ? "completed " + AlertJson.Instant(done) : t.IsOverdueAt(now) ? "overdue" : "open";
                table.AddRow(t.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(t.AccountId), Markup.Escape(t.Title), Markup.Escape(t.Owner ?? ""),
                    t.DueAt is { } due ? AlertJson.Instant(due) : "", state);
            }
            store.WriteTable(table);
            context.Out.WriteLine($"{tasks.Count} task(s) for tenant {tenantName}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Complete(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var id = new Option<string>("--id") { Description = "The task's id (as `tenure task list` shows it).", Required = true };
        var command = new Command("complete", "Complete a task now (completing a completed task changes nothing).") { id, store.Db, store.Tenant, store.Format };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var text = parsed.GetValue(id);
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var taskId) || taskId <= 0)
                throw new CliException($"error: --id '{text}' is not a task id (a whole number from `tenure task list`).");
            var outputFormat = store.TableOrJson(parsed);
            var tenantName = store.TenantName(parsed);
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            var result = await TaskStore.CompleteAsync(database, tenantName, taskId, context.Clock.GetUtcNow().UtcDateTime, "cli:" + Environment.UserName, cancellationToken)
                ?? throw new CliException($"error: --id {taskId}: tenant {tenantName} has no such task.");
            if (outputFormat == OutputFormat.Json)
                store.WriteJson(json => TaskJson.Write(json, result.Task));
            else
                context.Out.WriteLine(result.Changed
                    ? $"completed task {taskId} ({result.Task.Title} on {result.Task.AccountId})"
                    : $"task {taskId} was already completed at {AlertJson.Instant(result.Task.CompletedAt!.Value)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A store call whose input errors become a CLI error naming the field ("error: title: required ...; nothing was saved").</summary>
    internal static Task<T> Guard<T>(Func<Task<T>> call) =>
        TenantDatabaseOptions.RefusingAsync<WorkInputException, T>(call, e => "error: " + e.Message + " Nothing was saved.");
}
