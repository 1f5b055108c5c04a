namespace Tenure.Web.Mail;

/// <summary>
/// When scheduled mail is due: the latest slot (a local wall-clock time in the workspace's time zone) at or before
/// now, as a UTC instant and the local date that names it. Mail for a slot is keyed by that date, so it is sent once
/// per slot however often the scheduler looks, and after a restart the missed slot is still sent once.
/// </summary>
public static class MailSlots
{
    /// <summary>The latest daily slot at <paramref name="hour"/>:00 local at or before <paramref name="now"/>.</summary>
    public static (DateTime Utc, DateOnly Local) LatestDaily(DateTime now, int hour, TimeZoneInfo zone) =>
        Latest(now, zone, today => [today, today.AddDays(-1)], hour);

    /// <summary>The latest weekly slot on <paramref name="day"/> at <paramref name="hour"/>:00 local.</summary>
    public static (DateTime Utc, DateOnly Local) LatestWeekly(DateTime now, DayOfWeek day, int hour, TimeZoneInfo zone) =>
        Latest(now, zone, today =>
        {
            var back = ((int)today.DayOfWeek - (int)day + 7) % 7;
            var thisWeek = today.AddDays(-back);
            return [thisWeek, thisWeek.AddDays(-7)];
        }, hour);

    /// <summary>The latest monthly slot on the 1st at <paramref name="hour"/>:00 local.</summary>
    public static (DateTime Utc, DateOnly Local) LatestMonthly(DateTime now, int hour, TimeZoneInfo zone) =>
        Latest(now, zone, today =>
        {
            var first = new DateOnly(today.Year, today.Month, 1);
            return [first, first.AddMonths(-1)];
        }, hour);

    private static (DateTime Utc, DateOnly Local) Latest(DateTime now, TimeZoneInfo zone, Func<DateOnly, DateOnly[]> candidates, int hour)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(now, DateTimeKind.Utc), zone);
        foreach (var date in candidates(DateOnly.FromDateTime(local)))
        {
            var utc = ToUtc(date.ToDateTime(new TimeOnly(hour, 0)), zone);
            if (utc <= now) return (utc, date);
        }
        throw new InvalidOperationException("unreachable: the earlier candidate is always in the past");
    }

    /// <summary>A local wall-clock time as UTC; a time skipped by a DST change counts as one hour later.</summary>
    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddHours(1);
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }
}
