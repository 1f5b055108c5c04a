using System.Text;
using System.Text.Json;
using System.Text.Unicode;

using Tenure.Ingest;

namespace Tenure.Web.Ingest;

/// <summary>
/// A JSON body (an array of objects whose property names are the CSV column names) turned into the
/// CSV text of the same rows, so it goes through the very reader a file goes through: one rule set
/// for files, CSV bodies and JSON bodies. Each value is written as a quoted field: a string as it
/// is, a number as written in the JSON, true/false as such, null as a blank. The header is the union
/// of the property names in order of first appearance; a record without a property leaves it blank.
/// </summary>
internal sealed class JsonRecords
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly int[] recordLines;

    private JsonRecords(string csv, int[] recordLines, IReadOnlyList<RowError> errors)
    {
        Csv = csv;
        this.recordLines = recordLines;
        Errors = errors;
    }

    /// <summary>The rows as CSV text (empty when <see cref="Errors"/> is not).</summary>
    public string Csv { get; }

    public int Count => recordLines.Length;

    /// <summary>Errors in the shape of the JSON itself (not an array, a nested value, ...); the CSV reader is not run when there are any.</summary>
    public IReadOnlyList<RowError> Errors { get; }

    public static JsonRecords Parse(ReadOnlyMemory<byte> body, int maxErrors)
    {
        if (body.Span.StartsWith(Utf8Bom))
            body = body[Utf8Bom.Length..];
        // The JSON reader checks the structure but not the bytes inside strings; the file rule is UTF-8 throughout.
        if (!Utf8.IsValid(body.Span))
            return Failed(new RowError(null, null, null, "the body is not valid UTF-8 text"));
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            return Failed(new RowError(null, null, null, $"the body is not valid JSON{where}: {FirstSentence(e.Message)}"));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
                return Failed(new RowError(null, null, null, $"the body must be a JSON array of records (objects), not {Describe(root.ValueKind)}"));
            if (root.GetArrayLength() == 0)
                return Failed(new RowError(null, null, null, "the array holds no records; send at least one"));

            var errors = new List<RowError>();
            var columns = new List<string>();
            var columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            var records = new List<string?[]>(root.GetArrayLength());
            var index = 0;
            foreach (var element in root.EnumerateArray())
            {
                if (errors.Count >= maxErrors)
                    break;
                if (element.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new RowError(null, index, null, $"a record must be a JSON object, not {Describe(element.ValueKind)}"));
                    index++;
                    continue;
                }
                var values = new Dictionary<int, string?>();
                foreach (var property in element.EnumerateObject())
                {
                    if (!columnIndex.TryGetValue(property.Name, out var column))
                    {
                        column = columns.Count;
                        columns.Add(property.Name);
                        columnIndex.Add(property.Name, column);
                    }
                    if (values.ContainsKey(column))
                    {
                        errors.Add(new RowError(null, index, property.Name, "property given twice in one record"));
                        continue;
                    }
                    if (!TryText(property.Value, out var text))
                    {
                        errors.Add(new RowError(null, index, property.Name, $"a value must be a string, number, boolean or null, not {Describe(property.Value.ValueKind)}"));
                        continue;
                    }
                    values[column] = text;
                }
                var row = new string?[columns.Count];
                foreach (var (column, text) in values)
                    row[column] = text;
                records.Add(row);
                index++;
            }
            if (errors.Count > 0)
                return new JsonRecords("", [], errors);
            return Write(columns, records);
        }
    }

    /// <summary>The reader's error with its CSV line turned back into the record's array index.</summary>
    public RowError ToRowError(InputError error)
    {
        if (error.Line <= 1 || recordLines.Length == 0)
            return new RowError(null, null, error.Column, error.Message); // the body as a whole, or the header (the set of property names)
        var found = Array.BinarySearch(recordLines, error.Line);
        var index = found >= 0 ? found : Math.Max(0, ~found - 1);
        return new RowError(null, index, error.Column, error.Message);
    }

    private static JsonRecords Write(List<string> columns, List<string?[]> records)
    {
        var csv = new StringBuilder();
        var line = 1;
        for (var c = 0; c < columns.Count; c++)
        {
            if (c > 0) csv.Append(',');
            line += Quote(csv, columns[c]);
        }
        csv.Append('\n');
        line++;
        var recordLines = new int[records.Count];
        for (var r = 0; r < records.Count; r++)
        {
            recordLines[r] = line;
            var row = records[r];
            for (var c = 0; c < columns.Count; c++)
            {
                if (c > 0) csv.Append(',');
                if (c < row.Length && row[c] is { Length: > 0 } value)
                    line += Quote(csv, value);
                else if (columns.Count == 1)
                    csv.Append("\"\""); // a lone blank field would make a blank line, which the reader skips
            }
            csv.Append('\n');
            line++;
        }
        return new JsonRecords(csv.ToString(), recordLines, []);
    }

    /// <summary>Appends the value as a quoted CSV field; returns the line breaks inside it.</summary>
    private static int Quote(StringBuilder csv, string value)
    {
        csv.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        var breaks = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\n' || (value[i] == '\r' && (i + 1 == value.Length || value[i + 1] != '\n')))
                breaks++;
        }
        return breaks;
    }

    private static bool TryText(JsonElement value, out string? text)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String: text = value.GetString(); return true;
            case JsonValueKind.Number: text = value.GetRawText(); return true;
            case JsonValueKind.True: text = "true"; return true;
            case JsonValueKind.False: text = "false"; return true;
            case JsonValueKind.Null: text = null; return true;
            default: text = null; return false;
        }
    }

    private static JsonRecords Failed(RowError error) => new("", [], [error]);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}
