using System.Globalization;

using Tenure.Cli.Output;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Periods;

namespace Tenure.Cli.Commands;

/// <summary>Parsing of option values shared by commands, with errors that name the option.</summary>
internal static class CliParsing
{
    /// <summary>A date (yyyy-MM-dd, midnight UTC) or an ISO-8601 instant (UTC unless an offset is given).</summary>
    public static DateTime Instant(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new CliException($"error: {option} is required (a date such as 2024-01-01).");
        if (RangeBound.TryParse(text, out var instant))
            return instant;
        throw new CliException($"error: {option} '{text}' is not a date (expected yyyy-MM-dd or an ISO-8601 timestamp).");
    }

    public static OutputFormat Format(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "table" => OutputFormat.Table,
        "json" => OutputFormat.Json,
        "csv" => OutputFormat.Csv,
        _ => throw new CliException($"error: --format '{text}' is not one of table, json, csv."),
    };

    /// <summary>Comma-separated list, blanks dropped: "a, b,,c" -> [a, b, c].</summary>
    public static IReadOnlyList<string> List(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
