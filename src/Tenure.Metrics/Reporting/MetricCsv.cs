using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;

namespace Tenure.Metrics.Reporting;

/// <summary>
/// The CSV of metric results every surface shares (`tenure metrics --format csv`, GET /api/v1/metrics?format=csv):
/// one row per result, numbers exact for machines (<see cref="MetricNumbers.ForMachines"/>: no rounding for
/// display, no trailing zeros), instants as in the JSON (<see cref="MetricJson.FormatInstant"/>), an empty cell for
/// no value, text fields written by <see cref="CsvText.Field"/> (RFC 4180 quoting, formula-looking text defused).
/// </summary>
public static class MetricCsv
{
    public const string Header = "metric,period_start,period_end,segment,value,numerator,denominator,median,p90,unit,unavailable";

    public static void WriteResults(TextWriter output, IReadOnlyList<MetricResult> results)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(results);
        output.WriteLine(Header);
        foreach (var r in results)
        {
            var unit = MetricCatalogue.Get(r.Metric).Unit.Symbol();
            output.WriteLine(string.Join(',',
                r.Metric,
                MetricJson.FormatInstant(r.Period.Start),
                MetricJson.FormatInstant(r.Period.End),
                Field(r.Segment),
                Number(r.Value.Value),
                Number(r.Value.Numerator),
                Number(r.Value.Denominator),
                Number(r.Value.Median),
                Number(r.Value.P90),
                Field(unit),
                Field(r.Unavailable ?? "")));
        }
    }

    private static string Number(decimal? value) => value is { } v ? MetricNumbers.Invariant(v) : "";

    /// <summary>A CSV text field: <see cref="CsvText.Field"/> (formula-looking text defused, RFC 4180 quoting); null is empty.</summary>
    internal static string Field(string? text) => CsvText.Field(text);
}
