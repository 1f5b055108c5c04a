using System.CommandLine;
using System.Globalization;
using System.Text.Json;

using Spectre.Console;

using Tenure.Cli.Output;
using Tenure.Metrics.Health;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Reporting;
using Tenure.Predictive.Churn;
using Tenure.Storage.Users;

namespace Tenure.Cli.Commands;

/// <summary>
/// `tenure health` (issue #10, a contract): the account health score of METRICS.md for every account that is a
/// customer at --at (default today, from the injected clock), as a table, JSON or CSV.
/// </summary>
internal static class HealthCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "Directory with the input CSV files; or use --db." };
        var db = Storage.StorageOptions.Db("Read the data from this database instead of --data: a SQLite file or \"Data Source=...\", or a PostgreSQL \"Host=...\" connection string.");
        var tenant = Storage.StorageOptions.Tenant();
        var at = new Option<string>("--at") { Description = "The day to score as of (yyyy-MM-dd, its 00:00 UTC; default today)." };
        var account = new Option<string>("--account") { Description = "Only this account id." };
        var band = new Option<string>("--band") { Description = "Only accounts in this band: green, yellow or red." };
        var config = new Option<string>("--config") { Description = "A health.json with the model (weights, ramps, windows, bands, aggregation, segment weights); default: with --db the workspace's model (Settings page, health_model), else METRICS.md's model (docs/health.md)." };
        var format = new Option<string>("--format") { Description = "table (default), json or csv." };
        var churnGrace = new Option<string>("--churn-grace-days")
        {
            Description = "Churn grace, 0 to 365 days, for who is a customer and when paid coverage ends (default 0; with --db, the workspace's churn_grace_days setting).",
        };
        var command = new Command("health", "Account health scores (0-100, green / yellow / red) with every factor's value, points and weight.")
        {
            data, db, tenant, at, account, band, config, format, churnGrace,
        };
        command.Subcommands.Add(HealthHistoryCommands.History(context));
        command.Subcommands.Add(HealthHistoryCommands.Backfill(context));
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var day = Day(parsed.GetValue(at), context.Clock);
            HealthBand? onlyBand = parsed.GetValue(band) is { } bandText
                ? HealthBands.TryParse(bandText, out var b) ? b : throw new CliException($"error: --band '{bandText}' is not one of green, yellow, red.")
                : null;
            var outputFormat = CliParsing.Format(parsed.GetValue(format));
            var configFile = parsed.GetValue(config);
            var model = configFile is not null ? ReadModel(configFile) : HealthModel.Default;
            var graceText = parsed.GetValue(churnGrace);
            var grace = Grace(graceText, "--churn-grace-days");

            TenureDataSet dataSet;
            if (parsed.GetValue(db) is { } dbText)
            {
                if (parsed.GetValue(data) is not null)
                    throw new CliException("error: give either --data (a directory of CSV files) or --db (a database), not both.");
                var (stored, settings) = await Storage.StorageData.LoadWithSettingsAsync(context, dbText, parsed.GetValue(tenant),
                    [TenantSettings.ChurnGraceDays, TenantSettings.HealthModel], cancellationToken);
                dataSet = stored;
                // Without --churn-grace-days the workspace's own setting applies, as on its dashboards.
                if (string.IsNullOrWhiteSpace(graceText) && settings[TenantSettings.ChurnGraceDays] is { } storedGrace)
                    grace = Grace(storedGrace, "the workspace setting churn_grace_days");
                // Without --config the workspace's health model applies (set on the settings page), as on its dashboards and API.
                if (configFile is null && settings[TenantSettings.HealthModel] is { } storedModel)
                    model = ParseModel(storedModel, "the workspace setting health_model");
            }
            else
            {
                dataSet = DataLoading.ReadDirectory(context, parsed.GetValue(data));
            }

            var healthData = HealthData.Of(dataSet, grace);
            // The optional churn-risk factor, only when --config names it: the churn model trained on this data.
            IReadOnlyDictionary<string, decimal>? churnProbabilities = null;
            if (model.ChurnRisk is not null)
            {
                var risk = TenantChurnModel.Score(dataSet, day);
                if (risk.TooShort is { } reason)
                    context.Error.WriteLine($"churn-risk is missing for every account: {reason}.");
                churnProbabilities = risk.Probabilities();
            }
            IReadOnlyList<AccountHealth> accounts;
            if (parsed.GetValue(account) is { } accountId)
            {
                if (healthData.IndexOf(accountId) < 0)
                    throw new CliException($"error: --account '{accountId}': the data has no such account.");
                accounts = HealthScores.Of(healthData, model, day, accountId, churnProbabilities) is { } one ? [one] : [];
                if (accounts.Count == 0)
                    context.Error.WriteLine($"{accountId} is not a customer on {day:yyyy-MM-dd}: only customers get a health score.");
            }
            else
            {
                accounts = HealthScores.At(healthData, model, day, churnProbabilities);
            }
            if (onlyBand is { } wanted)
                accounts = [.. accounts.Where(a => a.Band == wanted)];

            switch (outputFormat)
            {
                case OutputFormat.Json: WriteJson(context.Out, day, accounts); break;
                case OutputFormat.Csv: HealthCsv.Write(context.Out, day, accounts); break;
                default: WriteTable(context, day, accounts); break;
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>--at as a day (yyyy-MM-dd, 00:00 UTC); today (UTC) by the injected clock when not given.</summary>
    private static DateTime Day(string? text, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(text))
            return clock.GetUtcNow().UtcDateTime.Date;
        if (HealthDay.TryParse(text, out var day))
            return day;
        throw new CliException($"error: --at '{text}' is not a day (expected {HealthDay.Expected}).");
    }

    private static int Grace(string? text, string name)
    {
        try
        {
            return MetricRequestParser.ChurnGraceDays(text, name) ?? 0;
        }
        catch (MetricRequestException e)
        {
            throw new CliException("error: " + e.Message);
        }
    }

    private static HealthModel ReadModel(string file)
    {
        if (!File.Exists(file))
            throw new CliException($"error: --config '{file}' does not exist.");
        return ParseModel(File.ReadAllText(file), Path.GetFileName(file));
    }

    private static HealthModel ParseModel(string json, string source)
    {
        try
        {
            return HealthModelJson.Parse(json, source);
        }
        catch (HealthModelException e)
        {
            throw new CliException("error: " + e.Message);
        }
    }

    private static void WriteJson(TextWriter output, DateTime day, IReadOnlyList<AccountHealth> accounts)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
            HealthJson.Write(json, day, accounts);
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteTable(CliContext context, DateTime day, IReadOnlyList<AccountHealth> accounts)
    {
        var terminal = Terminal.For(context.Out, context.IsInteractive);
        var table = new Table().Border(TableBorder.Rounded).Title($"Account health on {day:yyyy-MM-dd}");
        foreach (var column in new[] { "Account", "Name", "CSM", "Score", "Band" })
            table.AddColumn(column);
        foreach (var factor in accounts.Count > 0 ? accounts[0].Factors.Select(f => f.Factor) : HealthFactors.All)
            table.AddColumn(new TableColumn(Markup.Escape(factor.Id())).RightAligned());
        foreach (var a in accounts)
        {
            var cells = new List<string>
            {
                Markup.Escape(a.AccountId), Markup.Escape(a.Account?.Name ?? ""), Markup.Escape(a.Account?.Csm ?? ""),
                a.Score is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "n/a",
                a.Band is { } b ? $"[{Colour(b)}]{b.Id()}[/]" : "n/a",
            };
            // Each factor as points, with its weight; "missing" when it had no data (its weight went to the others).
            cells.AddRange(a.Factors.Select(f => f.Points is { } p
                ? $"{p.ToString("0.0", CultureInfo.InvariantCulture)} (x{f.Weight.ToString("0.##", CultureInfo.InvariantCulture)})"
                : "missing"));
            table.AddRow(cells.ToArray());
        }
        terminal.Write(table);
        terminal.WriteLine($"{accounts.Count} account(s). Factor cells: points (x weight); a missing factor is dropped and the other weights renormalise.");
    }

    private static string Colour(HealthBand band) => band switch
    {
        HealthBand.Green => "green",
        HealthBand.Yellow => "yellow",
        _ => "red",
    };
}
