using System.CommandLine;
using System.Globalization;

using Tenure.Cli.Output;
using Tenure.Demo;
using Tenure.Ingest;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Periods;

namespace Tenure.Cli.Commands;

/// <summary>
/// `tenure demo`: generates a realistic, deterministic demo data set (every input file, two years of
/// history up to today, or up to --as-of: the same seed and as-of day give the same data), loads
/// it into a database (./tenure-demo.db by default), prints its headline metrics
/// and a read API key, and serves it at http://127.0.0.1:5080. With --out it writes the CSV files
/// instead, reads them back as `tenure metrics` would and prints the headline metrics.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The metrics shown after generating: customers, revenue, retention, surveys, support, usage.</summary>
    public static readonly IReadOnlyList<string> HeadlineMetrics =
    [
        "customers", "new-customers", "churned-customers", "churn-rate", "mrr", "net-new-mrr",
        "net-revenue-retention", "nps", "csat", "first-contact-resolution-rate", "resolution-time", "daily-usage",
    ];

    /// <summary>Where `tenure demo` loads the demo when no --db is given (kept apart from ./tenure.db, the real data's default).</summary>
    public const string DemoDatabase = "tenure-demo.db";

    /// <summary>Progress goes to standard error only for sets this large (a few seconds of work).</summary>
    private const int ProgressFromAccounts = 20_000;

    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "Write the CSV files to this directory (created when missing; files of the same names are replaced) instead of a database, and do not serve." };
        var db = Storage.StorageOptions.Db($"The database to load the demo into (default ./{DemoDatabase}): a SQLite file or a PostgreSQL \"Host=...\" connection string.");
        var urls = new Option<string>("--urls") { Description = "Where to serve (default http://127.0.0.1:5080)." };
        var noServe = new Option<bool>("--no-serve") { Description = "Load the database and print the API key, then exit instead of serving." };
        var accounts = new Option<int>("--accounts") { Description = $"Number of accounts (default {DemoOptions.DefaultAccounts}); every volume scales with it.", DefaultValueFactory = _ => DemoOptions.DefaultAccounts };
        var seed = new Option<int>("--seed") { Description = $"Random seed (default {DemoOptions.DefaultSeed}); the same seed gives byte-identical files.", DefaultValueFactory = _ => DemoOptions.DefaultSeed };
        var asOf = new Option<string>("--as-of") { Description = "The day after the data ends (yyyy-MM-dd, default today, UTC): the data holds every day before it, so its last full month is the month before; the same seed and as-of day give the same data." };
        var noSummary = new Option<bool>("--no-summary") { Description = "Only write the files: skip reading them back and the headline metrics." };

        var command = new Command("demo", "Write a realistic demo data set (every input file, two years of history) and show its headline metrics.")
        {
            output, db, urls, noServe, accounts, seed, asOf, noSummary,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var directory = parsed.GetValue(output);
            if (directory is not null && string.IsNullOrWhiteSpace(directory))
                throw new CliException("error: --out needs a directory to write the demo CSV files to.");
            if (directory is not null && (parsed.GetValue(db) is not null || parsed.GetValue(noServe) || parsed.GetValue(urls) is not null))
                throw new CliException("error: --out writes CSV files only; --db, --urls and --no-serve are for loading a database, not both.");
            var options = new DemoOptions
            {
                Accounts = parsed.GetValue(accounts),
                Seed = parsed.GetValue(seed),
                AsOf = parsed.GetValue(asOf) is { } text ? AsOfDate(text) : DemoOptions.AsOfToday(context.Clock),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new CliException($"error: {e.Message}");
            }
            if (directory is not null)
                return Run(context, options, directory, parsed.GetValue(noSummary));
            var location = Storage.StorageOptions.Location(parsed.GetValue(db) ?? DemoDatabase);
            return await Storage.DemoServer.RunAsync(context, options, location, parsed.GetValue(db) ?? DemoDatabase, parsed.GetValue(urls), parsed.GetValue(noServe), cancellationToken);
        });
        return command;
    }

    private static int Run(CliContext context, DemoOptions options, string directory, bool noSummary)
    {
        var large = options.Accounts >= ProgressFromAccounts;
        var summary = Generate(context, options, directory);
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Wrote a demo data set to {directory}: {options.Accounts:N0} accounts, {summary.TotalRows:N0} rows in {summary.Files.Count} files (seed {options.Seed}, as of {options.AsOf:yyyy-MM-dd})."));
        if (large)
        {
            context.Notes.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated in {summary.Elapsed.TotalSeconds:0.0} s"));
            foreach (var (fileName, rows) in summary.Files)
                context.Notes.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {fileName,-18} {rows,12:N0}"));
        }
        if (noSummary)
            return ExitCodes.Ok;

        var read = DataSetReader.ReadDirectory(directory);
        if (!read.IsValid || read.DataSet is null)
        {
            foreach (var error in read.Errors.Take(20))
                context.Error.WriteLine(error.ToString());
            throw new CliException($"error: the demo data in {directory} did not read back cleanly ({read.Errors.Count} error(s)); this is a bug in `tenure demo`.", ExitCodes.Failure);
        }

        var (from, to) = WriteHeadline(context, read.DataSet, options);

        var data = directory.Contains(' ', StringComparison.Ordinal) ? $"\"{directory}\"" : directory;
        var start = to.AddYears(-2);
        context.Out.WriteLine();
        context.Out.WriteLine("Next steps:");
        context.Out.WriteLine("  every metric, month by month, per CSM:");
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    tenure metrics --data {data} --from {start:yyyy-MM-dd} --to {to:yyyy-MM-dd} --by csm"));
        context.Out.WriteLine("  the last month as JSON, for scripts:");
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    tenure metrics --data {data} --from {from:yyyy-MM-dd} --to {to:yyyy-MM-dd} --format json"));
        context.Out.WriteLine("  what each metric means:");
        context.Out.WriteLine("    tenure metrics list");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Writes the demo's files: with a progress bar when a person watches a terminal, with a line per
    /// tenth on standard error for large sets otherwise (unless --quiet), silently for small ones.
    /// </summary>
    internal static DemoWriteSummary Generate(CliContext context, DemoOptions options, string directory)
    {
        if (context.ShowsProgress)
            return ProgressDisplay.Bar(context, "generating accounts", options.Accounts, progress => DemoCsvWriter.Write(options, directory, progress));
        var tenths = options.Accounts >= ProgressFromAccounts && !context.Quiet ? new TenthsProgress(context.Error, options.Accounts) : null;
        return DemoCsvWriter.Write(options, directory, tenths);
    }

    /// <summary>Prints the headline metrics of the last full month before the as-of day; returns that month.</summary>
    internal static (DateTime From, DateTime To) WriteHeadline(CliContext context, Metrics.Inputs.TenureDataSet data, DemoOptions options)
    {
        var to = PeriodCalendar.Floor(options.AsOf, Granularity.Month);
        var from = to.AddMonths(-1);
        var results = MetricEngine.Compute(data, new MetricRequest(from, to, Granularity.Month, SegmentBy.None, HeadlineMetrics));
        context.Out.WriteLine();
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Headline metrics for {from:yyyy-MM}:"));
        MetricsOutput.WriteTable(context, results, Metrics.Reporting.ReportingCurrency.Of(data));
        return (from, to);
    }

    /// <summary>The as-of day: a date, which is that day's 00:00 UTC.</summary>
    private static DateTime AsOfDate(string text)
    {
        if (!RangeBound.TryParseDay(text, out var date))
            throw new CliException($"error: --as-of '{text}' is not a date (expected yyyy-MM-dd, e.g. 2026-11-01).");
        return date;
    }

    /// <summary>Writes "generating: 30% (30,000 of 100,000 accounts)" at each tenth, synchronously.</summary>
    private sealed class TenthsProgress(TextWriter error, int total) : IProgress<int>
    {
        private int lastTenth;

        public void Report(int value)
        {
            var tenth = (int)(value * 10L / total);
            if (tenth <= lastTenth)
                return;
            lastTenth = tenth;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generating: {tenth * 10}% ({value:N0} of {total:N0} accounts)"));
        }
    }
}
