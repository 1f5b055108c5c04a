using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;

using Spectre.Console;

using Tenure.Cli.Output;
using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Reporting;
using Tenure.Storage.Users;

namespace Tenure.Cli.Commands;

/// <summary>`tenure metrics`: every requested metric for every period and segment; `tenure metrics list`: the catalogue.</summary>
internal static class MetricsCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "Directory with the input CSV files (any subset of accounts.csv, subscriptions.csv, ...); or use --db." };
        var from = new Option<string>("--from") { Description = "First day of the range (yyyy-MM-dd, inclusive).", Required = true };
        var to = new Option<string>("--to") { Description = "End of the range (yyyy-MM-dd, exclusive).", Required = true };
        var period = new Option<string>("--period") { Description = "day, week, month (default), quarter, year or range (the whole range as one period)." };
        var by = new Option<string>("--by") { Description = "Split by csm, plan, segment, industry, region or cohort (\"all\" is always printed too)." };
        var metric = new Option<string>("--metric") { Description = "Comma-separated metric ids (default: every metric). See `tenure metrics list`." };
        var format = new Option<string>("--format") { Description = "table (default), json or csv." };
        var lifespan = new Option<string>("--lifespan-months") { Description = "Average customer lifespan for clv and clv-net (default: 1 / monthly churn)." };
        var trailing = new Option<string>("--trailing") { Description = "clv-subscription: mean churn of this many previous months (ChartMogul), 1 to 1200, e.g. 6." };
        var satisfaction = new Option<string>("--satisfaction-surveys") { Description = "Custom survey ids that count as satisfaction surveys (comma-separated)." };
        var churnGrace = new Option<string>("--churn-grace-days")
        {
            Description = "Churn grace, 0 to 365 days: a gap in paid coverage shorter than this is no churn (default 0; with --db, the workspace's churn_grace_days setting).",
        };
        var businessCalendar = BusinessCalendarOption.Create();
        var timings = new Option<bool>("--timings") { Description = "Print how long reading and computing took (to standard error)." };
        var db = Storage.StorageOptions.Db("Read the data from this database instead of --data: a SQLite file or \"Data Source=...\", or a PostgreSQL \"Host=...\" connection string.");
        var tenant = Storage.StorageOptions.Tenant();

        var command = new Command("metrics", "Compute metrics from input files for a range of periods.")
        {
            data, db, tenant, from, to, period, by, metric, format, lifespan, trailing, satisfaction, churnGrace, timings, businessCalendar,
        };
        command.Subcommands.Add(CreateList(context));
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var text = new MetricRequestText
            {
                From = parsed.GetValue(from),
                To = parsed.GetValue(to),
                Period = parsed.GetValue(period),
                By = parsed.GetValue(by),
                Metric = parsed.GetValue(metric),
                LifespanMonths = parsed.GetValue(lifespan),
                Trailing = parsed.GetValue(trailing),
                SatisfactionSurveys = parsed.GetValue(satisfaction),
                ChurnGraceDays = parsed.GetValue(churnGrace),
            };
            var request = Parse(text);
            if (parsed.GetValue(businessCalendar) is { } calendarFile)
                request = request with { Options = (request.Options ?? new MetricOptions()) with { BusinessCalendar = BusinessCalendarOption.Read(calendarFile) } };
            var outputFormat = CliParsing.Format(parsed.GetValue(format));

            var clock = Stopwatch.StartNew();
            TenureDataSet dataSet;
            long inputBytes = 0; // of the files read from --data (none from --db), to size the compute's region by
            if (parsed.GetValue(db) is { } dbText)
            {
                if (parsed.GetValue(data) is not null)
                    throw new CliException("error: give either --data (a directory of CSV files) or --db (a database), not both.");
                var (stored, settings) = await Storage.StorageData.LoadWithSettingsAsync(context, dbText, parsed.GetValue(tenant),
                    [TenantSettings.ChurnGraceDays, TenantSettings.BusinessCalendar], cancellationToken);
                dataSet = stored;
                // Without --churn-grace-days or --business-calendar, the workspace's own settings apply, as on its dashboards.
                if (string.IsNullOrWhiteSpace(text.ChurnGraceDays) && settings[TenantSettings.ChurnGraceDays] is { } grace)
                    request = request with { Options = (request.Options ?? new MetricOptions()) with { ChurnGraceDays = StoredChurnGrace(grace) } };
                if (parsed.GetValue(businessCalendar) is null && settings[TenantSettings.BusinessCalendar] is { } calendar)
                    request = request with { Options = (request.Options ?? new MetricOptions()) with { BusinessCalendar = BusinessCalendarOption.Stored(calendar) } };
            }
            else if (ReadInStages(parsed.GetValue(data), request, parsed.GetValue(timings) ? context.Notes : null, cancellationToken) is { } staged)
            {
                if (staged.Errors.Count > 0)
                    throw DataLoading.Report(context, parsed.GetValue(data)!, staged.Errors);
                // Too large to hold at once: read and computed stage by stage (docs/adr/0330).
                var stagedTime = clock.Elapsed;
                MetricsOutput.Write(context, staged.Results, outputFormat, ReportingCurrency.Of(staged.Shared));
                if (parsed.GetValue(timings))
                    context.Notes.WriteLine($"read and computed in {staged.Stages} stages {stagedTime.TotalSeconds:0.000} s, wrote {(clock.Elapsed - stagedTime).TotalSeconds:0.000} s; {staged.Results.Count} results; {Memory()}");
                return ExitCodes.Ok;
            }
            else
            {
                dataSet = DataLoading.ReadDirectory(context, parsed.GetValue(data), new Ingest.ReadOptions { Kinds = KindsFor(request) }, out inputBytes);
            }
            var read = clock.Elapsed;
            if (request.By is not (SegmentBy.None or SegmentBy.Cohort) && !dataSet.Has(InputKind.Accounts))
                throw new CliException($"error: --by {parsed.GetValue(by)} needs accounts.csv (the account attributes).");
            IReadOnlyList<MetricResult> results;
            // Read from a directory, the compute allocates without collections too (docs/adr/0340).
            using (NoCollectionRegion.Start(NoCollectionRegion.SizeFor(inputBytes, NoCollectionRegion.ComputeFactor, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes)))
            {
                try
                {
                    results = MetricEngine.ComputeCancellable(dataSet, request, cancellationToken);
                }
                catch (MetricLimitException e)
                {
                    throw new CliException("error: " + e.Message);
                }
            }
            var computed = clock.Elapsed - read;
            MetricsOutput.Write(context, results, outputFormat, ReportingCurrency.Of(dataSet));
            if (parsed.GetValue(timings))
                context.Notes.WriteLine($"read {read.TotalSeconds:0.000} s, computed {computed.TotalSeconds:0.000} s, wrote {(clock.Elapsed - read - computed).TotalSeconds:0.000} s; {results.Count} results; {Memory()}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The end of a `--timings` line: the collector's share and whether the heap has huge pages (docs/adr/0490).</summary>
    private static string Memory() => $"{GarbageCollection.Summary()}; {HugePages.Outcome}";

    /// <summary>
    /// The results of <paramref name="request"/> over <paramref name="directory"/> read and computed in stages, when its files
    /// are too large to hold at once in the memory this process may use (<see cref="StagedMetrics"/>); null otherwise.
    /// </summary>
    private static StagedRun? ReadInStages(string? directory, MetricRequest request, TextWriter? timings, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(directory) || !Directory.Exists(directory))
            return null;
        try
        {
            return StagedMetrics.TryCompute(directory, request, KindsFor(request), SharedKinds(request),
                StagedMetrics.Budget(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes), timings, cancellationToken);
        }
        catch (MetricLimitException e)
        {
            throw new CliException("error: " + e.Message);
        }
    }

    /// <summary>
    /// The input kinds <paramref name="request"/> reads: those its metrics need (those of the whole catalogue when it names
    /// none: notes.csv is read by no metric), with <see cref="SharedKinds"/>. Other files are left unread: the figures and
    /// the segments are the same.
    /// </summary>
    internal static InputKind KindsFor(MetricRequest request)
    {
        var kinds = SharedKinds(request);
        var ids = request.Metrics is { Count: > 0 } asked ? asked : [.. MetricCatalogue.All.Select(d => d.Id)];
        foreach (var id in ids)
            kinds |= MetricCatalogue.TryGet(id, out var definition) ? definition.Inputs : InputKinds.Every;
        return kinds;
    }

    /// <summary>
    /// The kinds read whatever the metrics: accounts and subscriptions (the segments and the reporting currency come from
    /// them), and tasks when split (task owners are csm segments of their own, and tasks without a known account populate "(none)").
    /// </summary>
    internal static InputKind SharedKinds(MetricRequest request) =>
        InputKind.Accounts | InputKind.Subscriptions | (request.By != SegmentBy.None ? InputKind.Tasks : InputKind.None);

    private static MetricRequest Parse(MetricRequestText text)
    {
        try
        {
            return MetricRequestParser.Parse(text, MetricParameterNames.Cli, limits: MetricRequestLimits.Cli);
        }
        catch (MetricRequestException e)
        {
            throw new CliException("error: " + e.Message);
        }
    }

    private static int StoredChurnGrace(string stored)
    {
        try
        {
            return MetricRequestParser.ChurnGraceDays(stored, "the workspace setting churn_grace_days") ?? 0;
        }
        catch (MetricRequestException e)
        {
            throw new CliException("error: " + e.Message + " Set it again on the settings page, or pass --churn-grace-days.");
        }
    }

    private static Command CreateList(CliContext context)
    {
        var format = new Option<string>("--format") { Description = "table (default), json or markdown (the docs/metrics.md reference)." };
        var command = new Command("list", "List the metric catalogue: id, name, formula, unit, inputs, source.") { format };
        command.SetAction(parsed =>
        {
            if (string.Equals(parsed.GetValue(format), "markdown", StringComparison.OrdinalIgnoreCase))
            {
                context.Out.Write(MetricReference.Markdown());
                return ExitCodes.Ok;
            }
            var outputFormat = CliParsing.Format(parsed.GetValue(format));
            if (outputFormat == OutputFormat.Json)
            {
                WriteCatalogueJson(context.Out);
                return ExitCodes.Ok;
            }
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var column in new[] { "Id", "Name", "Unit", "Formula", "Inputs", "Source" })
                table.AddColumn(column);
            foreach (var d in MetricCatalogue.All)
            {
                table.AddRow(
                    Markup.Escape(d.Id + (d.IsDefault ? " (default)" : "")),
                    Markup.Escape(d.Name),
                    Markup.Escape(d.Unit.Symbol()),
                    Markup.Escape(d.Formula),
                    Markup.Escape(string.Join(", ", InputKinds.FileNames(d.Inputs))),
                    Markup.Escape(d.Source));
            }
            Terminal.For(context.Out, context.IsInteractive).Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The shared catalogue JSON (<see cref="MetricJson.WriteCatalogue"/>), on one line.</summary>
    public static void WriteCatalogueJson(TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
            MetricJson.WriteCatalogue(json);
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
