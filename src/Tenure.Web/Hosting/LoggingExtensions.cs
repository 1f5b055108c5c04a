using Microsoft.Extensions.Logging.Console;

namespace Tenure.Web.Hosting;

/// <summary>
/// The console log format: Tenure:LogFormat = text (the default: ASP.NET Core's readable lines) or json (one JSON
/// object per line, Microsoft.Extensions.Logging's JSON console formatter, UTC ISO 8601 timestamps, for log
/// collectors); `tenure serve --log-format json` sets it. Logging:Console:FormatterName also works as in any ASP.NET Core app.
/// </summary>
public static class LoggingExtensions
{
    public const string FormatKey = "Tenure:LogFormat";

    public static IHostApplicationBuilder AddTenureLogging(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        switch (builder.Configuration[FormatKey]?.Trim().ToLowerInvariant())
        {
            case null or "" or "text":
                break;
            case "json":
                builder.Logging.AddJsonConsole(json =>
                {
                    json.UseUtcTimestamp = true;
                    json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                    json.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
                });
                break;
            case var other:
                throw new InvalidOperationException($"{FormatKey}: '{other}' is not a log format (text or json).");
        }
        return builder;
    }

    /// <summary>Whether the console log is JSON (then nothing else may print plain lines on standard output).</summary>
    public static bool IsJson(IConfiguration configuration) =>
        string.Equals(configuration?[FormatKey]?.Trim(), "json", StringComparison.OrdinalIgnoreCase)
        || string.Equals(configuration?[$"Logging:Console:{nameof(ConsoleLoggerOptions.FormatterName)}"], ConsoleFormatterNames.Json, StringComparison.OrdinalIgnoreCase);
}
