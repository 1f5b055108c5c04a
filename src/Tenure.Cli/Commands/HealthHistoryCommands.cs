using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

using Spectre.Console;

using Tenure.Cli.Output;
using Tenure.Metrics.Health;
using Tenure.Metrics.Reporting;
using Tenure.Predictive.Churn;
using Tenure.Storage.Health;
using Tenure.Storage.Users;

namespace Tenure.Cli.Commands;

/// <summary>
/// `tenure health history` (the stored daily health of a tenant's accounts and their band changes) and
/// `tenure health backfill` (scores the last days into that history, as the server does on its first start).
/// </summary>
internal static class HealthHistoryCommands
{
    /// <summary>Days before --to that `tenure health history` shows without --from (as the API's default).</summary>
    public const int DefaultDays = 90;

    public static Command History(CliContext context)
    {
        var db = Storage.StorageOptions.Db();
        var tenant = Storage.StorageOptions.Tenant();
        var from = new Option<string>("--from") { Description = $"The first day (yyyy-MM-dd, inclusive; default {DefaultDays} days before --to)." };
        var to = new Option<string>("--to") { Description = "The last day (yyyy-MM-dd, inclusive; default today)." };
        var account = new Option<string>("--account") { Description = "Only this account id." };
        var format = new Option<string>("--format") { Description = "table (default), json or csv." };
        var command = new Command("history", "The stored daily health scores of the accounts (recorded by `tenure serve` or `tenure health backfill`) and the days their band changed.")
        {
            db, tenant, from, to, account, format,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var last = parsed.GetValue(to) is { } toText ? Day(toText, "--to") : context.Clock.GetUtcNow().UtcDateTime.Date;
            var first = parsed.GetValue(from) is { } fromText ? Day(fromText, "--from") : last.AddDays(-DefaultDays);
            if (first > last)
                throw new CliException($"error: --from {first:yyyy-MM-dd} is after --to {last:yyyy-MM-dd}.");
            var outputFormat = CliParsing.Format(parsed.GetValue(format));
            var dbText = parsed.GetValue(db);
            var location = Storage.StorageOptions.Location(dbText);
            var tenantName = Storage.StorageOptions.TenantName(parsed.GetValue(tenant));
            await using var database = await Storage.StorageOptions.OpenExistingAsync(context, location, dbText, cancellationToken);
            var days = await HealthHistory.ReadAsync(database, tenantName, first, last, parsed.GetValue(account), cancellationToken);
            var accounts = days.GroupBy(d => d.Health.AccountId, StringComparer.Ordinal)
                .Select(g => (Id: g.Key, Days: (IReadOnlyList<DatedHealth>)[.. g], Changes: HealthBandChanges.Of(g.Select(d => new HealthOnDay(d.Day, d.Health.Score, d.Health.Band)))))
                .ToList();
            if (days.Count == 0)
                context.Error.WriteLine($"no health history stored for tenant '{tenantName}' from {first:yyyy-MM-dd} to {last:yyyy-MM-dd}; `tenure health backfill` or `tenure serve` records it.");
            switch (outputFormat)
            {
                case OutputFormat.Json:
                    using (var stream = new MemoryStream())
                    {
                        using (var json = new Utf8JsonWriter(stream))
                        {
                            json.WriteStartObject();
                            json.WriteString("from", first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                            json.WriteString("to", last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                            json.WriteStartArray("accounts");
                            foreach (var a in accounts)
                                HealthHistoryJson.Write(json, a.Id, first, last, a.Days, a.Changes);
                            json.WriteEndArray();
                            json.WriteEndObject();
                        }
                        context.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
                    }
                    break;
                case OutputFormat.Csv:
                    HealthHistoryCsv.Write(context.Out, days);
                    break;
                default:
                    var terminal = Terminal.For(context.Out, context.IsInteractive);
                    var table = new Table().Border(TableBorder.Rounded).Title($"Account health from {first:yyyy-MM-dd} to {last:yyyy-MM-dd}");
                    foreach (var column in new[] { "Account", "Days", "First score", "Last score", "Band now", "Band changes" })
                        table.AddColumn(column);
                    foreach (var a in accounts)
                    {
                        var (firstDay, lastDay) = (a.Days[0].Health, a.Days[^1].Health);
                        table.AddRow(
                            Markup.Escape(a.Id), a.Days.Count.ToString(CultureInfo.InvariantCulture), Score(firstDay.Score), Score(lastDay.Score),
                            lastDay.Band?.Id() ?? "n/a",
                            Markup.Escape(string.Join("; ", a.Changes.Select(c => $"{c.From.Id()} to {c.To.Id()} on {c.Day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}"))));
                    }
                    terminal.Write(table);
                    terminal.WriteLine($"{accounts.Count} account(s), {days.Count} account-day(s).");
                    break;
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Backfill(CliContext context)
    {
        var db = Storage.StorageOptions.Db();
        var tenant = Storage.StorageOptions.Tenant();
        var days = new Option<string>("--days") { Description = "How many days to score, ending with --to (1 to 3660; default 365)." };
        var to = new Option<string>("--to") { Description = "The last day to score (yyyy-MM-dd; default today)." };
        var command = new Command("backfill", "Score every customer on each of the last days (the workspace's health model and churn grace) and store it as the daily health history; days already stored are replaced.")
        {
            db, tenant, days, to,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var count = 365;
            if (parsed.GetValue(days) is { } daysText
                && !(int.TryParse(daysText, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count is >= 1 and <= 3660))
                throw new CliException($"error: --days '{daysText}' must be a whole number from 1 to 3660.");
            var last = parsed.GetValue(to) is { } toText ? Day(toText, "--to") : context.Clock.GetUtcNow().UtcDateTime.Date;
            var first = last.AddDays(1 - count);
            var dbText = parsed.GetValue(db);
            var location = Storage.StorageOptions.Location(dbText);
            var tenantName = Storage.StorageOptions.TenantName(parsed.GetValue(tenant));

            var clock = Stopwatch.StartNew();
            await using var database = await Storage.StorageOptions.OpenExistingAsync(context, location, dbText, cancellationToken);
            var data = await Tenure.Storage.StoredData.LoadAsync(database, tenantName, cancellationToken);
            if (data.Present == Tenure.Metrics.Inputs.InputKind.None)
                throw new CliException($"error: {location.Describe()} holds no data for tenant '{tenantName}'; `tenure import DIR --db ...` loads some.");
            var grace = Grace(await TenantSettings.GetAsync(database, tenantName, TenantSettings.ChurnGraceDays, cancellationToken));
            var loaded = clock.Elapsed;
            clock.Restart();
            var grouped = HealthData.Of(data, grace);
            var (model, _) = await StoredHealthModel.ReadAsync(database, tenantName, cancellationToken);
            // The optional churn-risk factor, when the workspace's model lists it: the churn model trained on this data and
            // scored as of the last day, which its probabilities speak for (the days before have the factor missing, as in the server).
            ChurnProbabilities? churn = null;
            if (model.ChurnRisk is not null)
            {
                var risk = TenantChurnModel.Score(data, last);
                if (risk.TooShort is { } reason)
                    context.Error.WriteLine($"churn-risk is missing for every account: {reason}.");
                churn = new ChurnProbabilities(last, risk.Probabilities());
            }
            var rows = await HealthHistory.RecordAsync(database, tenantName, grouped, model, first, last, churn, cancellationToken);
            if (await TenantSettings.GetAsync(database, tenantName, HealthHistory.BackfilledSetting, cancellationToken) is null)
                await TenantSettings.SetAsync(database, tenantName, HealthHistory.BackfilledSetting, first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), cancellationToken);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Back-filled the health history of tenant '{tenantName}' from {first:yyyy-MM-dd} to {last:yyyy-MM-dd}: {rows} account-days ({data.Accounts.Count} accounts) in {clock.Elapsed.TotalSeconds:0.0} s (data loaded in {loaded.TotalSeconds:0.0} s)."));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static DateTime Day(string text, string option) =>
        HealthDay.TryParse(text, out var day) ? day : throw new CliException($"error: {option} '{text}' is not a day (expected {HealthDay.Expected}).");

    private static int Grace(string? stored)
    {
        try
        {
            return MetricRequestParser.ChurnGraceDays(stored, "the workspace setting churn_grace_days") ?? 0;
        }
        catch (MetricRequestException e)
        {
            throw new CliException("error: " + e.Message);
        }
    }

    private static string Score(decimal? score) => score is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";
}
