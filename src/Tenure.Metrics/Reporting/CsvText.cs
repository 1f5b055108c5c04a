namespace Tenure.Metrics.Reporting;

/// <summary>
/// How Tenure writes a text field of CSV (the one writer of `tenure metrics --format csv`, GET /api/v1/metrics?format=csv
/// and the dashboards' exports). Text that a spreadsheet would run as a formula, a field starting with = + - @, a tab
/// or a carriage return, gets a leading apostrophe (OWASP "CSV Injection"), so "=HYPERLINK(...)" in a CSM name is shown,
/// never run; then the field is quoted per RFC 4180 when it holds a comma, a quote or a line break, its quotes doubled.
/// Numbers are not text: they are written as numbers (a negative figure keeps its minus).
/// </summary>
public static class CsvText
{
    /// <summary>The characters that make a spreadsheet read a cell as a formula when they start it.</summary>
    public static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>A text field as written to CSV; null is empty.</summary>
    public static string Field(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var safe = Defused(text);
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    /// <summary>The text with a leading apostrophe when it starts like a formula (also used for spreadsheet cells of text).</summary>
    public static string Defused(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && Array.IndexOf(FormulaStarts, text[0]) >= 0 ? "'" + text : text;
    }
}
