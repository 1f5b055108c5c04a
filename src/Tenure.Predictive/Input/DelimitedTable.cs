using System.Globalization;

using Sylvan.Data.Csv;

namespace Tenure.Predictive.Input;

/// <summary>
/// A small delimited text file read into memory as strings: comma-separated (quoted fields allowed,
/// read with Sylvan), tab-separated, or separated by runs of spaces (as the CDNOW logs are). The
/// separator is taken from the first non-blank line: a comma if it has one, else a tab, else spaces.
/// </summary>
public sealed class DelimitedTable
{
    private DelimitedTable(string file, IReadOnlyList<string>? header, List<string[]> rows, List<int> lines)
    {
        File = file;
        Header = header;
        Rows = rows;
        Lines = lines;
    }

    /// <summary>The file name used in error messages.</summary>
    public string File { get; }

    /// <summary>The header row, or null when the file was read without one.</summary>
    public IReadOnlyList<string>? Header { get; }

    /// <summary>The data rows, fields trimmed of surrounding white space.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>The 1-based file line of each data row, for error messages.</summary>
    public IReadOnlyList<int> Lines { get; }

    /// <summary>
    /// Reads <paramref name="path"/>. With <paramref name="hasHeader"/> the first row is the header.
    /// </summary>
    /// <exception cref="PredictiveInputException">The file is empty (no header, or no row at all).</exception>
    public static DelimitedTable Read(string path, bool hasHeader)
    {
        var name = Path.GetFileName(path);
        var text = System.IO.File.ReadAllText(path);
        var firstLine = text.Split('\n').Select(l => l.Trim('\r')).FirstOrDefault(l => l.Trim().Length > 0);
        if (firstLine is null)
            throw new PredictiveInputException(name, 0, null, "the file is empty");

        List<string[]> records;
        List<int> lines;
        if (firstLine.Contains(',', StringComparison.Ordinal))
            (records, lines) = ReadCsv(text);
        else
            (records, lines) = ReadWhitespace(text, firstLine.Contains('\t', StringComparison.Ordinal));

        if (records.Count == 0)
            throw new PredictiveInputException(name, 0, null, "the file is empty");
        IReadOnlyList<string>? header = null;
        if (hasHeader)
        {
            header = records[0];
            records.RemoveAt(0);
            lines.RemoveAt(0);
        }
        return new DelimitedTable(name, header, records, lines);
    }

    /// <summary>
    /// The index of a column given by header name (case-insensitive) or, when the file has no
    /// matching header name, by a 1-based position.
    /// </summary>
    /// <exception cref="PredictiveInputException">No such column.</exception>
    public int ColumnIndex(string column, string role)
    {
        if (Header is not null)
        {
            for (var i = 0; i < Header.Count; i++)
            {
                if (string.Equals(Header[i], column, StringComparison.OrdinalIgnoreCase))
                    return i;
            }
        }
        if (int.TryParse(column, NumberStyles.None, CultureInfo.InvariantCulture, out var position) && position >= 1)
            return position - 1;
        var known = Header is null ? "the file has no header; give a 1-based column number" : $"columns are {string.Join(", ", Header)}";
        throw new PredictiveInputException(File, Header is null ? 0 : 1, column, $"missing {role} column ({known})");
    }

    private static (List<string[]> Records, List<int> Lines) ReadCsv(string text)
    {
        var records = new List<string[]>();
        var lines = new List<int>();
        using var reader = new StringReader(text);
        using var csv = CsvDataReader.Create(reader, new CsvDataReaderOptions { HasHeaders = false, Delimiter = ',' });
        var line = 0;
        while (csv.Read())
        {
            line = csv.RowNumber;
            var fields = new string[csv.RowFieldCount];
            for (var i = 0; i < fields.Length; i++)
                fields[i] = csv.GetString(i).Trim();
            if (fields.All(f => f.Length == 0))
                continue;
            records.Add(fields);
            lines.Add(line);
        }
        return (records, lines);
    }

    private static (List<string[]> Records, List<int> Lines) ReadWhitespace(string text, bool tabs)
    {
        var records = new List<string[]>();
        var lines = new List<int>();
        var split = text.Split('\n');
        for (var i = 0; i < split.Length; i++)
        {
            var l = split[i].TrimEnd('\r');
            if (l.Trim().Length == 0)
                continue;
            var fields = tabs
                ? l.Split('\t').Select(f => f.Trim()).ToArray()
                : l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            records.Add(fields);
            lines.Add(i + 1);
        }
        return (records, lines);
    }
}
