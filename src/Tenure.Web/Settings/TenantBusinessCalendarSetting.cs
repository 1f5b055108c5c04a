using Tenure.Metrics.Engine;
using Tenure.Metrics.Support;
using Tenure.Storage;
using Tenure.Storage.Users;

namespace Tenure.Web.Settings;

/// <summary>
/// The workspace's business calendar (tenant_settings.business_calendar, compact <see cref="BusinessCalendarJson"/>),
/// set on /settings by a manager or admin and applied to every dashboard and API metric of the workspace
/// (first-response-time-business, resolution-time-business). Never set: METRICS.md's default, Monday-Friday
/// 09:00-17:00 UTC without holidays.
/// </summary>
public sealed partial class TenantBusinessCalendarSetting(TenureDatabase database, ILogger<TenantBusinessCalendarSetting> logger)
{
    /// <summary>
    /// The workspace's calendar; the default when none is set. A stored value that no longer reads (say, its time
    /// zone left the system's time-zone database) is logged and the default is used, so the dashboards still load.
    /// </summary>
    public async Task<BusinessCalendar> GetAsync(string tenant, CancellationToken cancellationToken = default)
    {
        var stored = await TenantSettings.GetAsync(database, tenant, TenantSettings.BusinessCalendar, cancellationToken);
        if (stored is null) return BusinessCalendar.Default;
        if (BusinessCalendarJson.TryRead(stored, out var calendar, out var errors)) return calendar;
        LogUnreadable(tenant, string.Join(" ", errors));
        return BusinessCalendar.Default;
    }

    /// <summary>The options every metric of the workspace is computed with (its business calendar).</summary>
    public async Task<MetricOptions> OptionsAsync(string tenant, CancellationToken cancellationToken = default) =>
        new() { BusinessCalendar = await GetAsync(tenant, cancellationToken) };

    /// <summary>Stores <paramref name="calendar"/>; the default calendar (or null) removes the setting.</summary>
    public async Task SetAsync(string tenant, BusinessCalendar? calendar, CancellationToken cancellationToken = default)
    {
        var json = calendar is null ? null : BusinessCalendarJson.Write(calendar);
        if (json == BusinessCalendarJson.Write(BusinessCalendar.Default)) json = null;
        await TenantSettings.SetAsync(database, tenant, TenantSettings.BusinessCalendar, json, cancellationToken);
    }

    /// <summary>
    /// Reads the settings page's fields: the working days ticked, opening and closing times (HH:mm), a time-zone id,
    /// and holidays as yyyy-MM-dd dates separated by new lines, commas or spaces. False with one sentence per problem,
    /// each naming the field as the page labels it, when anything is wrong.
    /// </summary>
    public static bool TryReadForm(
        IEnumerable<DayOfWeek> days, string? opens, string? closes, string? timeZone, string? holidays,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BusinessCalendar? calendar, out IReadOnlyList<string> errors)
    {
        calendar = null;
        var problems = new List<string>();
        errors = problems;
        if (!BusinessCalendarJson.TryParseTime(opens, out var open))
            problems.Add($"Opens: '{opens}' is not a time of day written HH:mm (00:00 to 23:59).");
        if (!BusinessCalendarJson.TryParseTime(closes, out var close))
            problems.Add($"Closes: '{closes}' is not a time of day written HH:mm (00:00 to 23:59).");
        var dates = new List<DateOnly>();
        foreach (var text in (holidays ?? "").Split(['\n', '\r', ',', ' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (BusinessCalendarJson.TryParseDate(text, out var date)) dates.Add(date);
            else problems.Add($"Holidays: '{text}' is not a date written yyyy-MM-dd.");
        }
        if (problems.Count > 0) return false;
        if (BusinessCalendar.TryCreate(days, open, close, timeZone, dates, out calendar, out var rules)) return true;
        problems.AddRange(rules.Select(r => char.ToUpperInvariant(r[0]) + r[1..]));
        return false;
    }

    /// <summary>The calendar in a sentence, for the page: "Monday to Friday, 09:00-17:00 (UTC), 2 holidays".</summary>
    public static string Describe(BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var days = BusinessCalendarJson.MondayFirst.Where(calendar.WorkingDays.Contains).ToList();
        var weekdays = BusinessCalendarJson.MondayFirst.Take(5);
        var dayText = days.Count == 5 && days.SequenceEqual(weekdays) ? "Monday to Friday"
            : days.Count == 7 ? "every day"
            : string.Join(", ", days);
        var holidays = calendar.Holidays.Count switch { 0 => "no holidays", 1 => "1 holiday", var n => $"{n} holidays" };
        return $"{dayText}, {BusinessCalendar.Clock(calendar.Opens)}-{BusinessCalendar.Clock(calendar.Closes)} ({calendar.TimeZoneId}), {holidays}";
    }

    /// <summary>The time-zone ids this system knows, sorted (for the page's suggestions).</summary>
    public static IReadOnlyList<string> TimeZoneIds { get; } =
        [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Append("UTC").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    [LoggerMessage(Level = LogLevel.Warning, Message = "The business calendar stored for tenant {Tenant} does not read ({Problems}); the default calendar is used")]
    private partial void LogUnreadable(string tenant, string problems);
}
