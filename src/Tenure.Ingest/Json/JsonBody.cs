using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

using Tenure.Ingest.Csv;

namespace Tenure.Ingest.Json;

/// <summary>
/// A JSON body (an array of objects whose property names are the CSV column names) turned into the
/// CSV text of the same rows, so it goes through the very reader a file goes through: one rule set
/// for files, CSV bodies and JSON bodies (an unknown property is an unknown column, and so on). Each value is written as a quoted field: a string as it
/// is, a number as written in the JSON, true/false as such, null as a blank. The header is the union
/// of the property names in order of first appearance; a record without a property leaves it blank.
/// </summary>
public sealed class JsonBody
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly int[] recordLines;

    private JsonBody(string fileName, string csv, int[] recordLines, IReadOnlyList<InputError> errors)
    {
        FileName = fileName;
        Csv = csv;
        this.recordLines = recordLines;
        Errors = errors;
    }

    /// <summary>The file whose format the records follow (tickets.csv), named in errors.</summary>
    public string FileName { get; }

    /// <summary>The rows as CSV text (empty when <see cref="Errors"/> is not).</summary>
    public string Csv { get; }

    public int Count => recordLines.Length;

    /// <summary>
    /// Errors in the shape of the JSON itself (not an array, a nested value, too many properties, ...),
    /// with <see cref="InputError.Record"/> set when one record is at fault; the CSV reader is not run when there are any.
    /// </summary>
    public IReadOnlyList<InputError> Errors { get; }

    /// <summary>Parses <paramref name="body"/> (UTF-8 JSON) as records of <paramref name="fileName"/>, reporting at most <paramref name="maxErrors"/> errors.</summary>
    public static JsonBody Parse(ReadOnlyMemory<byte> body, string fileName, int maxErrors)
    {
        if (body.Span.StartsWith(Utf8Bom))
            body = body[Utf8Bom.Length..];
        // The JSON reader checks the structure but not the bytes inside strings; the file rule is UTF-8 throughout.
        if (!Utf8.IsValid(body.Span))
            return Failed(fileName, "the body is not valid UTF-8 text");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            return Failed(fileName, $"the body is not valid JSON{where}: {FirstSentence(e.Message)}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
                return Failed(fileName, $"the body must be a JSON array of records (objects), not {Describe(root.ValueKind)}");
            if (root.GetArrayLength() == 0)
                return Failed(fileName, "the array holds no records; send at least one");

            var errors = new List<InputError>();
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
                    errors.Add(new InputError(fileName, 0, null, $"a record must be a JSON object, not {Describe(element.ValueKind)}") { Record = index });
                    index++;
                    continue;
                }
                var values = new Dictionary<int, string?>();
                foreach (var property in element.EnumerateObject())
                {
                    if (!columnIndex.TryGetValue(property.Name, out var column))
                    {
                        if (columns.Count == ColumnSet.MaxColumns)
                            return Failed(fileName, string.Create(CultureInfo.InvariantCulture,
                                $"the records name more than {ColumnSet.MaxColumns:N0} different properties; at most {ColumnSet.MaxColumns:N0} are allowed"));
                        column = columns.Count;
                        columns.Add(property.Name);
                        columnIndex.Add(property.Name, column);
                    }
                    if (values.ContainsKey(column))
                    {
                        errors.Add(new InputError(fileName, 0, property.Name, "property given twice in one record") { Record = index });
                        continue;
                    }
                    if (!TryText(property.Value, out var text))
                    {
                        errors.Add(new InputError(fileName, 0, property.Name, $"a value must be a string, number, boolean or null, not {Describe(property.Value.ValueKind)}") { Record = index });
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
                return new JsonBody(fileName, "", [], errors);
            return Write(fileName, columns, records);
        }
    }

    /// <summary>The CSV text of the records, for the reader of their kind.</summary>
    public TextReader OpenText() => new StringReader(Csv);

    /// <summary>
    /// The reader's error with its CSV line turned into the record's array index
    /// (<see cref="InputError.Record"/>; line 0); an error about the header (the set of property
    /// names) or the body as a whole has neither.
    /// </summary>
    public InputError ToRecordError(InputError error)
    {
        if (error.Line <= 1 || recordLines.Length == 0)
            return error with { Line = 0 };
        var found = Array.BinarySearch(recordLines, error.Line);
        var index = found >= 0 ? found : Math.Max(0, ~found - 1);
        return error with { Line = 0, Record = index };
    }

    private static JsonBody Write(string fileName, List<string> columns, List<string?[]> records)
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
        return new JsonBody(fileName, csv.ToString(), recordLines, []);
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

    private static JsonBody Failed(string fileName, string message) => new(fileName, "", [], [new InputError(fileName, 0, null, message)]);

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
