using System.CommandLine;
using System.Globalization;

using Spectre.Console;

using Tenure.Cli.Commands.Storage;
using Tenure.Storage.Alerts;
using Tenure.Storage.Webhooks;

namespace Tenure.Cli.Commands;

/// <summary>
/// `tenure webhook add|list|remove|deliveries` (issue #12, a contract): where the tenant's events are POSTed,
/// signed with the webhook's secret; `tenure serve` sends them (docs/webhooks.md).
/// </summary>
internal static class WebhookCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("webhook", "Manage webhooks: `tenure webhook add`, `list`, `remove`, `deliveries` (docs/webhooks.md).");
        command.Subcommands.Add(Add(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Remove(context));
        command.Subcommands.Add(Deliveries(context));
        return command;
    }

    private static Command Add(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var url = new Option<string>("--url") { Description = "Where to POST: an http:// or https:// URL.", Required = true };
        var secret = new Option<string>("--secret") { Description = $"The signing secret ({Webhooks.MinSecretLength}+ characters) the receiver checks X-Tenure-Signature with; stored to sign, never printed.", Required = true };
        var events = new Option<string>("--events") { Description = $"Comma-separated events (default all): {string.Join(",", WebhookEvents.All)}." };
        var command = new Command("add", "Add a webhook: every subscribed event is POSTed as signed JSON by `tenure serve`.") { store.Db, store.Tenant, url, secret, events };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var tenantName = store.TenantName(parsed);
            var given = parsed.GetValue(url);
            var secretText = parsed.GetValue(secret);
            var eventsText = parsed.GetValue(events);
            // Checked before the database is opened: bad input saves nothing and names the option.
            Check(() => Webhooks.CheckUrl(given), "--url");
            Check(() => WebhookEvents.Parse(eventsText), "--events");
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            var hook = await Check(() => Webhooks.AddAsync(database, tenantName, given, secretText, eventsText, cancellationToken), "--secret");
            context.Out.WriteLine($"added webhook {hook.Id} for tenant {tenantName}: {hook.Url} ({string.Join(",", hook.Events)})");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var command = new Command("list", "List the tenant's webhooks: id, URL, events, created (never the secret).") { store.Db, store.Tenant, store.Format };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var json = store.IsJson(parsed);
            var tenantName = store.TenantName(parsed);
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            var hooks = await Webhooks.ListAsync(database, tenantName, cancellationToken);
            if (json)
            {
                store.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("webhooks");
                    foreach (var h in hooks) WebhookJson.Write(w, h);
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
                return ExitCodes.Ok;
            }
            var table = TenantDatabaseOptions.NewTable("Id", "URL", "Events", "Created");
            foreach (var h in hooks)
                table.AddRow(h.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(h.Url), string.Join(",", h.Events), AlertJson.Instant(h.CreatedAt));
            store.WriteTable(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var id = new Option<string>("--id") { Description = "The webhook's id (from `tenure webhook list`).", Required = true };
        var command = new Command("remove", "Remove a webhook and its delivery log; its pending deliveries are not sent.") { id, store.Db, store.Tenant };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var hookId = Id(parsed.GetValue(id));
            var tenantName = store.TenantName(parsed);
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            if (!await Webhooks.RemoveAsync(database, tenantName, hookId, cancellationToken))
                throw new CliException($"error: --id {hookId}: tenant {tenantName} has no such webhook.");
            context.Out.WriteLine($"removed webhook {hookId}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Deliveries(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var id = new Option<string>("--id") { Description = "The webhook's id (from `tenure webhook list`).", Required = true };
        var command = new Command("deliveries", "The webhook's delivery log, newest first: event, status (pending, delivered, failed), attempts, last error.") { id, store.Db, store.Tenant, store.Format };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var hookId = Id(parsed.GetValue(id));
            var json = store.IsJson(parsed);
            var tenantName = store.TenantName(parsed);
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            if (!(await Webhooks.ListAsync(database, tenantName, cancellationToken)).Any(h => h.Id == hookId))
                throw new CliException($"error: --id {hookId}: tenant {tenantName} has no such webhook.");
            var deliveries = await Webhooks.DeliveriesAsync(database, tenantName, hookId, 100, cancellationToken);
            if (json)
            {
                store.WriteJson(w => WebhookJson.WriteDeliveries(w, deliveries));
                return ExitCodes.Ok;
            }
            var table = TenantDatabaseOptions.NewTable("Delivery", "Event", "Occurred", "Status", "Attempts", "Last error");
            foreach (var d in deliveries)
            {
                table.AddRow(d.Id, d.Event, AlertJson.Instant(d.OccurredAt), WebhookJson.StatusText(d.Status),
                    d.Attempts.ToString(CultureInfo.InvariantCulture), Markup.Escape(d.LastError ?? ""));
            }
            store.WriteTable(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Check(Action action, string option) => Check(() => { action(); return 0; }, option);

    private static T Check<T>(Func<T> action, string option) =>
        TenantDatabaseOptions.Refusing<WebhookException, T>(action, e => $"error: {option}: {e.Message} Nothing was saved.");

    private static Task<T> Check<T>(Func<Task<T>> action, string option) =>
        TenantDatabaseOptions.RefusingAsync<WebhookException, T>(action, e => $"error: {option}: {e.Message} Nothing was saved.");

    private static long Id(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new CliException($"error: --id '{text}' is not a webhook id (a whole number from `tenure webhook list`).");
}
