using System.CommandLine;

using Spectre.Console;

using Tenure.Cli.Output;
using Tenure.Predictive.Retention;

namespace Tenure.Cli.Commands.Predictive;

/// <summary>`tenure retention project`: shifted-beta-geometric cohort retention projection (Fader &amp; Hardie 2007).</summary>
internal static class RetentionCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("retention", "Cohort retention models.");
        command.Subcommands.Add(CreateProject(context));
        return command;
    }

    private static Command CreateProject(CliContext context)
    {
        var survivors = new Option<string>("--survivors") { Description = "Survivors table: a period column (0, 1, 2, ...) and one column of active customers per cohort." };
        var data = new Option<string>("--data") { Description = "Directory with Tenure's input CSV files: monthly signup cohorts are built from subscriptions.csv." };
        var fitPeriods = new Option<int?>("--fit-periods") { Description = "Fit on the first N periods of each cohort (default: all observed)." };
        var horizon = new Option<int?>("--horizon") { Description = "Project periods 1..H (default 12)." };
        var asOf = new Option<string>("--as-of") { Description = "With --data: the instant the cohorts are observed at (yyyy-MM-dd; default: the latest date in subscriptions.csv)." };
        var cohort = new Option<string>("--cohort") { Description = "Only these cohorts (comma-separated names, e.g. regular or 2024-01)." };
        var format = new Option<string>("--format") { Description = "table (default), csv or json." };
        var command = new Command("project", "Fit the sBG model on the first periods of each cohort and project survivors and retention rates.")
        {
            survivors, data, fitPeriods, horizon, asOf, cohort, format,
        };
        command.SetAction(parsed => PredictiveCli.Guard(() =>
        {
            var outputFormat = PredictiveCli.Format(parsed.GetValue(format), OutputFormat.Table, OutputFormat.Csv, OutputFormat.Json);
            var h = parsed.GetValue(horizon) ?? 12;
            if (h < 1)
                throw new CliException("error: --horizon must be 1 or more periods.");
            var fit = parsed.GetValue(fitPeriods);
            if (fit is < 1)
                throw new CliException("error: --fit-periods must be 1 or more.");
            var survivorsPath = parsed.GetValue(survivors);
            var dataDir = parsed.GetValue(data);
            if (string.IsNullOrWhiteSpace(survivorsPath) == string.IsNullOrWhiteSpace(dataDir))
                throw new CliException("error: give exactly one of --survivors FILE or --data DIR.");
            var only = CliParsing.List(parsed.GetValue(cohort));

            IReadOnlyList<RetentionProjection> projections;
            string unit;
            if (!string.IsNullOrWhiteSpace(survivorsPath))
            {
                var cohorts = Select(SurvivorTableReader.Read(PredictiveCli.ExistingFile(survivorsPath, "--survivors")), only);
                projections = ProgressDisplay.Spinner(context, "fitting the sBG model", () => cohorts.Select(c => RetentionProjection.Project(c, fit, h)).ToArray());
                unit = "period";
            }
            else
            {
                var set = DataLoading.ReadDirectory(context, dataDir);
                var at = parsed.GetValue(asOf) is { Length: > 0 } text ? CliParsing.Instant(text, "--as-of") : LatestDate(set.Subscriptions);
                var cohorts = Select(SignupCohortBuilder.Build(set.Subscriptions, at), only);
                var fitted = cohorts.Select(c => c.Take(fit ?? c.ObservedPeriods)).Where(c => c.ObservedPeriods > 0).ToArray();
                if (fitted.Length == 0)
                    throw new CliException($"error: no signup cohort has a full month observed before {at:yyyy-MM-dd}; nothing to fit.");
                // One sBG for all cohorts (Fader & Hardie's multi-cohort pooling): young cohorts borrow strength from old ones.
                var (model, ll) = ProgressDisplay.Spinner(context, "fitting the sBG model", () => ShiftedBetaGeometricModel.Fit(fitted));
                projections = cohorts.Select(c => RetentionProjection.FromModel(c, Math.Min(fit ?? c.ObservedPeriods, c.ObservedPeriods), model, ll, h)).ToArray();
                unit = "month";
            }
            Write(context, outputFormat, projections, h, unit);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static IReadOnlyList<CohortSurvivors> Select(IReadOnlyList<CohortSurvivors> cohorts, IReadOnlyList<string> only)
    {
        if (only.Count == 0)
            return cohorts;
        foreach (var name in only)
        {
            if (!cohorts.Any(c => c.Name == name))
                throw new CliException($"error: --cohort: no cohort named '{name}' (cohorts: {string.Join(", ", cohorts.Select(c => c.Name))}).");
        }
        return cohorts.Where(c => only.Contains(c.Name)).ToArray();
    }

    private static DateTime LatestDate(IReadOnlyList<Tenure.Metrics.Inputs.SubscriptionPeriod> subscriptions)
    {
        if (subscriptions.Count == 0)
            throw new CliException("error: --data holds no subscriptions; signup cohorts come from subscriptions.csv.");
        return subscriptions.Max(s => s.End is { } e && e > s.Start ? e : s.Start);
    }

    private static void Write(CliContext context, OutputFormat format, IReadOnlyList<RetentionProjection> projections, int horizon, string unit)
    {
        switch (format)
        {
            case OutputFormat.Csv:
                context.Out.WriteLine("cohort,size,alpha,beta,period,actual_survivors,projected_survivors,actual_retention,projected_retention,in_fit");
                foreach (var p in projections)
                {
                    foreach (var row in p.Periods.Where(r => r.Period <= Math.Max(horizon, p.FitPeriods)))
                    {
                        context.Out.WriteLine(string.Join(',',
                            PredictiveCli.CsvField(p.Cohort),
                            p.Size.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            PredictiveCli.Invariant(p.Model.Alpha),
                            PredictiveCli.Invariant(p.Model.Beta),
                            row.Period.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            row.ActualSurvivors?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                            PredictiveCli.Invariant(row.ProjectedSurvivors, 3),
                            PredictiveCli.Invariant(row.ActualRetentionRate),
                            PredictiveCli.Invariant(row.ProjectedRetentionRate),
                            row.InFitWindow ? "true" : "false"));
                    }
                }
                break;
            case OutputFormat.Json:
                PredictiveCli.WriteJson(context.Out, new
                {
                    model = "sbg",
                    period_unit = unit,
                    cohorts = projections.Select(p => new
                    {
                        cohort = p.Cohort,
                        size = p.Size,
                        fit_periods = p.FitPeriods,
                        alpha = p.Model.Alpha,
                        beta = p.Model.Beta,
                        mean_churn = p.Model.MeanChurnProbability,
                        polarization = p.Model.Polarization,
                        geometric_limit = p.Model.IsGeometricLimit,
                        log_likelihood = p.LogLikelihood,
                        periods = p.Periods.Where(r => r.Period <= Math.Max(horizon, p.FitPeriods)).Select(r => new
                        {
                            period = r.Period,
                            actual_survivors = r.ActualSurvivors,
                            projected_survivors = r.ProjectedSurvivors,
                            actual_retention = r.ActualRetentionRate,
                            projected_retention = r.ProjectedRetentionRate,
                            in_fit = r.InFitWindow,
                        }),
                    }),
                });
                break;
            default:
                var console = Terminal.For(context.Out, context.IsInteractive);
                foreach (var p in projections)
                {
                    var fitted = p.Model.IsGeometricLimit
                        ? $"no spread in churn between customers: the geometric limit, each {unit} every customer leaves with probability {PredictiveCli.Invariant(p.Model.MeanChurnProbability, 4)}"
                        : $"sBG alpha = {PredictiveCli.Invariant(p.Model.Alpha, 3)}, beta = {PredictiveCli.Invariant(p.Model.Beta, 3)}";
                    console.WriteLine($"Cohort {p.Cohort}: {p.Size} customers, {fitted}, fitted on {unit}s 1-{p.FitPeriods}");
                    var table = new Table().AddColumns(unit, "actual", "projected", "actual retention", "projected retention", "");
                    foreach (var r in p.Periods.Where(r => r.Period <= Math.Max(horizon, p.FitPeriods)))
                    {
                        table.AddRow(
                            r.Period.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            r.ActualSurvivors?.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture) ?? "",
                            PredictiveCli.Invariant(r.ProjectedSurvivors, 1),
                            r.ActualRetentionRate is { } a ? (a * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " %" : "",
                            r.ProjectedRetentionRate is { } pr ? (pr * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " %" : "",
                            r.Period == 0 ? "" : r.InFitWindow ? "fit" : r.ActualSurvivors is null ? "projected" : "holdout");
                    }
                    console.Write(table);
                }
                break;
        }
    }
}
