using System.CommandLine;

using Tenure.Predictive.Churn;

namespace Tenure.Cli.Commands.Predictive;

/// <summary>`tenure churn-model features`: Tenure's own inputs as a churn table for a snapshot date.</summary>
internal static class ChurnFeaturesCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "Directory with Tenure's input CSV files (subscriptions.csv needed; usage, tickets, surveys used when present).", Required = true };
        var snapshot = new Option<string>("--snapshot") { Description = "Snapshot date (yyyy-MM-dd): features use only what was known before it.", Required = true };
        var horizon = new Option<int?>("--horizon-days") { Description = "Label window after the snapshot (default 90 days)." };
        var output = new Option<string>("--out") { Description = "Write the CSV here instead of standard output." };
        var command = new Command("features", "Build a churn table (account_id, features, churned_within_90d) from Tenure's inputs at a snapshot date.")
        {
            data, snapshot, horizon, output,
        };
        command.SetAction(parsed => PredictiveCli.Guard(() =>
        {
            var at = CliParsing.Instant(parsed.GetValue(snapshot), "--snapshot");
            var days = parsed.GetValue(horizon) ?? 90;
            if (days < 1)
                throw new CliException("error: --horizon-days must be 1 or more.");
            var set = DataLoading.ReadDirectory(context, parsed.GetValue(data));
            if (set.Subscriptions.Count == 0)
                throw new CliException("error: --data holds no subscriptions; who is a customer comes from subscriptions.csv.");
            var features = ChurnFeatureBuilder.Build(set, at, days);
            var latest = set.Subscriptions.Max(s => s.End is { } e && e > s.Start ? e : s.Start);
            if (at.AddDays(days) > latest)
                context.Error.WriteLine($"warning: the label window runs to {at.AddDays(days):yyyy-MM-dd}, after the latest subscription date {latest:yyyy-MM-dd}; churn after the data ends is not seen.");
            if (parsed.GetValue(output) is { Length: > 0 } path)
            {
                using var writer = new StreamWriter(path);
                features.WriteCsv(writer);
                context.Notes.WriteLine($"{features.Rows.Count} accounts active at {at:yyyy-MM-dd}, {features.Rows.Count(r => r.Churned)} churned within {days} days; written to {path}.");
            }
            else
            {
                features.WriteCsv(context.Out);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
