using System.CommandLine;
using System.Globalization;
using System.Text.Json;

using Spectre.Console;

using Tenure.Cli.Commands.Storage;
using Tenure.Cli.Output;
using Tenure.Metrics.Alerts;
using Tenure.Metrics.Inputs;
using Tenure.Storage;
using Tenure.Storage.Alerts;

namespace Tenure.Cli.Commands;

/// <summary>
/// `tenure alerts` (issue #12, a contract): the tenant's alerts as a table or
/// <c>{"alerts":[{"id":..,"rule":..,"account_id":..,"csm":..,"opened_at":..,"status":..,"reason":..}]}</c>;
/// `tenure alerts evaluate` runs the rules now, `tenure alerts resolve --id N` resolves one by hand,
/// `tenure alerts rules` shows or sets (--set alerts.json) the workspace's rules.
/// </summary>
internal static class AlertsCommand
{
    public static Command Create(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var status = new Option<string>("--status") { Description = "open (default) or all (resolved ones too)." };
        var command = new Command("alerts", "Alerts the rules opened (health-red, health-drop, detractor, renewal-risk, usage-drop, churn-risk, escalation); see docs/alerts.md.")
        {
            store.Db, store.Tenant, status, store.Format,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var openOnly = parsed.GetValue(status)?.Trim().ToLowerInvariant() switch
            {
                null or "" or "open" => true,
                "all" => false,
                var other => throw new CliException($"error: --status '{other}' is not one of open, all."),
            };
            var outputFormat = store.TableOrJson(parsed);
            var tenantName = store.TenantName(parsed);
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            var alerts = await AlertStore.ListAsync(database, tenantName, openOnly, cancellationToken);
            if (outputFormat == OutputFormat.Json)
            {
                store.WriteJson(json => AlertJson.WriteList(json, alerts));
                return ExitCodes.Ok;
            }
            var table = TenantDatabaseOptions.NewTable("Id", "Rule", "Account", "CSM", "Opened", "Status", "Reason");
            foreach (var a in alerts)
            {
                table.AddRow(a.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(a.Rule), Markup.Escape(a.AccountId), Markup.Escape(a.Csm ?? ""),
                    AlertJson.Instant(a.OpenedAt), a.Status == AlertStatus.Open ? "open" : $"resolved ({AlertJson.ResolutionText(a.Resolution!.Value)})", Markup.Escape(a.Reason));
            }
            store.WriteTable(table);
            context.Out.WriteLine($"{alerts.Count} {(openOnly ? "open " : "")}alert(s) for tenant {tenantName}.");
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(Evaluate(context));
        command.Subcommands.Add(Resolve(context));
        command.Subcommands.Add(Rules(context));
        return command;
    }

    private static Command Evaluate(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var command = new Command("evaluate", "Evaluate the workspace's alert rules now: open alerts whose condition holds, resolve those whose condition cleared (the server also does this hourly and after every import).")
        {
            store.Db, store.Tenant, store.Format,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var outputFormat = store.TableOrJson(parsed);
            var tenantName = store.TenantName(parsed);
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            var (evaluation, changes) = await EvaluateAsync(context, database, tenantName, cancellationToken);
            if (outputFormat == OutputFormat.Json)
            {
                store.WriteJson(json => AlertJson.WriteEvaluation(json, tenantName, evaluation, changes));
                return ExitCodes.Ok;
            }
            context.Out.WriteLine(Summary(evaluation, changes, tenantName));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Resolve(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var id = new Option<string>("--id") { Description = "The alert's id (as `tenure alerts` lists it).", Required = true };
        var command = new Command("resolve", "Resolve an alert by hand; it stays resolved while its condition holds, and a new alert opens only after the condition has cleared.")
        {
            id, store.Db, store.Tenant,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var text = parsed.GetValue(id);
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var alertId) || alertId <= 0)
                throw new CliException($"error: --id '{text}' is not an alert id (a whole number from `tenure alerts`).");
            var tenantName = store.TenantName(parsed);
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            var result = await AlertStore.ResolveAsync(database, tenantName, alertId, context.Clock.GetUtcNow().UtcDateTime, cancellationToken)
                ?? throw new CliException($"error: --id {alertId}: tenant {tenantName} has no such alert.");
            context.Out.WriteLine(result.Changed
                ? $"resolved alert {alertId} ({result.Alert.Rule} on {result.Alert.AccountId})"
                : $"alert {alertId} was already resolved ({AlertJson.ResolutionText(result.Alert.Resolution!.Value)} at {AlertJson.Instant(result.Alert.ResolvedAt!.Value)})");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Rules(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var set = new Option<string>("--set") { Description = "An alerts.json to validate and store as the workspace's rules (docs/alerts.md); nothing is saved when it breaks a rule." };
        var reset = new Option<bool>("--reset") { Description = "Go back to the shipped rules." };
        var command = new Command("rules", "Print the workspace's alert rules as alerts.json, or set them with --set FILE.") { store.Db, store.Tenant, set, reset };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var tenantName = store.TenantName(parsed);
            var file = parsed.GetValue(set);
            string? text = null;
            if (file is not null)
            {
                if (parsed.GetValue(reset)) throw new CliException("error: give --set FILE or --reset, not both.");
                if (!File.Exists(file)) throw new CliException($"error: --set '{file}' does not exist.");
                text = File.ReadAllText(file);
                try
                {
                    AlertSettingsJson.Parse(text, Path.GetFileName(file)); // validate before opening anything
                }
                catch (AlertSettingsException e)
                {
                    throw new CliException("error: " + e.Message + "; nothing was saved.");
                }
            }
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            var settings = file is not null || parsed.GetValue(reset)
                ? await AlertSettingsStore.SetAsync(database, tenantName, text, Path.GetFileName(file ?? "alerts.json"), cancellationToken)
                : await AlertSettingsStore.GetAsync(database, tenantName, cancellationToken);
            context.Out.WriteLine(AlertSettingsJson.Write(settings));
            if (file is not null) context.Error.WriteLine($"stored the alert rules of {file} for tenant {tenantName}; they apply from the next evaluation.");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Evaluates the tenant's rules at the clock's now; a stored alerts.json that no longer reads is a clear error.</summary>
    /// <summary>Evaluates and applies the tenant's alert rules over <paramref name="data"/>, its stored data (loaded when null).</summary>
    public static async Task<(AlertEvaluation Evaluation, AlertChanges Changes)> EvaluateAsync(CliContext context, TenureDatabase database, string tenant, CancellationToken cancellationToken,
        TenureDataSet? data = null)
    {
        try
        {
            return await TenantAlerts.EvaluateAsync(database, tenant, context.Clock.GetUtcNow().UtcDateTime, data, cancellationToken: cancellationToken);
        }
        catch (AlertSettingsException e)
        {
            throw new CliException("error: " + e.Message + "; fix it with `tenure alerts rules --set FILE`.");
        }
    }

    /// <summary>"alerts for tenant t at ...: 2 opened, 1 resolved, 3 still open; not evaluated: churn-risk (not available until ...)".</summary>
    public static string Summary(AlertEvaluation evaluation, AlertChanges changes, string tenant)
    {
        var text = $"alerts for tenant {tenant} at {AlertJson.Instant(AlertStore.WholeSeconds(evaluation.Now))}: {changes.Opened.Count} opened, {changes.Resolved.Count} resolved, {changes.StillOpen} still open";
        if (evaluation.NotEvaluated.Count > 0)
            text += "; not evaluated: " + string.Join(", ", evaluation.NotEvaluated.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} ({r.Value})"));
        return text;
    }

    public static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
            write(json);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
