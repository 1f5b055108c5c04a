using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

using Tenure.Cli.Output;
using Tenure.Predictive.Input;

namespace Tenure.Cli.Commands.Predictive;

/// <summary>What the predictive commands share: input errors as exit 2, files that must exist, number and JSON formats.</summary>
internal static class PredictiveCli
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Runs a command body, turning a bad input file or an impossible fit into exit code 2 with a plain message.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (PredictiveInputException e)
        {
            throw new CliException(e.Message);
        }
        catch (ArgumentException e) when (e is not ArgumentNullException)
        {
            throw new CliException($"error: {FirstSentence(e.Message)}");
        }
        catch (ArithmeticException e)
        {
            throw new CliException($"error: the model could not be fitted to these data ({e.Message})");
        }
    }

    /// <summary>The path of an input file, which must exist (a missing file is bad input, exit 2).</summary>
    public static string ExistingFile(string? path, string option)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new CliException($"error: {option} is required.");
        if (!File.Exists(path))
            throw new CliException($"error: {option} '{path}' does not exist.");
        return path;
    }

    public static DateOnly Date(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new CliException($"error: {option} is required (a date such as 1997-09-30).");
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        throw new CliException($"error: {option} '{text}' is not a date (expected yyyy-MM-dd).");
    }

    /// <summary>table, json or csv, limited to the formats a command offers.</summary>
    public static OutputFormat Format(string? text, params OutputFormat[] allowed)
    {
        var format = CliParsing.Format(text);
        if (!allowed.Contains(format))
            throw new CliException($"error: --format '{text}' is not one of {string.Join(", ", allowed.Select(f => f.ToString().ToLowerInvariant()))}.");
        return format;
    }

    /// <summary>Rounded to <paramref name="decimals"/> places, trailing zeros dropped, invariant culture (never "-0").</summary>
    public static string Invariant(double value, int decimals = 6) =>
        (Math.Round(value, decimals) + 0.0).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);

    public static string Invariant(double? value, int decimals = 6) => value is { } v ? Invariant(v, decimals) : "";

    /// <summary>A CSV text field: the shared writer's (<see cref="Metrics.Reporting.CsvText.Field"/>: RFC 4180 quoting, formula-looking text defused).</summary>
    public static string CsvField(string value) => Metrics.Reporting.CsvText.Field(value);

    public static void WriteJson<T>(TextWriter writer, T value) => writer.WriteLine(JsonSerializer.Serialize(value, Json));

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message;
    }
}
