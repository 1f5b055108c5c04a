using System.Text;

using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Inputs;

namespace Tenure.Cli.Output;

/// <summary>
/// The metric reference (docs/metrics.md) written from the catalogue, so the documentation cannot
/// drift from the code: a test regenerates it and compares.
/// </summary>
public static class MetricReference
{
    public static string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# Metric reference");
        md.AppendLine();
        md.AppendLine("Generated from the catalogue in `Tenure.Metrics` by `tenure metrics list --format markdown`; do not edit by hand.");
        md.AppendLine("Every metric has a stable id used by the CLI (`tenure metrics --metric ID`), the API and the dashboards.");
        md.AppendLine("Conventions (periods are half-open `[start, end)` in UTC; a zero denominator gives no value, never 0;");
        md.AppendLine("percentages are 0-100; NPS is in points) are those of METRICS.md. Ratio metrics also report their numerator and");
        md.AppendLine("denominator; duration metrics their median and p90 (R-7). \"Better\" says which way a change is good news");
        md.AppendLine("(higher, lower, or neither for a volume); it colours a change on the dashboards and never changes a figure.");
        md.AppendLine("Durations are counted in ticks (100 ns; handle_minutes to the nearest tick): a duration metric's total is exact");
        md.AppendLine("and divided by its unit (hours, minutes, days) once, so its figure does not depend on the order tickets are read in.");
        md.AppendLine();
        md.AppendLine("## Churn grace");
        md.AppendLine();
        md.AppendLine(MetricCatalogue.ChurnGrace);
        md.AppendLine();
        foreach (var area in MetricCatalogue.All.GroupBy(d => d.Area))
        {
            md.AppendLine($"## {area.Key}");
            md.AppendLine();
            md.AppendLine("| id | name | formula | unit | better | inputs | source |");
            md.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var d in area)
            {
                md.AppendLine($"| `{d.Id}`{(d.IsDefault ? " (default)" : "")} | {Cell(d.Name)} | {Cell(d.Formula)} | {d.Unit.Symbol()} | {d.Better.ToString().ToLowerInvariant()} | {Cell(string.Join(", ", InputKinds.FileNames(d.Inputs)))} | {Cell(d.Source)} |");
            }
            md.AppendLine();
            foreach (var d in area.Where(d => d.Notes is not null || d.Calculate is not null))
            {
                md.Append($"- `{d.Id}`");
                if (d.Notes is not null) md.Append($": {d.Notes}");
                if (d.Calculate is not null)
                    md.Append($" From totals: `tenure calc {d.Id} {string.Join(' ', d.CalcInputs.Select(i => i.Optional ? $"[--{i.Name} N]" : $"--{i.Name} N"))}`.");
                md.AppendLine();
            }
            md.AppendLine();
        }
        return md.ToString().Replace("\r\n", "\n");
    }

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
