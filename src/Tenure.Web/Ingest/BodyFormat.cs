using Microsoft.Net.Http.Headers;

namespace Tenure.Web.Ingest;

/// <summary>How a posted body is written: the CSV file format, or a JSON array of records.</summary>
public enum BodyFormat { Csv, Json }

internal static class BodyFormats
{
    /// <summary>text/csv (or application/csv) is CSV; application/json (or any +json) is JSON; a charset, when given, must be UTF-8.</summary>
    public static BodyFormat? Of(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
            return null;
        if (media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && !media.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            return null;
        if (media.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Equals("application/csv", StringComparison.OrdinalIgnoreCase))
            return BodyFormat.Csv;
        if (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
            return BodyFormat.Json;
        return null;
    }
}
