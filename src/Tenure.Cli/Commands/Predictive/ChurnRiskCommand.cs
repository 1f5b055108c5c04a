using System.CommandLine;
using System.Globalization;
using System.Text.Json;

using Spectre.Console;

using Tenure.Cli.Output;
using Tenure.Metrics.Health;
using Tenure.Predictive.Churn;

namespace Tenure.Cli.Commands.Predictive;

/// <summary>
/// `tenure churn-risk --db DB [--tenant T] [--account ID] [--at DATE] [--format table|json|csv]`: the churn
/// model trained on the tenant's own history, every customer's probability of churning within 90 days and its
/// three strongest drivers; or why the history is too short to train.
/// </summary>
internal static class ChurnRiskCommand
{
    public static Command Create(CliContext context)
    {
        var db = Storage.StorageOptions.Db("The database to read: a SQLite file or \"Data Source=...\", or a PostgreSQL \"Host=...\" connection string.");
        db.Required = true;
        var tenant = Storage.StorageOptions.Tenant();
        var account = new Option<string>("--account") { Description = "Only this account id." };
        var at = new Option<string>("--at") { Description = "Score the customers as of this day (yyyy-MM-dd, its 00:00 UTC; default today); training uses only what was over by then." };
        var format = new Option<string>("--format") { Description = "table (default), json or csv." };
        var command = new Command("churn-risk", "Churn probability within 90 days and its top three drivers for every customer, from a model trained on the tenant's own history.")
        {
            db, tenant, account, at, format,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var outputFormat = CliParsing.Format(parsed.GetValue(format));
            var day = parsed.GetValue(at) is { } atText
                ? HealthDay.TryParse(atText, out var d) ? d : throw new CliException($"error: --at '{atText}' is not a day (expected {HealthDay.Expected}).")
                : context.Clock.GetUtcNow().UtcDateTime.Date;
            var data = await Storage.StorageData.LoadAsync(context, parsed.GetValue(db)!, parsed.GetValue(tenant), cancellationToken);
            var names = data.Accounts.GroupBy(a => a.AccountId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
            var risk = ProgressDisplay.Spinner(context, "training the churn model on the tenant's history", () => TenantChurnModel.Score(data, day));
            IEnumerable<AccountChurnRisk> accounts = risk.Accounts.OrderByDescending(a => a.Probability).ThenBy(a => a.AccountId, StringComparer.Ordinal);
            if (parsed.GetValue(account) is { } accountId)
            {
                if (!names.ContainsKey(accountId) && !data.Subscriptions.Any(s => s.AccountId == accountId))
                    throw new CliException($"error: --account '{accountId}': the data has no such account.");
                accounts = accounts.Where(a => a.AccountId == accountId);
                if (risk.Scored && risk.For(accountId) is null)
                    context.Error.WriteLine($"{accountId} is not a customer on {day:yyyy-MM-dd}: only customers get a churn probability.");
            }
            string? NameOf(string id) => names.GetValueOrDefault(id);
            switch (outputFormat)
            {
                case OutputFormat.Json:
                    using (var stream = new MemoryStream())
                    {
                        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                            ChurnRiskJson.Write(json, risk, accounts, NameOf);
                        context.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
                    }
                    break;
                case OutputFormat.Csv:
                    if (risk.TooShort is { } csvReason)
                        context.Error.WriteLine($"No churn probabilities: {csvReason}.");
                    context.Out.WriteLine("at,account_id,name,probability,driver_1,driver_1_direction,driver_2,driver_2_direction,driver_3,driver_3_direction");
                    foreach (var a in accounts)
                    {
                        var cells = new List<string>
                        {
                            day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), PredictiveCli.CsvField(a.AccountId), PredictiveCli.CsvField(NameOf(a.AccountId) ?? ""),
                            ChurnRiskJson.Round(a.Probability).ToString(CultureInfo.InvariantCulture),
                        };
                        for (var i = 0; i < TenantChurnModel.DriversPerAccount; i++)
                            cells.AddRange(i < a.Drivers.Count ? [PredictiveCli.CsvField(a.Drivers[i].Text), a.Drivers[i].Direction] : ["", ""]);
                        context.Out.WriteLine(string.Join(',', cells));
                    }
                    break;
                default:
                    var terminal = Terminal.For(context.Out, context.IsInteractive);
                    if (risk.TooShort is { } reason)
                    {
                        terminal.WriteLine($"No churn probabilities on {day:yyyy-MM-dd}: {reason}.");
                        break;
                    }
                    var table = new Table().Border(TableBorder.Rounded).Title($"Churn risk within {risk.HorizonDays} days, as of {day:yyyy-MM-dd}");
                    table.AddColumns("Account", "Name", "Probability", "Drivers");
                    foreach (var a in accounts)
                    {
                        table.AddRow(Markup.Escape(a.AccountId), Markup.Escape(NameOf(a.AccountId) ?? ""),
                            (a.Probability * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %",
                            Markup.Escape(string.Join("; ", a.Drivers.Select(x => $"{x.Text} ({x.Direction} risk)"))));
                    }
                    terminal.Write(table);
                    terminal.WriteLine($"Trained on {risk.TrainingRows} account-snapshots from {risk.Snapshots} monthly snapshots ({risk.ChurnedAccounts} churned accounts in {risk.HistoryMonths} months); docs/models/churn.md.");
                    break;
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
