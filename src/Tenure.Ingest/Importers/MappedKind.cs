using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Importers;

/// <summary>
/// The records of one Tenure input kind that importers mapped from other systems' exports, kept as
/// the text of Tenure's own columns together with where each value came from. <see cref="Read"/>
/// passes them through the kind's CSV reader, so a mapped record obeys every rule a file obeys
/// (ranges, dates in order, unique keys, known accounts), and an error names the export's file,
/// line and column instead of the text Tenure made from it.
/// </summary>
internal sealed partial class MappedKind
{
    private readonly Dictionary<string, int> columnIndex;
    private readonly List<string?[]> values = [];
    private readonly List<string?[]> sources = [];
    private readonly List<ExportOrigin> origins = [];

    public MappedKind(KindDescription kind)
    {
        Kind = kind;
        columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < kind.Columns.Count; i++)
            columnIndex.Add(kind.Columns[i].Name, i);
    }

    public KindDescription Kind { get; }

    public int Count => values.Count;

    /// <summary>Starts a record mapped from <paramref name="origin"/>; set its columns on the returned row.</summary>
    public MappedRow Add(ExportOrigin origin)
    {
        var row = new string?[Kind.Columns.Count];
        var from = new string?[Kind.Columns.Count];
        values.Add(row);
        sources.Add(from);
        origins.Add(origin);
        return new MappedRow(this, row, from);
    }

    internal int IndexOf(string column) =>
        columnIndex.TryGetValue(column, out int i) ? i : throw new ArgumentOutOfRangeException(nameof(column), column, $"{Kind.FileName} has no such column.");

    /// <summary>
    /// Reads the records through <see cref="KindReader.ReadCsv(KindDescription, TextReader, AccountIndex?, ReadOptions?, string?)"/>; with <paramref name="accounts"/>
    /// every account id must be one of them. Errors point at the exports the records came from.
    /// </summary>
    public KindReadResult Read(AccountIndex? accounts, ReadOptions options)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Kind.Columns.Select(c => c.Name)).Append('\n');
        // The physical line each record starts on in the text (the header is line 1).
        var firstLines = new int[values.Count];
        int line = 2;
        for (int r = 0; r < values.Count; r++)
        {
            firstLines[r] = line;
            var row = values[r];
            for (int c = 0; c < row.Length; c++)
            {
                if (c > 0)
                    csv.Append(',');
                if (row[c] is { } value)
                {
                    csv.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                    line += value.AsSpan().Count('\n');
                }
            }
            csv.Append('\n');
            line++;
        }

        using var reader = new StringReader(csv.ToString());
        var read = KindReader.ReadCsv(Kind, reader, accounts, options);
        if (read.IsValid)
            return read;
        return read with { Errors = [.. read.Errors.Select(e => ToExport(e, firstLines))] };
    }

    private InputError ToExport(InputError error, int[] firstLines)
    {
        int r = RecordAt(firstLines, error.Line);
        if (r < 0)
            return error;
        string? column = null;
        if (error.Column is { } tenureColumn && columnIndex.TryGetValue(tenureColumn, out int c))
            column = sources[r][c] ?? $"({Kind.Name} {tenureColumn})";
        // "(first on line 7)" names a line of the text made here; name the export's place instead.
        var message = FirstOnLine().Replace(error.Message, m =>
        {
            int first = RecordAt(firstLines, int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture));
            return first < 0 ? m.Value : $"(first at {Describe(origins[first])})";
        });
        return origins[r].Error(column, message);
    }

    private static string Describe(ExportOrigin origin) =>
        origin.Record is { } record ? $"{origin.File} record {record}" : $"{origin.File}:{origin.Line}";

    /// <summary>The record starting on or before <paramref name="line"/>, or -1 for the header or the file as a whole.</summary>
    private static int RecordAt(int[] firstLines, int line)
    {
        if (line < 2 || firstLines.Length == 0)
            return -1;
        int i = Array.BinarySearch(firstLines, line);
        return i >= 0 ? i : ~i - 1;
    }

    [GeneratedRegex(@"\(first on line (\d+)\)")]
    private static partial Regex FirstOnLine();
}

/// <summary>A record being mapped: each Tenure column's text and the export column it came from.</summary>
internal readonly struct MappedRow
{
    private readonly MappedKind kind;
    private readonly string?[] values;
    private readonly string?[] sources;

    internal MappedRow(MappedKind kind, string?[] values, string?[] sources)
    {
        this.kind = kind;
        this.values = values;
        this.sources = sources;
    }

    /// <summary>Sets Tenure's <paramref name="column"/> to <paramref name="value"/> (null: blank), taken from the export's <paramref name="from"/>.</summary>
    public MappedRow Set(string column, string? value, string? from)
    {
        int i = kind.IndexOf(column);
        values[i] = value;
        sources[i] = from;
        return this;
    }

    public MappedRow Set(string column, DateTime? value, string? from) =>
        Set(column, value?.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture), from);

    public MappedRow Set(string column, decimal? value, string? from) =>
        Set(column, value?.ToString(CultureInfo.InvariantCulture), from);

    public MappedRow Set(string column, int? value, string? from) =>
        Set(column, value?.ToString(CultureInfo.InvariantCulture), from);
}
