using System.CommandLine;

using Tenure.Cli.Commands.Storage;
using Tenure.Cli.Output;
using Tenure.Storage.Alerts;
using Tenure.Storage.Work;

namespace Tenure.Cli.Commands.Work;

/// <summary>
/// `tenure note add|list` (docs/tasks.md): notes on accounts, the same store and JSON as /api/v1/accounts/{id}/notes.
/// A note is a touch for the engagement factor and a comment for `tenure feedback`.
/// </summary>
internal static class NoteCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("note", "Notes on accounts (they feed the engagement health factor and the feedback analysis); see docs/tasks.md.");
        command.Subcommands.Add(Add(context));
        command.Subcommands.Add(List(context));
        return command;
    }

    private static Command Add(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var account = new Option<string>("--account") { Description = "The account's id.", Required = true };
        var text = new Option<string>("--text") { Description = "The note (1-8000 characters).", Required = true };
        var source = new Option<string>("--source") { Description = "The kind of touch: call, meeting, email, ... (default csm)." };
        var command = new Command("add", "Write a note on an account.") { account, text, source, store.Db, store.Tenant, store.Format };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var outputFormat = store.TableOrJson(parsed);
            var tenantName = store.TenantName(parsed);
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            var note = await TaskCommand.Guard(() => NoteStore.AddAsync(database, tenantName, parsed.GetValue(account), parsed.GetValue(text),
                "cli:" + Environment.UserName, context.Clock.GetUtcNow().UtcDateTime, parsed.GetValue(source), cancellationToken));
            context.Out.WriteLine(outputFormat == OutputFormat.Json
                ? AlertsCommand.Json(json => TaskJson.WriteNote(json, note))
                : $"wrote note {note.Id} on {note.AccountId} ({note.Source}) at {AlertJson.Instant(note.CreatedAt)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var account = new Option<string>("--account") { Description = "Only this account's notes." };
        var command = new Command("list", "List the notes written in Tenure, newest first.") { store.Db, store.Tenant, account, store.Format };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var outputFormat = store.TableOrJson(parsed);
            var tenantName = store.TenantName(parsed);
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            var notes = await NoteStore.ListAsync(database, tenantName, parsed.GetValue(account), cancellationToken: cancellationToken);
            if (outputFormat == OutputFormat.Json)
            {
                store.WriteJson(json => TaskJson.WriteNotes(json, notes));
                return ExitCodes.Ok;
            }
            foreach (var n in notes)
                context.Out.WriteLine($"{n.Id}  {AlertJson.Instant(n.CreatedAt)}  {n.AccountId}  {n.Source}  {n.Author}\n    {n.Text.ReplaceLineEndings("\n    ")}");
            context.Out.WriteLine($"{notes.Count} note(s) for tenant {tenantName}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
