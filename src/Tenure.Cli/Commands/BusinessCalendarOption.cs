using System.CommandLine;

using Tenure.Metrics.Support;

namespace Tenure.Cli.Commands;

/// <summary>
/// `tenure metrics --business-calendar FILE`: the business hours of the business-hours support metrics, read from a
/// JSON file of the workspace setting's shape (<see cref="BusinessCalendarJson"/>; docs/operations.md "Business hours").
/// </summary>
internal static class BusinessCalendarOption
{
    public static Option<string> Create() => new("--business-calendar")
    {
        Description = "JSON file with the business hours for first-response-time-business and resolution-time-business: " +
            "{\"workingDays\":[\"monday\",...],\"opens\":\"09:00\",\"closes\":\"17:00\",\"timeZone\":\"Europe/Berlin\",\"holidays\":[\"2026-12-25\"]} " +
            "(absent fields: Monday-Friday 09:00-17:00 UTC, no holidays; without the option, that default, or with --db the workspace's business_calendar setting).",
    };

    /// <summary>The workspace's stored setting (tenant_settings.business_calendar), or a bad-input error saying how to fix it.</summary>
    public static BusinessCalendar Stored(string json) =>
        BusinessCalendarJson.TryRead(json, out var calendar, out var errors)
            ? calendar
            : throw new CliException("error: the workspace setting business_calendar does not read: " + string.Join(" ", errors) +
                " Set it again on the settings page, or pass --business-calendar.");

    /// <summary>The calendar in <paramref name="path"/>, or a bad-input error naming the file and every problem.</summary>
    public static BusinessCalendar Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException($"error: --business-calendar '{path}' cannot be read: {e.Message}");
        }
        return BusinessCalendarJson.TryRead(text, out var calendar, out var errors)
            ? calendar
            : throw new CliException($"error: --business-calendar {path}: " + string.Join(" ", errors));
    }
}
