using System.Globalization;
using System.Text.Json;

using Spectre.Console;

using Tenure.Cli.Output;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;
using Tenure.Metrics.Reporting;
using Tenure.Storage;

namespace Tenure.Cli.Commands.Storage;

/// <summary>
/// `tenure import --dry-run`: everything an import checks, then what it would store (rows per kind)
/// and the headline metrics of those rows alone, for the last full month before the as-of day. It
/// neither creates nor migrates the database: a database that is not there yet counts as empty.
/// </summary>
internal static class ImportDryRun
{
    /// <summary>The database when it exists and has Tenure's tables (to check account ids against), else null; never created.</summary>
    public static async Task<TenureDatabase?> OpenIfPresentAsync(CliContext context, DatabaseLocation location, CancellationToken cancellationToken)
    {
        if (location.SqliteFilePath is { } file && !File.Exists(file))
            return null;
        context.Database = location;
        var database = TenureDatabase.Open(location, context.Clock);
        try
        {
            if (await database.HasSchemaAsync(cancellationToken))
                return database;
        }
        catch (Exception e) when (StorageOptions.IsConnectionProblem(e))
        {
            await database.DisposeAsync();
            throw new CliException($"error: {DatabaseFailure.Describe(location, e)}", ExitCodes.Failure);
        }
        await database.DisposeAsync();
        return null;
    }

    public static DateTime Today(TimeProvider clock) => clock.GetUtcNow().UtcDateTime.Date;

    public static DateTime AsOfDay(string text) =>
        RangeBound.TryParseDay(text, out var day) && RangeBound.IsSupported(day)
            ? day
            : throw new CliException($"error: --as-of '{text}' is not a date (expected yyyy-MM-dd, e.g. 2026-11-01).");

    public static void Write(CliContext context, Output.OutputFormat format, TenureDataSet data, string tenant, DatabaseLocation location, DateTime asOf)
    {
        var to = PeriodCalendar.Floor(asOf, Granularity.Month);
        var from = to.AddMonths(-1);
        var kinds = InputKinds.All.Where(k => data.Has(k.Kind)).Select(k => (k.FileName, Rows: k.CountIn(data))).ToList();
        var results = MetricEngine.Compute(data, new MetricRequest(from, to, Granularity.Month, SegmentBy.None, DemoCommand.HeadlineMetrics));

        if (format == Output.OutputFormat.Json)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream))
            {
                json.WriteStartObject();
                json.WriteBoolean("dryRun", true);
                json.WriteString("database", location.Describe());
                json.WriteString("tenant", tenant);
                json.WriteStartArray("kinds");
                foreach (var (fileName, rows) in kinds)
                {
                    json.WriteStartObject();
                    json.WriteString("kind", fileName);
                    json.WriteNumber("rows", rows);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteNumber("rows", kinds.Sum(k => (long)k.Rows));
                json.WritePropertyName("headline");
                MetricJson.WriteResults(json, results);
                json.WriteEndObject();
            }
            context.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            return;
        }

        context.Out.WriteLine($"Dry run: nothing was written. Would import into {location.Describe()} (tenant {tenant}):");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("File");
        table.AddColumn(new TableColumn("Rows").RightAligned());
        foreach (var (fileName, rows) in kinds)
            table.AddRow(fileName, rows.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("[bold]total[/]", kinds.Sum(k => (long)k.Rows).ToString("N0", CultureInfo.InvariantCulture));
        Terminal.For(context.Out, context.IsInteractive).Write(table);
        context.Out.WriteLine();
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Headline metrics of the imported rows for {from:yyyy-MM}:"));
        MetricsOutput.WriteTable(context, results, ReportingCurrency.Of(data));
    }
}
