using System.Globalization;
using System.Text.Json;

using Tenure.Ingest.Fields;

namespace Tenure.Ingest.Importers;

/// <summary>
/// Reads values of one record of a JSON export (an API response saved to a file), logging an error
/// that names the file, the record's position and the property path for each value that breaks a
/// rule. Properties Tenure does not read are ignored: API objects carry many, and more over time.
/// </summary>
internal sealed class JsonExport(ExportOrigin origin, List<InputError> errors, int maxErrors)
{
    public bool HasErrors { get; private set; }

    public bool IsFull => errors.Count >= maxErrors;

    public void Error(string path, string message)
    {
        HasErrors = true;
        if (!IsFull)
            errors.Add(origin.Error(path, message));
    }

    /// <summary>The property at <paramref name="path"/> ("via.channel"), or null when absent or null.</summary>
    public static JsonElement? At(JsonElement element, string path)
    {
        foreach (var name in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element) || element.ValueKind == JsonValueKind.Null)
                return null;
        }
        return element;
    }

    /// <summary>A string or number as text, or null when absent, null or blank.</summary>
    public string? Text(JsonElement element, string path, string? shownAs = null)
    {
        if (At(element, path) is not { } value)
            return null;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var s = value.GetString()!.Trim();
                return s.Length == 0 ? null : s;
            case JsonValueKind.Number:
                return value.GetRawText();
            default:
                Error(shownAs ?? path, $"must be a string or a number, not {value.ValueKind.ToString().ToLowerInvariant()}");
                return null;
        }
    }

    public string RequiredText(JsonElement element, string path, string? shownAs = null)
    {
        var text = Text(element, path, shownAs);
        if (text is null)
            Error(shownAs ?? path, "value is required");
        return text ?? "";
    }

    /// <summary>An ISO-8601 instant, or null when absent (an unparsable one is an error).</summary>
    public DateTime? Instant(JsonElement element, string path, string? shownAs = null)
    {
        var text = Text(element, path, shownAs);
        if (text is null)
            return null;
        if (IsoInstant.TryParse(text, out var value))
            return value;
        Error(shownAs ?? path, $"'{text}' is not an ISO-8601 date-time");
        return null;
    }

    /// <summary>A number from 0 to <paramref name="maximum"/>, or null when absent.</summary>
    public decimal? Number(JsonElement element, string path, decimal maximum, string? shownAs = null)
    {
        if (At(element, path) is not { } value)
            return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) && number >= 0 && number <= maximum)
            return number;
        Error(shownAs ?? path, string.Create(CultureInfo.InvariantCulture, $"'{value.GetRawText()}' must be a number from 0 to {InputLimits.Shown(maximum)}"));
        return null;
    }
}
