using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tenure.Metrics.Support;

/// <summary>
/// The JSON form of a <see cref="BusinessCalendar"/>, one shape for the workspace setting
/// (tenant_settings.business_calendar) and for `tenure metrics --business-calendar FILE`:
/// <code>
/// {"workingDays":["monday","tuesday","wednesday","thursday","friday"],"opens":"09:00","closes":"17:00",
///  "timeZone":"Europe/Berlin","holidays":["2026-12-24","2026-12-25"]}
/// </code>
/// Every field is optional and takes METRICS.md's default when absent (Monday-Friday, 09:00, 17:00, UTC, no
/// holidays). Days are English day names (or their first three letters), any case; times HH:mm or HH:mm:ss;
/// holidays yyyy-MM-dd local dates. An unknown field is an error that names it.
/// </summary>
public static class BusinessCalendarJson
{
    private const string WorkingDaysField = "workingDays", OpensField = "opens", ClosesField = "closes",
        TimeZoneField = "timeZone", HolidaysField = "holidays";

    private static readonly string[] Fields = [WorkingDaysField, OpensField, ClosesField, TimeZoneField, HolidaysField];
    private static readonly string[] TimeFormats = ["HH:mm", "HH:mm:ss", "HH:mm:ss.FFFFFFF"];

    /// <summary>The compact JSON of <paramref name="calendar"/>, every field written (days Monday first).</summary>
    public static string Write(BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartArray(WorkingDaysField);
            foreach (var day in MondayFirst.Where(calendar.WorkingDays.Contains))
                json.WriteStringValue(DayName(day));
            json.WriteEndArray();
            json.WriteString(OpensField, BusinessCalendar.Clock(calendar.Opens));
            json.WriteString(ClosesField, BusinessCalendar.Clock(calendar.Closes));
            json.WriteString(TimeZoneField, calendar.TimeZoneId);
            json.WriteStartArray(HolidaysField);
            foreach (var holiday in calendar.Holidays)
                json.WriteStringValue(Date(holiday));
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Reads a calendar from its JSON; false with one sentence per problem (naming the field and the rule) when
    /// the text is not a JSON object of the shape above or the calendar breaks a rule of <see cref="BusinessCalendar.TryCreate"/>.
    /// </summary>
    public static bool TryRead(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BusinessCalendar? calendar, out IReadOnlyList<string> errors)
    {
        calendar = null;
        var problems = new List<string>();
        errors = problems;
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add("the business calendar is empty (expected a JSON object such as {\"timeZone\":\"Europe/Berlin\"}).");
            return false;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            problems.Add($"the business calendar is not valid JSON: {e.Message}");
            return false;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add("the business calendar must be a JSON object with the fields " + string.Join(", ", Fields) + ".");
                return false;
            }
            var defaults = BusinessCalendar.Default;
            IEnumerable<DayOfWeek> days = defaults.WorkingDays;
            var opens = defaults.Opens;
            var closes = defaults.Closes;
            var zone = defaults.TimeZoneId;
            var holidays = new List<DateOnly>();
            foreach (var field in root.EnumerateObject())
            {
                switch (field.Name)
                {
                    case WorkingDaysField: days = ReadDays(field.Value, problems); break;
                    case OpensField: opens = ReadTime(field.Value, OpensField, problems) ?? opens; break;
                    case ClosesField: closes = ReadTime(field.Value, ClosesField, problems) ?? closes; break;
                    case TimeZoneField:
                        if (field.Value.ValueKind == JsonValueKind.String) zone = field.Value.GetString()!;
                        else problems.Add($"{TimeZoneField}: expected a string such as \"Europe/Berlin\".");
                        break;
                    case HolidaysField: ReadHolidays(field.Value, holidays, problems); break;
                    default:
                        problems.Add($"unknown field '{field.Name}' (the fields are {string.Join(", ", Fields)}).");
                        break;
                }
            }
            if (problems.Count > 0) return false;
            if (BusinessCalendar.TryCreate(days, opens, closes, zone, holidays, out calendar, out var rules)) return true;
            problems.AddRange(rules);
            return false;
        }
    }

    /// <summary>Reads a calendar from its JSON, or throws a <see cref="FormatException"/> whose message lists every problem.</summary>
    public static BusinessCalendar Read(string? text) =>
        TryRead(text, out var calendar, out var errors) ? calendar : throw new FormatException(string.Join(" ", errors));

    /// <summary>The lower-case English name the JSON writes for <paramref name="day"/>.</summary>
    public static string DayName(DayOfWeek day) => day.ToString().ToLowerInvariant();

    /// <summary>The days of the week in the order people list them: Monday first.</summary>
    public static IReadOnlyList<DayOfWeek> MondayFirst { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>A day name ("monday", "Mon", any case) as a day of the week; false for anything else.</summary>
    public static bool TryParseDay(string? text, out DayOfWeek day)
    {
        day = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var name = text.Trim();
        foreach (var candidate in MondayFirst)
        {
            var full = DayName(candidate);
            if (string.Equals(name, full, StringComparison.OrdinalIgnoreCase) || string.Equals(name, full[..3], StringComparison.OrdinalIgnoreCase))
            {
                day = candidate;
                return true;
            }
        }
        return false;
    }

    /// <summary>A time of day written HH:mm (or HH:mm:ss); false for anything else.</summary>
    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>A local date written yyyy-MM-dd; false for anything else.</summary>
    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static List<DayOfWeek> ReadDays(JsonElement value, List<string> problems)
    {
        var days = new List<DayOfWeek>();
        if (value.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{WorkingDaysField}: expected an array of day names such as [\"monday\", \"tuesday\"].");
            return days;
        }
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && TryParseDay(item.GetString(), out var day)) days.Add(day);
            else problems.Add($"{WorkingDaysField}: {item.GetRawText()} is not a day name (monday .. sunday, or mon .. sun).");
        }
        return days;
    }

    private static TimeOnly? ReadTime(JsonElement value, string field, List<string> problems)
    {
        if (value.ValueKind == JsonValueKind.String && TryParseTime(value.GetString(), out var time)) return time;
        problems.Add($"{field}: {value.GetRawText()} is not a time of day written HH:mm (00:00 .. 23:59).");
        return null;
    }

    private static void ReadHolidays(JsonElement value, List<DateOnly> holidays, List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{HolidaysField}: expected an array of dates such as [\"2026-12-25\"].");
            return;
        }
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && TryParseDate(item.GetString(), out var date)) holidays.Add(date);
            else problems.Add($"{HolidaysField}: {item.GetRawText()} is not a date written yyyy-MM-dd.");
        }
    }
}
