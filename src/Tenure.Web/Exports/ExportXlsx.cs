using System.Globalization;

using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

using Tenure.Metrics.Reporting;

namespace Tenure.Web.Exports;

/// <summary>
/// Export tables as an .xlsx workbook through the Open XML SDK (DocumentFormat.OpenXml, ADR 0145): one sheet per table,
/// a bold-free header row, numbers as numeric cells holding the exact figure (<see cref="MetricNumbers.ForMachines"/>,
/// so a sum in the spreadsheet adds the engine's numbers), text as inline strings (never a formula: a cell of text
/// that starts with = is shown as text).
/// </summary>
public static class ExportXlsx
{
    public static byte[] Bytes(IReadOnlyList<ExportTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            uint id = 1;
            foreach (var table in tables)
            {
                var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                data.AppendChild(Row(table.Columns.Select(c => new ExportCell(null, c))));
                foreach (var row in table.Rows)
                    data.AppendChild(Row(row));
                worksheetPart.Worksheet = new Worksheet(data);
                sheets.AppendChild(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = id++, Name = SheetName(table.Title, names) });
            }
            workbookPart.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Row Row(IEnumerable<ExportCell> cells)
    {
        var row = new Row();
        foreach (var cell in cells)
        {
            if (cell.Number is { } n)
                row.AppendChild(new Cell { DataType = CellValues.Number, CellValue = new CellValue(MetricNumbers.ForMachines(n).ToString(CultureInfo.InvariantCulture)) });
            else if (cell.Text is { Length: > 0 } text)
                row.AppendChild(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) });
            else
                row.AppendChild(new Cell());
        }
        return row;
    }

    /// <summary>A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ], unique in the workbook.</summary>
    private static string SheetName(string title, HashSet<string> taken)
    {
        var clean = new string([.. title.Select(c => ":\\/?*[]".Contains(c, StringComparison.Ordinal) ? '-' : c)]).Trim('\'');
        if (clean.Length == 0) clean = "Sheet";
        if (clean.Length > 31) clean = clean[..31];
        var name = clean;
        for (var i = 2; !taken.Add(name); i++)
        {
            var suffix = " " + i.ToString(CultureInfo.InvariantCulture);
            name = clean[..Math.Min(clean.Length, 31 - suffix.Length)] + suffix;
        }
        return name;
    }
}
