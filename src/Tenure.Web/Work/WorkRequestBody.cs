using System.Text.Json;

using Tenure.Storage.Work;

namespace Tenure.Web.Work;

/// <summary>
/// A JSON object body of the task and note endpoints, read strictly: an object of known fields, each given at most
/// once, each a string or null. Anything else is a <see cref="WorkInputException"/> naming the field, so a typo
/// ("tittle") or a repeated field is refused rather than silently ignored.
/// </summary>
public sealed class WorkRequestBody
{
    private readonly Dictionary<string, string?> values;

    private WorkRequestBody(Dictionary<string, string?> values) => this.values = values;

    /// <summary>The largest body read (a note of 8,000 characters, escaped, fits many times over).</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>Reads the request body; <paramref name="allowed"/> are the field names accepted.</summary>
    public static async Task<WorkRequestBody> ReadAsync(HttpRequest request, IReadOnlyCollection<string> allowed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBytes) throw new WorkInputException("body", $"larger than {MaxBytes / 1024} KiB.");
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBytes) throw new WorkInputException("body", $"larger than {MaxBytes / 1024} KiB.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException e)
        {
            throw new WorkInputException("body", $"not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new WorkInputException("body", "must be a JSON object, e.g. {\"title\": \"Call the sponsor\"}.");
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!allowed.Contains(property.Name))
                    throw new WorkInputException(property.Name, $"unknown field (expected one of {string.Join(", ", allowed)}).");
                if (values.ContainsKey(property.Name))
                    throw new WorkInputException(property.Name, "given twice.");
                values[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => throw new WorkInputException(property.Name, "must be a string (or null)."),
                };
            }
            return new WorkRequestBody(values);
        }
    }

    /// <summary>Whether the field was given (null included).</summary>
    public bool Has(string field) => values.ContainsKey(field);

    /// <summary>The field's value; null when absent or null.</summary>
    public string? this[string field] => values.GetValueOrDefault(field);
}
