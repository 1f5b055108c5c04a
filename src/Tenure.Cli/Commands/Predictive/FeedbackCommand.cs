using System.CommandLine;
using System.Globalization;
using System.Text.Json;

using Spectre.Console;

using Tenure.Cli.Output;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Predictive.Feedback;

namespace Tenure.Cli.Commands.Predictive;

/// <summary>
/// `tenure feedback sentiment|evaluate|themes` (issue #11, a contract): sentiment and themes of comments, how well
/// the sentiment model does, and the themes that drive detractors (docs/feedback.md).
/// </summary>
internal static class FeedbackCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("feedback", "Sentiment and themes of customer comments, and the themes that drive detractors.");
        command.Subcommands.Add(CreateSentiment(context));
        command.Subcommands.Add(CreateEvaluate(context));
        command.Subcommands.Add(CreateThemes(context));
        return command;
    }

    private static Command CreateSentiment(CliContext context)
    {
        var input = new Option<string>("--input") { Description = "CSV file with a header row.", Required = true };
        var column = new Option<string>("--text-column") { Description = "The column holding the comments (header name, ignoring case).", Required = true };
        var format = new Option<string>("--format") { Description = "table (default) or json." };
        var command = new Command("sentiment", "Sentiment (negative / neutral / positive, with a 0-1 score) and themes of every comment in a CSV column, in input order.")
        {
            input, column, format,
        };
        command.SetAction(parsed => PredictiveCli.Guard(() =>
        {
            var outputFormat = PredictiveCli.Format(parsed.GetValue(format), OutputFormat.Table, OutputFormat.Json);
            var comments = CommentFile.Read(PredictiveCli.ExistingFile(parsed.GetValue(input), "--input"), parsed.GetValue(column)!);
            var results = ProgressDisplay.Spinner(context, "analysing the comments", () => FeedbackAnalyzer.Default.Analyze([.. comments]));
            if (outputFormat == OutputFormat.Json)
            {
                WriteJson(context.Out, json => FeedbackJson.WriteResults(json, results));
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("row", "sentiment", "score", "themes", "comment");
            for (var i = 0; i < results.Count; i++)
            {
                table.AddRow(
                    (i + 1).ToString(CultureInfo.InvariantCulture),
                    results[i].Sentiment.Name(),
                    PredictiveCli.Invariant(results[i].Score, 2),
                    Markup.Escape(string.Join(", ", results[i].Themes)),
                    Markup.Escape(Shorten(comments[i], 60)));
            }
            Terminal.For(context.Out, context.IsInteractive).Write(table);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateEvaluate(CliContext context)
    {
        var format = new Option<string>("--format") { Description = "table (default) or json." };
        var command = new Command("evaluate", "Accuracy and macro-F1 of the sentiment model on held-out reviews (4-5 vs 1-2 stars) and on the software-feedback check set.")
        {
            format,
        };
        command.SetAction(parsed => PredictiveCli.Guard(() =>
        {
            var outputFormat = PredictiveCli.Format(parsed.GetValue(format), OutputFormat.Table, OutputFormat.Json);
            var e = ProgressDisplay.Spinner(context, "training and evaluating the sentiment model", () => SentimentEvaluation.Run());
            if (outputFormat == OutputFormat.Json)
            {
                PredictiveCli.WriteJson(context.Out, new
                {
                    training = new { reviews = e.TrainingReviews, positive = e.TrainingPositives, negative = e.TrainingNegatives },
                    held_out = Figures(e.HeldOut),
                    held_out_model_only = Figures(e.HeldOutModelOnly),
                    held_out_lexicon_only = Figures(e.HeldOutLexiconOnly),
                    software_check_set = Figures(e.CheckSet),
                    software_check_set_polar = Figures(e.CheckSetPolar),
                    software_check_set_model_only = Figures(e.CheckSetModelOnly),
                    software_check_set_themes = new
                    {
                        labelled = e.CheckSetThemes.Labelled,
                        found = e.CheckSetThemes.Found,
                        correct = e.CheckSetThemes.Correct,
                        precision = Math.Round(e.CheckSetThemes.Precision, 4),
                        recall = Math.Round(e.CheckSetThemes.Recall, 4),
                    },
                });
                return ExitCodes.Ok;
            }
            var console = Terminal.For(context.Out, context.IsInteractive);
            console.WriteLine($"Trained on {e.TrainingReviews} reviews ({e.TrainingPositives} with 4-5 stars, {e.TrainingNegatives} with 1-2); held out {e.HeldOutReviews} (seed {FeedbackCorpora.HeldOutSeed}).");
            var summary = new Table().AddColumns("evaluation", "comments", "accuracy", "macro-F1");
            void Row(string name, ClassificationFigures f) =>
                summary.AddRow(Markup.Escape(name), f.Count.ToString(CultureInfo.InvariantCulture), F(f.Accuracy), F(f.MacroF1));
            Row("held-out reviews, 4-5 vs 1-2 stars", e.HeldOut);
            Row("  learned model alone", e.HeldOutModelOnly);
            Row("  lexicon alone", e.HeldOutLexiconOnly);
            Row("software check set, negative / neutral / positive", e.CheckSet);
            Row("software check set, negative vs positive", e.CheckSetPolar);
            Row("  learned model alone", e.CheckSetModelOnly);
            console.Write(summary);
            var classes = new Table().AddColumns("evaluation", "class", "actual", "predicted", "precision", "recall", "F1");
            foreach (var (name, f) in new[] { ("held-out reviews", e.HeldOut), ("software check set", e.CheckSet) })
            {
                foreach (var c in f.Classes)
                {
                    classes.AddRow(Markup.Escape(name), c.Label, c.Actual.ToString(CultureInfo.InvariantCulture), c.Predicted.ToString(CultureInfo.InvariantCulture),
                        F(c.Precision), F(c.Recall), F(c.F1));
                }
            }
            console.Write(classes);
            console.WriteLine($"Themes on the software check set: precision {F(e.CheckSetThemes.Precision)}, recall {F(e.CheckSetThemes.Recall)} ({e.CheckSetThemes.Correct} of {e.CheckSetThemes.Found} found, {e.CheckSetThemes.Labelled} labelled).");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateThemes(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "Directory with the input CSV files (surveys.csv, notes.csv, accounts.csv); or use --db." };
        var db = Storage.StorageOptions.Db("Read the data from this database instead of --data: a SQLite file or \"Data Source=...\", or a PostgreSQL \"Host=...\" connection string.");
        var tenant = Storage.StorageOptions.Tenant();
        var from = new Option<string>("--from") { Description = "Only comments at or after this date or instant (yyyy-MM-dd or ISO-8601)." };
        var to = new Option<string>("--to") { Description = "Only comments before this date or instant (exclusive)." };
        var survey = new Option<string>("--survey") { Description = "Only this survey's answers (nps, csat, ces or a custom id); notes are left out." };
        var by = new Option<string>("--by") { Description = "Split by csm, plan, segment, industry or region as well as all." };
        var query = new Option<string>("--q") { Description = "Full-text: only comments containing every word (a word's start matches: integrat finds integration)." };
        var format = new Option<string>("--format") { Description = "table (default) or json." };
        var command = new Command("themes", "Themes of survey comments and notes ranked by mentions and by detractor lift (how much more often detractors mention them than promoters), with examples.")
        {
            data, db, tenant, from, to, survey, by, query, format,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var outputFormat = PredictiveCli.Format(parsed.GetValue(format), OutputFormat.Table, OutputFormat.Json);
            var filter = new FeedbackFilter
            {
                From = parsed.GetValue(from) is { } f ? CliParsing.Instant(f, "--from") : null,
                To = parsed.GetValue(to) is { } t ? CliParsing.Instant(t, "--to") : null,
                Survey = parsed.GetValue(survey),
                Query = parsed.GetValue(query),
            };
            if (filter.From is { } start && filter.To is { } end && end <= start)
                throw new CliException("error: --to must be after --from.");
            var split = Split(parsed.GetValue(by));

            TenureDataSet dataSet;
            if (parsed.GetValue(db) is { } dbText)
            {
                if (parsed.GetValue(data) is not null)
                    throw new CliException("error: give either --data (a directory of CSV files) or --db (a database), not both.");
                dataSet = await Storage.StorageData.LoadAsync(context, dbText, parsed.GetValue(tenant), cancellationToken);
            }
            else
            {
                dataSet = DataLoading.ReadDirectory(context, parsed.GetValue(data));
            }

            var report = ProgressDisplay.Spinner(context, "analysing the comments", () => ThemeReport.Of(FeedbackCorpus.Of(dataSet), filter, split));
            if (outputFormat == OutputFormat.Json)
            {
                WriteJson(context.Out, json => FeedbackJson.WriteThemes(json, report));
                return ExitCodes.Ok;
            }
            WriteTable(context, report);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>--by: csm, plan, segment, industry or region (blank or "all": no split).</summary>
    internal static SegmentBy Split(string? text)
    {
        if (Segmentation.TryParseKey(text, out var by) && by != SegmentBy.Cohort)
            return by;
        throw new CliException($"error: --by '{text}' is not one of csm, plan, segment, industry, region.");
    }

    private static void WriteTable(CliContext context, ThemeReport report)
    {
        var console = Terminal.For(context.Out, context.IsInteractive);
        foreach (var group in new[] { report.All }.Concat(report.Segments))
        {
            console.WriteLine($"{(group.Segment == "all" ? "All comments" : $"{Segmentation.KeyName(report.By)} {group.Segment}")}: {group.Comments} ({group.Detractors} detractors, {group.Passives} passives, {group.Promoters} promoters).");
            var table = new Table().AddColumns("theme", "mentions", "detractors", "promoters", "lift", "negative", "positive", "latest example");
            foreach (var theme in group.Themes)
            {
                table.AddRow(theme.Theme, I(theme.Mentions), I(theme.DetractorMentions), I(theme.PromoterMentions), PredictiveCli.Invariant(theme.Lift, 2),
                    I(theme.Negative), I(theme.Positive), Markup.Escape(Shorten(theme.Examples.FirstOrDefault()?.Text ?? "", 50)));
            }
            console.Write(table);
            if (group.Drivers.Count > 0)
                console.WriteLine("Drivers of detractors (highest lift first): " + string.Join(", ", group.Drivers.Take(5).Select(d => $"{d.Theme} {PredictiveCli.Invariant(d.Lift, 2)}")));
            if (group.Phrases.Count > 0)
                console.WriteLine("Key phrases: " + string.Join(", ", group.Phrases.Select(p => $"\"{p.Phrase}\" ({I(p.Comments)})")));
        }
    }

    private static object Figures(ClassificationFigures f) => new
    {
        comments = f.Count,
        accuracy = Math.Round(f.Accuracy, 4),
        macro_f1 = Math.Round(f.MacroF1, 4),
        classes = f.Classes.Select(c => new
        {
            label = c.Label,
            actual = c.Actual,
            predicted = c.Predicted,
            precision = Math.Round(c.Precision, 4),
            recall = Math.Round(c.Recall, 4),
            f1 = Math.Round(c.F1, 4),
        }),
    };

    private static void WriteJson(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
            write(json);
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static string Shorten(string text, int length)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= length ? flat : flat[..(length - 1)] + "…";
    }

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
}
