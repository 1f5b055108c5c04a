using System.Text;

using Tenure.Metrics.Reporting;

namespace Tenure.Web.Exports;

/// <summary>
/// An export table as CSV: the header row, then one line per row; numbers exact and invariant
/// (<see cref="MetricNumbers.Invariant"/>), text through the shared <see cref="CsvText.Field"/> (RFC 4180 quoting,
/// formula-looking text defused per OWASP), an empty field for no value, CRLF line ends as RFC 4180 writes them.
/// </summary>
public static class ExportCsv
{
    public static void Write(TextWriter output, ExportTable table)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(table);
        output.NewLine = "\r\n";
        output.WriteLine(string.Join(',', table.Columns.Select(CsvText.Field)));
        foreach (var row in table.Rows)
            output.WriteLine(string.Join(',', row.Select(Cell)));
    }

    public static byte[] Bytes(ExportTable table)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Write(text, table);
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ToString());
    }

    private static string Cell(ExportCell cell) =>
        cell.Number is { } n ? MetricNumbers.Invariant(n) : CsvText.Field(cell.Text);
}
