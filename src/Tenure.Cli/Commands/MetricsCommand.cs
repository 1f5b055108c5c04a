using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;

using Tenure.Cli.Output;
using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Reporting;

using Spectre.Console;

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
        var lifespan = new Option<decimal?>("--lifespan-months") { Description = "Average customer lifespan for clv and clv-net (default: 1 / monthly churn)." };
        var trailing = new Option<int?>("--trailing") { Description = "clv-subscription: mean churn of this many previous months (ChartMogul), e.g. 6." };
        var satisfaction = new Option<string>("--satisfaction-surveys") { Description = "Custom survey ids that count as satisfaction surveys (comma-separated)." };
        var businessCalendar = BusinessCalendarOption.Create();
        var timings = new Option<bool>("--timings") { Description = "Print how long reading and computing took (to standard error)." };
        var db = Storage.StorageOptions.Db("Read the data from this database instead of --data: a SQLite file or \"Data Source=...\", or a PostgreSQL \"Host=...\" connection string.");
        var tenant = Storage.StorageOptions.Tenant();

        var command = new Command("metrics", "Compute metrics from input files for a range of periods.")
        {
            data, db, tenant, from, to, period, by, metric, format, lifespan, trailing, satisfaction, timings, businessCalendar,
        };
        command.Subcommands.Add(CreateList(context));
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var request = new MetricRequest(
                CliParsing.Instant(parsed.GetValue(from), "--from"),
                CliParsing.Instant(parsed.GetValue(to), "--to"),
                CliParsing.Granularity(parsed.GetValue(period)),
                CliParsing.SegmentBy(parsed.GetValue(by)),
                CliParsing.List(parsed.GetValue(metric)),
                new MetricOptions
                {
                    LifespanMonths = parsed.GetValue(lifespan) is { } months && months > 0 ? months
                        : parsed.GetValue(lifespan) is null ? null
                        : throw new CliException("error: --lifespan-months must be more than 0."),
                    TrailingMonths = parsed.GetValue(trailing) is { } t && t > 0 ? t
                        : parsed.GetValue(trailing) is null ? null
                        : throw new CliException("error: --trailing must be a whole number of months, 1 or more."),
                    SatisfactionSurveys = new HashSet<string>(CliParsing.List(parsed.GetValue(satisfaction)), StringComparer.Ordinal),
                });
            if (parsed.GetValue(businessCalendar) is { } calendarFile)
                request = request with { Options = (request.Options ?? new MetricOptions()) with { BusinessCalendar = BusinessCalendarOption.Read(calendarFile) } };
            var outputFormat = CliParsing.Format(parsed.GetValue(format));
            if (request.To <= request.From)
                throw new CliException("error: --to must be after --from (the range is [from, to)).");
            foreach (var id in request.Metrics ?? [])
            {
                if (!MetricCatalogue.TryGet(id, out _))
                    throw new CliException($"error: --metric: unknown metric '{id}'. `tenure metrics list` shows the catalogue.");
            }

            var clock = Stopwatch.StartNew();
            var dataSet = parsed.GetValue(db) is { } dbText
                ? parsed.GetValue(data) is null
                    ? await Storage.StorageData.LoadAsync(context, dbText, parsed.GetValue(tenant), cancellationToken)
                    : throw new CliException("error: give either --data (a directory of CSV files) or --db (a database), not both.")
                : DataLoading.ReadDirectory(context, parsed.GetValue(data));
            var read = clock.Elapsed;
            if (request.By is not (SegmentBy.None or SegmentBy.Cohort) && !dataSet.Has(InputKind.Accounts))
                throw new CliException($"error: --by {parsed.GetValue(by)} needs accounts.csv (the account attributes).");
            var results = MetricEngine.Compute(dataSet, request);
            var computed = clock.Elapsed - read;
            MetricsOutput.Write(context, results, outputFormat);
            if (parsed.GetValue(timings))
                context.Error.WriteLine($"read {read.TotalSeconds:0.000} s, computed {computed.TotalSeconds:0.000} s, wrote {(clock.Elapsed - read - computed).TotalSeconds:0.000} s; {results.Count} results");
            return ExitCodes.Ok;
        });
        return command;
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
