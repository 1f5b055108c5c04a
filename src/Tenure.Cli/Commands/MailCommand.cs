using System.CommandLine;
using System.Globalization;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

using Tenure.Cli.Commands.Storage;
using Tenure.Storage.Mail;
using Tenure.Storage.Users;
using Tenure.Web.Mail;

namespace Tenure.Cli.Commands;

/// <summary>
/// `tenure mail test|preferences|digest` and `tenure report schedule add|list|remove` (docs/email.md): try the mail
/// configuration, each user's opt-outs, the digest's day and hour, and scheduled dashboard reports.
/// </summary>
internal static class MailCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("mail", "E-mail: `tenure mail test`, `preferences`, `digest` (docs/email.md).");
        command.Subcommands.Add(Test(context));
        command.Subcommands.Add(Preferences(context));
        command.Subcommands.Add(Digest(context));
        return command;
    }

    public static Command Report(CliContext context)
    {
        var schedule = new Command("schedule", "Scheduled reports: `tenure report schedule add`, `list`, `remove`.");
        schedule.Subcommands.Add(Add(context));
        schedule.Subcommands.Add(List(context));
        schedule.Subcommands.Add(Remove(context));
        var command = new Command("report", "Dashboard reports by e-mail: `tenure report schedule add|list|remove` (docs/email.md).");
        command.Subcommands.Add(schedule);
        return command;
    }

    private static Command Test(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var to = new Option<string>("--to") { Description = "Where to send the test message (one or more addresses, comma-separated).", Required = true };
        var command = new Command("test", "Send a test message now through the mail configuration `tenure serve` would use (Tenure__Mail__* environment variables): SMTP, or the .eml drop folder.") { store.Db, store.Tenant, to };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var tenantName = store.TenantName(parsed);
            var recipients = Check(() => MailAddresses.ParseList(parsed.GetValue(to), "to"), "--to");
            var options = new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection(MailOptions.Section).Get<MailOptions>() ?? new MailOptions();
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            var transport = MailDispatcher.Transport(options, database.Location);
            var id = await MailOutbox.EnqueueAsync(database, tenantName, new OutgoingMail(recipients, "[Tenure] Test message",
                $"This is a test message from Tenure (tenant {tenantName}), sent by `tenure mail test` via {transport.Describe()}.\n", MailKinds.Test), cancellationToken);
            var dispatcher = new MailDispatcher(database, transport, options.From, TimeProvider.System, NullLogger<MailDispatcher>.Instance);
            await dispatcher.SendDueAsync(cancellationToken);
            var log = (await MailOutbox.ListAsync(database, tenantName, MailKinds.Test, 20, cancellationToken)).First(m => m.Id == id);
            if (log.Status != MailStatus.Sent)
                throw new CliException($"error: the test message was not accepted by {transport.Describe()}: {log.LastError} (it stays in the outbox; `tenure serve` retries it).", ExitCodes.Failure);
            context.Out.WriteLine($"sent test message {id} to {string.Join(", ", recipients)} via {transport.Describe()}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Preferences(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var email = new Option<string>("--email") { Description = "The dashboard user.", Required = true };
        var alerts = new Option<string>("--alert-emails") { Description = "on or off: e-mails when an alert opens on one of the user's accounts." };
        var digest = new Option<string>("--digest-emails") { Description = "on or off: the weekly digest." };
        var command = new Command("preferences", "Show or change a user's e-mail choices (alert e-mails, weekly digest).") { store.Db, store.Tenant, email, alerts, digest };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var tenantName = store.TenantName(parsed);
            var alertsOn = OnOff(parsed.GetValue(alerts), "--alert-emails");
            var digestOn = OnOff(parsed.GetValue(digest), "--digest-emails");
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            var address = parsed.GetValue(email) ?? "";
            var result = alertsOn is null && digestOn is null
                ? await MailPreferences.GetAsync(database, tenantName, address, cancellationToken)
                : await MailPreferences.SetAsync(database, tenantName, address, alertsOn, digestOn, cancellationToken);
            if (result is null) throw new CliException($"error: --email: tenant {tenantName} has no user '{address}' (see `tenure user list`).");
            context.Out.WriteLine($"{result.Email}: alert e-mails {(result.AlertEmails ? "on" : "off")}, digest {(result.DigestEmails ? "on" : "off")}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Digest(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var day = new Option<string>("--day") { Description = "The weekday of the digest (default monday).", Required = true };
        var hour = new Option<int>("--hour") { Description = "The hour, 0-23, in the workspace's time zone (default 8).", DefaultValueFactory = _ => 8 };
        var command = new Command("digest", "Set when the weekly CSM digest is sent (default Monday 08:00 in the workspace's time zone).") { store.Db, store.Tenant, day, hour };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var tenantName = store.TenantName(parsed);
            var dayText = parsed.GetValue(day)?.Trim() ?? "";
            if (!Enum.TryParse<DayOfWeek>(dayText, ignoreCase: true, out var weekday) || !Enum.IsDefined(weekday) || int.TryParse(dayText, out _))
                throw new CliException($"error: --day: '{dayText}' is not a weekday (monday to sunday). Nothing was saved.");
            var at = parsed.GetValue(hour);
            if (at is < 0 or > 23) throw new CliException($"error: --hour: {at} is not an hour of the day (0 to 23). Nothing was saved.");
            var value = string.Create(CultureInfo.InvariantCulture, $"{weekday.ToString().ToLowerInvariant()} {at:00}:00");
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            await TenantSettings.SetAsync(database, tenantName, MailScheduler.DigestSetting, value, cancellationToken);
            context.Out.WriteLine($"weekly digest of tenant {tenantName}: {value}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Add(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var view = new Option<string>("--view") { Description = "The dashboard view: its path and query, e.g. /dashboards/saas?segment=smb.", Required = true };
        var frequency = new Option<string>("--frequency") { Description = "daily, weekly (Mondays) or monthly (the 1st).", Required = true };
        var hour = new Option<int>("--hour") { Description = "The hour, 0-23, in the workspace's time zone (default 8).", DefaultValueFactory = _ => 8 };
        var to = new Option<string>("--to") { Description = "The recipients, comma-separated.", Required = true };
        var command = new Command("add", "Schedule a dashboard view by e-mail: its numbers in the body, its cards, tables and series as CSV.") { store.Db, store.Tenant, view, frequency, hour, to };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var tenantName = store.TenantName(parsed);
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            var schedule = await CheckAsync(() => ReportSchedules.AddAsync(database, tenantName, parsed.GetValue(view), parsed.GetValue(frequency), parsed.GetValue(hour), parsed.GetValue(to),
                DateTime.UtcNow, cancellationToken));
            context.Out.WriteLine($"added report {schedule.Id} for tenant {tenantName}: {schedule.View}, {schedule.Frequency} at {schedule.Hour:00}:00, to {string.Join(", ", schedule.To)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var command = new Command("list", "List the tenant's scheduled reports.") { store.Db, store.Tenant, store.Format };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var tenantName = store.TenantName(parsed);
            var json = store.IsJson(parsed);
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            var schedules = await ReportSchedules.ListAsync(database, tenantName, cancellationToken);
            if (json)
            {
                store.WriteJson(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteStartArray("reports");
                    foreach (var s in schedules) ReportSchedules.WriteSchedule(writer, s);
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                });
            }
            else
            {
                foreach (var s in schedules)
                    context.Out.WriteLine($"{s.Id}\t{s.View}\t{s.Frequency} {s.Hour:00}:00\t{string.Join(",", s.To)}");
                if (schedules.Count == 0) context.Out.WriteLine($"tenant {tenantName} has no scheduled reports");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var store = new TenantDatabaseOptions(context);
        var id = new Option<int>("--id") { Description = "The report's id (from `tenure report schedule list`).", Required = true };
        var command = new Command("remove", "Stop a scheduled report.") { store.Db, store.Tenant, id };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var tenantName = store.TenantName(parsed);
            await using var database = await store.OpenAsync(parsed, cancellationToken);
            if (!await ReportSchedules.RemoveAsync(database, tenantName, parsed.GetValue(id), cancellationToken))
                throw new CliException($"error: --id: tenant {tenantName} has no scheduled report {parsed.GetValue(id)}.");
            context.Out.WriteLine($"removed report {parsed.GetValue(id)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static bool? OnOff(string? text, string option) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "on" or "true" or "yes" => true,
        "off" or "false" or "no" => false,
        _ => throw new CliException($"error: {option}: '{text}' is not on or off. Nothing was saved."),
    };

    private static T Check<T>(Func<T> action, string option) =>
        TenantDatabaseOptions.Refusing<MailException, T>(action, e => $"error: {option}: {e.Message}");

    private static Task<T> CheckAsync<T>(Func<Task<T>> action) =>
        TenantDatabaseOptions.RefusingAsync<MailException, T>(action, e => $"error: {e.Message} Nothing was saved.");
}
