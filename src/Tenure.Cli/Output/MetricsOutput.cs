using System.Globalization;
using System.Text;
using System.Text.Json;

using Spectre.Console;

using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Periods;
using Tenure.Metrics.Reporting;

namespace Tenure.Cli.Output;

/// <summary>
/// Writes metric results as a table, JSON (the contract of issue #2) or CSV. The table is for people:
/// money rounded to 2 decimals with its currency ("609,646.37 USD"). JSON and CSV are for machines:
/// the exact value (up to 9 decimals, METRICS.md's one rounding of normalised MRR; trailing zeros
/// dropped), so figures reconcile (closing MRR = opening + movements, to the last digit).
/// </summary>
public static class MetricsOutput
{
    /// <param name="context">Where to write.</param>
    /// <param name="results">The results, in the engine's order.</param>
    /// <param name="format">Table, JSON or CSV.</param>
    /// <param name="currency">The reporting currency shown beside money in the table (<see cref="ReportingCurrency.Of"/>); null shows none.</param>
    public static void Write(CliContext context, IReadOnlyList<MetricResult> results, OutputFormat format, string? currency = null)
    {
        switch (format)
        {
            case OutputFormat.Json: WriteJson(context.Out, results); break;
            case OutputFormat.Csv: WriteCsv(context.Out, results); break;
            default: WriteTable(context, results, currency); break;
        }
    }

    /// <summary>The shared results JSON (<see cref="MetricJson.WriteResults"/>), on one line.</summary>
    public static void WriteJson(TextWriter output, IReadOnlyList<MetricResult> results)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
            MetricJson.WriteResults(json, results);
        output.WriteLine(Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
    }

    /// <summary>The shared results CSV (<see cref="MetricCsv.WriteResults"/>): exact numbers, as GET /api/v1/metrics?format=csv.</summary>
    public static void WriteCsv(TextWriter output, IReadOnlyList<MetricResult> results) => MetricCsv.WriteResults(output, results);

    /// <summary>
    /// A table for people: one row per metric and segment, one column per period (up to 13 periods;
    /// beyond that one row per result). Money is rounded to 2 decimals and followed by
    /// <paramref name="currency"/> when given. Unavailable metrics are listed under the table with the reason.
    /// </summary>
    public static void WriteTable(CliContext context, IReadOnlyList<MetricResult> results, string? currency = null)
    {
        var console = Terminal.For(context.Out, context.IsInteractive);
        var available = results.Where(r => r.Unavailable is null).ToList();
        var periods = available.Select(r => r.Period).Distinct().OrderBy(p => p.Start).ToList();
        if (available.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn("Metric");
            table.AddColumn("Segment");
            if (periods.Count <= 13)
            {
                foreach (var period in periods)
                    table.AddColumn(new TableColumn(Markup.Escape(PeriodLabel(period))).RightAligned());
                foreach (var row in available.GroupBy(r => (r.Metric, r.Segment)))
                {
                    var byPeriod = row.ToDictionary(r => r.Period);
                    var cells = new List<string> { Markup.Escape(row.Key.Metric), Markup.Escape(row.Key.Segment) };
                    cells.AddRange(periods.Select(p => byPeriod.TryGetValue(p, out var r) ? Markup.Escape(Display(r, currency)) : ""));
                    table.AddRow([.. cells]);
                }
            }
            else
            {
                table.AddColumn("Period");
                table.AddColumn(new TableColumn("Value").RightAligned());
                foreach (var r in available)
                    table.AddRow(Markup.Escape(r.Metric), Markup.Escape(r.Segment), Markup.Escape(PeriodLabel(r.Period)), Markup.Escape(Display(r, currency)));
            }
            console.Write(table);
        }

        var unavailable = results.Where(r => r.Unavailable is not null).GroupBy(r => r.Metric).ToList();
        if (unavailable.Count > 0)
        {
            console.WriteLine();
            console.WriteLine("Unavailable (inputs missing):");
            foreach (var group in unavailable)
                console.WriteLine($"  {group.Key}: {group.First().Unavailable}");
        }
    }

    /// <summary>
    /// The value as people read it (money to 2 decimals, with <paramref name="currency"/> when given),
    /// with the median for durations and a short breakdown.
    /// </summary>
    public static string Display(MetricResult r, string? currency = null)
    {
        var definition = MetricCatalogue.Get(r.Metric);
        var text = MetricNumbers.ForPeople(r.Value.Value, definition.Unit);
        if (definition.Unit == MetricUnit.Money && r.Value.Value is not null && currency is not null)
            text += " " + currency;
        if (definition.IsDuration && r.Value.Median is { } median)
            text += $" (median {MetricNumbers.ForPeople(median, definition.Unit)})";
        if (r.Value.Breakdown is { Count: > 0 } breakdown && breakdown.Count <= 3)
            text += " (" + string.Join(", ", breakdown.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {MetricNumbers.ForPeople(kv.Value, MetricUnit.Count)}")) + ")";
        return text;
    }

    public static string PeriodLabel(Period period) => period.Granularity switch
    {
        Granularity.Month when period.Start.Day == 1 && period.End == period.Start.AddMonths(1) => $"{period.Start:yyyy-MM}",
        Granularity.Quarter when period.End == period.Start.AddMonths(3) && period.Start.Day == 1 => $"{period.Start:yyyy}-Q{(period.Start.Month - 1) / 3 + 1}",
        Granularity.Year when period.End == period.Start.AddYears(1) && period.Start.DayOfYear == 1 => $"{period.Start:yyyy}",
        Granularity.Day => $"{period.Start:yyyy-MM-dd}",
        _ => $"{FormatInstant(period.Start)}..{FormatInstant(period.End)}",
    };

    public static string FormatInstant(DateTime instant) => MetricJson.FormatInstant(instant);
}
