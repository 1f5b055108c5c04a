using System.CommandLine;
using System.Globalization;

using Spectre.Console;

using Tenure.Cli.Output;
using Tenure.Predictive.Churn;

namespace Tenure.Cli.Commands.Predictive;

/// <summary>`tenure churn-model train|score|evaluate|features`: per-account churn probability with ML.NET.</summary>
internal static class ChurnModelCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("churn-model", "Per-account churn probability: train on a table of accounts, score new ones, cross-validate.");
        command.Subcommands.Add(CreateTrain(context));
        command.Subcommands.Add(CreateScore(context));
        command.Subcommands.Add(CreateEvaluate(context));
        command.Subcommands.Add(ChurnFeaturesCommand.Create(context));
        return command;
    }

    private static Option<string> Learner() =>
        new("--learner") { Description = "binned-logistic (default: logistic regression on standardised and quantile-binned features), logistic (plain logistic regression), logistic-log (logistic regression with log(1 + x) beside every non-negative numeric feature) or fasttree (gradient-boosted trees)." };

    private static Option<int?> Seed() =>
        new("--seed") { Description = "Seed for training and folds (default 42): the same seed gives the same model." };

    private static ChurnTrainerOptions Options(ParseResult parsed, Option<string> learner, Option<int?> seed)
    {
        var kind = parsed.GetValue(learner)?.Trim().ToLowerInvariant() switch
        {
            null or "" or "binned-logistic" => ChurnLearner.BinnedLogistic,
            "fasttree" => ChurnLearner.FastTree,
            "logistic" => ChurnLearner.Logistic,
            "logistic-log" => ChurnLearner.LogisticWithLogs,
            var other => throw new CliException($"error: --learner '{other}' is not one of binned-logistic, logistic, logistic-log, fasttree."),
        };
        var options = new ChurnTrainerOptions { Learner = kind };
        return parsed.GetValue(seed) is { } s ? options with { Seed = s } : options;
    }

    private static Command CreateTrain(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "CSV of accounts: an id column, a label column and feature columns.", Required = true };
        var label = new Option<string>("--label") { Description = "Label column: churned or not (yes/no, true/false, 1/0).", Required = true };
        var id = new Option<string>("--id") { Description = "Account id column (not a feature).", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write the model (a .zip).", Required = true };
        var exclude = new Option<string>("--exclude") { Description = "Columns to leave out of the features (comma-separated)." };
        var learner = Learner();
        var seed = Seed();
        var command = new Command("train", "Train a churn model on a labelled CSV and save it.") { data, label, id, output, exclude, learner, seed };
        command.SetAction(parsed => PredictiveCli.Guard(() =>
        {
            var options = Options(parsed, learner, seed);
            var table = ChurnTable.ReadForTraining(
                PredictiveCli.ExistingFile(parsed.GetValue(data), "--data"), parsed.GetValue(id)!, parsed.GetValue(label)!, CliParsing.List(parsed.GetValue(exclude)));
            var model = ProgressDisplay.Spinner(context, "training the churn model", () => ChurnTrainer.Train(table, parsed.GetValue(id)!, parsed.GetValue(label)!, options));
            var path = parsed.GetValue(output)!;
            model.Save(path);
            var numeric = table.Features.Where(f => f.Kind == FeatureKind.Numeric).Select(f => f.Name);
            var categorical = table.Features.Where(f => f.Kind == FeatureKind.Categorical).Select(f => f.Name);
            context.Out.WriteLine($"Trained {LearnerId(options.Learner)} on {table.RowCount} rows ({model.Info.TrainingChurned} churned); saved to {path}.");
            context.Out.WriteLine($"Numeric features: {string.Join(", ", numeric)}");
            context.Out.WriteLine($"Categorical features: {string.Join(", ", categorical)}");
            if (table.IgnoredColumns.Count > 0)
                context.Out.WriteLine($"Ignored (identifier-like text): {string.Join(", ", table.IgnoredColumns)}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateScore(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "A model written by `tenure churn-model train`.", Required = true };
        var data = new Option<string>("--data") { Description = "CSV of accounts with the model's id and feature columns (a label column is ignored).", Required = true };
        var format = new Option<string>("--format") { Description = "table (default), csv (id,probability) or json." };
        var command = new Command("score", "Churn probability of every account in a CSV.") { model, data, format };
        command.SetAction(parsed => PredictiveCli.Guard(() =>
        {
            var outputFormat = PredictiveCli.Format(parsed.GetValue(format), OutputFormat.Table, OutputFormat.Csv, OutputFormat.Json);
            var loaded = ChurnModel.Load(PredictiveCli.ExistingFile(parsed.GetValue(model), "--model"));
            var table = loaded.ReadForScoring(PredictiveCli.ExistingFile(parsed.GetValue(data), "--data"));
            var scores = loaded.Score(table);
            switch (outputFormat)
            {
                case OutputFormat.Csv:
                    context.Out.WriteLine("id,probability");
                    for (var i = 0; i < scores.Length; i++)
                        context.Out.WriteLine($"{PredictiveCli.CsvField(table.Ids[i])},{PredictiveCli.Invariant(scores[i])}");
                    break;
                case OutputFormat.Json:
                    PredictiveCli.WriteJson(context.Out, table.Ids.Select((account, i) => new { id = account, probability = Math.Round((double)scores[i], 6) }));
                    break;
                default:
                    var t = new Table().AddColumns("id", "probability");
                    foreach (var i in Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).Take(50))
                        t.AddRow(Markup.Escape(table.Ids[i]), PredictiveCli.Invariant(scores[i], 3));
                    var console = Terminal.For(context.Out, context.IsInteractive);
                    console.Write(t);
                    console.WriteLine($"Top {Math.Min(50, scores.Length)} of {scores.Length} accounts by churn probability; --format csv lists them all.");
                    break;
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateEvaluate(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "Labelled CSV of accounts.", Required = true };
        var label = new Option<string>("--label") { Description = "Label column (yes/no, true/false, 1/0).", Required = true };
        var id = new Option<string>("--id") { Description = "Account id column.", Required = true };
        var folds = new Option<int?>("--folds") { Description = "Cross-validation folds (default 5), stratified by label." };
        var holdout = new Option<double?>("--holdout") { Description = "Instead of cross-validation, hold out this share of the rows once (e.g. 0.3 for a 70/30 split; stratified, seeded) and report it beside plain logistic regression on the same split." };
        var repeats = new Option<int?>("--repeats") { Description = "With --holdout: also repeat the split with this many seeds (seed, seed + 1, ...) and report the mean ROC AUC of the learner and of plain logistic regression over them (e.g. 10)." };
        var exclude = new Option<string>("--exclude") { Description = "Columns to leave out of the features (comma-separated)." };
        var format = new Option<string>("--format") { Description = "table (default) or json." };
        var learner = Learner();
        var seed = Seed();
        var command = new Command("evaluate", "Cross-validate the churn model (or hold out a share with --holdout): ROC AUC, PR AUC, log loss, Brier score and calibration by decile.")
        {
            data, label, id, folds, holdout, repeats, exclude, format, learner, seed,
        };
        command.SetAction(parsed => PredictiveCli.Guard(() =>
        {
            var outputFormat = PredictiveCli.Format(parsed.GetValue(format), OutputFormat.Table, OutputFormat.Json);
            var k = parsed.GetValue(folds) ?? 5;
            if (k < 2)
                throw new CliException("error: --folds must be 2 or more.");
            var options = Options(parsed, learner, seed);
            var table = ChurnTable.ReadForTraining(
                PredictiveCli.ExistingFile(parsed.GetValue(data), "--data"), parsed.GetValue(id)!, parsed.GetValue(label)!, CliParsing.List(parsed.GetValue(exclude)));
            if (parsed.GetValue(holdout) is { } share)
            {
                if (parsed.GetValue(folds) is not null)
                    throw new CliException("error: give --folds or --holdout, not both.");
                if (!(share > 0 && share < 1))
                    throw new CliException("error: --holdout must be a share between 0 and 1 (e.g. 0.3).");
                var n = parsed.GetValue(repeats);
                if (n is < 2)
                    throw new CliException("error: --repeats must be 2 or more.");
                var held = ProgressDisplay.Spinner(context, $"training and scoring a {share:0.##} held-out split", () => ChurnHoldOutEvaluation.Evaluate(table, share, options));
                var repeated = n is { } r
                    ? ProgressDisplay.Spinner(context, $"repeating the split with {r} seeds", () => ChurnRepeatedSplits.Evaluate(table, share, r, options))
                    : null;
                WriteHoldOut(context, outputFormat, options, held, repeated);
                return ExitCodes.Ok;
            }
            if (parsed.GetValue(repeats) is not null)
                throw new CliException("error: --repeats goes with --holdout.");
            var e = ProgressDisplay.Spinner(context, $"cross-validating ({k} folds)", () => ChurnEvaluation.CrossValidate(table, k, options));
            if (outputFormat == OutputFormat.Json)
            {
                PredictiveCli.WriteJson(context.Out, new
                {
                    learner = options.Learner,
                    rows = e.Rows,
                    churned = e.Churned,
                    folds = e.Folds,
                    roc_auc = e.MeanRocAuc,
                    roc_auc_sd = e.StdDevRocAuc,
                    pr_auc = e.MeanPrAuc,
                    log_loss = e.MeanLogLoss,
                    pooled = new { roc_auc = e.PooledRocAuc, pr_auc = e.PooledPrAuc, log_loss = e.PooledLogLoss, brier = e.PooledBrier },
                    calibration_error = e.CalibrationError,
                    per_fold = e.PerFold,
                    calibration = e.Calibration,
                });
                return ExitCodes.Ok;
            }
            var console = Terminal.For(context.Out, context.IsInteractive);
            console.WriteLine($"{e.Folds}-fold stratified cross-validation, {LearnerId(options.Learner)}, {e.Rows} rows, {e.Churned} churned ({Percent(e.Churned / (double)e.Rows)}).");
            var summary = new Table().AddColumns("metric", "mean over folds", "sd", "pooled out-of-fold");
            summary.AddRow("ROC AUC", F(e.MeanRocAuc), F(e.StdDevRocAuc), F(e.PooledRocAuc));
            summary.AddRow("PR AUC (average precision)", F(e.MeanPrAuc), "", F(e.PooledPrAuc));
            summary.AddRow("log loss", F(e.MeanLogLoss), "", F(e.PooledLogLoss));
            summary.AddRow("Brier score", "", "", F(e.PooledBrier));
            summary.AddRow("calibration error (deciles)", "", "", F(e.CalibrationError));
            console.Write(summary);
            var foldTable = new Table().AddColumns("fold", "rows", "churned", "ROC AUC", "PR AUC", "log loss");
            foreach (var f in e.PerFold)
                foldTable.AddRow(I(f.Fold), I(f.Rows), I(f.Churned), F(f.RocAuc), F(f.PrAuc), F(f.LogLoss));
            console.Write(foldTable);
            var calibration = new Table().AddColumns("decile", "rows", "mean predicted", "observed churn");
            foreach (var b in e.Calibration)
                calibration.AddRow(I(b.Decile), I(b.Count), Percent(b.MeanPredicted), Percent(b.ObservedRate));
            console.Write(calibration);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void WriteHoldOut(CliContext context, OutputFormat format, ChurnTrainerOptions options, ChurnHoldOutEvaluation h, ChurnRepeatedSplits? repeated)
    {
        var cv = h.TrainingCv;
        if (format == OutputFormat.Json)
        {
            PredictiveCli.WriteJson(context.Out, new
            {
                learner = options.Learner,
                rows = h.Rows,
                churned = h.Churned,
                holdout = new { share = h.HeldOutShare, seed = options.Seed, training_rows = h.TrainingRows, rows = h.HeldOutRows, churned = h.HeldOutChurned },
                roc_auc = h.RocAuc,
                pr_auc = h.PrAuc,
                log_loss = h.LogLoss,
                brier = h.Brier,
                calibration_error = h.CalibrationError,
                baseline = new { learner = "logistic", roc_auc = h.BaselineRocAuc, brier = h.BaselineBrier },
                calibration = h.Calibration,
                training_cv = new
                {
                    folds = cv.Folds,
                    seed = options.Seed,
                    roc_auc = cv.MeanRocAuc,
                    roc_auc_sd = cv.StdDevRocAuc,
                    pooled_roc_auc = cv.PooledRocAuc,
                    brier = cv.PooledBrier,
                    calibration_error = cv.CalibrationError,
                    baseline_roc_auc = h.BaselineTrainingCvRocAuc,
                },
                repeats = repeated is null ? null : new
                {
                    share = repeated.HeldOutShare,
                    seeds = repeated.Splits.Select(x => x.Seed),
                    roc_auc = repeated.MeanRocAuc,
                    baseline_roc_auc = repeated.MeanBaselineRocAuc,
                    brier = repeated.MeanBrier,
                    baseline_brier = repeated.MeanBaselineBrier,
                    wins = repeated.Wins,
                    splits = repeated.Splits.Select(x => new { seed = x.Seed, roc_auc = x.RocAuc, baseline_roc_auc = x.BaselineRocAuc, brier = x.Brier, baseline_brier = x.BaselineBrier }),
                },
            });
            return;
        }
        var console = Terminal.For(context.Out, context.IsInteractive);
        console.WriteLine($"Held-out split: {Percent(h.HeldOutShare)} of {h.Rows} rows held out (stratified, seed {I(options.Seed)}): trained on {I(h.TrainingRows)}, scored {I(h.HeldOutRows)} ({I(h.HeldOutChurned)} churned); {LearnerId(options.Learner)}.");
        var summary = new Table().AddColumns("metric", LearnerId(options.Learner), "plain logistic (same split)");
        summary.AddRow("ROC AUC", F(h.RocAuc), F(h.BaselineRocAuc));
        summary.AddRow("PR AUC (average precision)", F(h.PrAuc), "");
        summary.AddRow("log loss", F(h.LogLoss), "");
        summary.AddRow("Brier score", F(h.Brier), F(h.BaselineBrier));
        summary.AddRow("calibration error (deciles)", F(h.CalibrationError), "");
        summary.AddRow($"training rows, {cv.Folds}-fold CV ROC AUC (sd)", $"{F(cv.MeanRocAuc)} ({F(cv.StdDevRocAuc)})", F(h.BaselineTrainingCvRocAuc));
        summary.AddRow($"training rows, {cv.Folds}-fold CV Brier / calibration error", $"{F(cv.PooledBrier)} / {F(cv.CalibrationError)}", "");
        console.Write(summary);
        var calibration = new Table().AddColumns("decile", "rows", "mean predicted", "observed churn");
        foreach (var b in h.Calibration)
            calibration.AddRow(I(b.Decile), I(b.Count), Percent(b.MeanPredicted), Percent(b.ObservedRate));
        console.Write(calibration);
        if (repeated is null)
            return;
        var seeds = repeated.Splits;
        console.WriteLine($"Repeated over {I(seeds.Count)} seeded splits (seeds {I(seeds[0].Seed)}-{I(seeds[^1].Seed)}, {Percent(repeated.HeldOutShare)} held out each): mean ROC AUC {F(repeated.MeanRocAuc)} against plain logistic {F(repeated.MeanBaselineRocAuc)}, above it on {I(repeated.Wins)} of {I(seeds.Count)}; mean Brier {F(repeated.MeanBrier)} against {F(repeated.MeanBaselineBrier)}.");
        var perSplit = new Table().AddColumns("seed", "ROC AUC", "plain logistic", "Brier", "plain logistic Brier");
        foreach (var x in seeds)
            perSplit.AddRow(I(x.Seed), F(x.RocAuc), F(x.BaselineRocAuc), F(x.Brier), F(x.BaselineBrier));
        console.Write(perSplit);
    }

    /// <summary>The learner's id as --learner takes it.</summary>
    internal static string LearnerId(ChurnLearner learner) => learner switch
    {
        ChurnLearner.BinnedLogistic => "binned-logistic",
        ChurnLearner.Logistic => "logistic",
        ChurnLearner.LogisticWithLogs => "logistic-log",
        _ => "fasttree",
    };

    private static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
