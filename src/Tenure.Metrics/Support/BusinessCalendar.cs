using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Tenure.Metrics.Support;

/// <summary>
/// A workspace's business hours (METRICS.md "Support", business calendar): the working days, one daily
/// opening and closing time on the local wall clock of a time zone, and holidays (local dates that are
/// not worked). The working interval of a local date D is [D at <see cref="Opens"/>, D at <see cref="Closes"/>)
/// on the wall clock, when D is a working day and not a holiday; the business time between two instants
/// is the length of the overlap of [from, to) with those intervals (<see cref="BusinessTime"/>).
/// </summary>
/// <remarks>
/// Hours are wall-clock time, so a working day across a daylight-saving change lasts what the wall clock
/// says in elapsed time: 01:00-04:00 in Europe/Berlin is 2 h on the spring-forward day and 4 h on the
/// fall-back day. A wall-clock time the change skips stands for the instant the clocks jump (skipped time
/// is never worked); a time that occurs twice stands for its first occurrence. Closing must be after
/// opening on the same day: overnight shifts are not supported. Immutable; no clock, no I/O.
/// </remarks>
public sealed class BusinessCalendar
{
    private readonly int dayMask;
    private readonly HashSet<DateOnly> holidays;
    private readonly bool fixedOffset;

    // Converting a wall-clock time in a zone with rules costs about a microsecond; the intervals of the dates
    // already seen are kept (a few thousand dates cover years of tickets), so a long span is a walk over lookups.
    private readonly ConcurrentDictionary<DateOnly, (long Opens, long Closes)> intervals = new();
    private const int MaxRememberedDates = 100_000;
    private int remembered;

    private BusinessCalendar(IReadOnlySet<DayOfWeek> workingDays, TimeOnly opens, TimeOnly closes, TimeZoneInfo zone, IReadOnlyList<DateOnly> holidays)
    {
        WorkingDays = workingDays;
        Opens = opens;
        Closes = closes;
        TimeZone = zone;
        Holidays = holidays;
        this.holidays = [.. holidays];
        foreach (var day in workingDays) dayMask |= 1 << (int)day;
        fixedOffset = !zone.SupportsDaylightSavingTime && zone.GetAdjustmentRules().Length == 0;
    }

    /// <summary>METRICS.md's default: Monday to Friday, 09:00-17:00 UTC, no holidays.</summary>
    public static BusinessCalendar Default { get; } = new(
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday },
        new TimeOnly(9, 0), new TimeOnly(17, 0), TimeZoneInfo.Utc, []);

    /// <summary>The days of the week that are worked (at least one).</summary>
    public IReadOnlySet<DayOfWeek> WorkingDays { get; }

    /// <summary>Local wall-clock opening time of every working day.</summary>
    public TimeOnly Opens { get; }

    /// <summary>Local wall-clock closing time of every working day, after <see cref="Opens"/> (the working interval excludes it).</summary>
    public TimeOnly Closes { get; }

    /// <summary>The time zone whose wall clock the hours and holidays are in.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The IANA id of <see cref="TimeZone"/> (e.g. "Europe/Berlin", "UTC").</summary>
    public string TimeZoneId => TimeZone.Id;

    /// <summary>Local dates that are not worked even when their weekday is; sorted, distinct.</summary>
    public IReadOnlyList<DateOnly> Holidays { get; }

    /// <summary>
    /// The calendar with these parts, or an <see cref="ArgumentException"/> whose message lists every rule
    /// broken (see <see cref="TryCreate"/>).
    /// </summary>
    public static BusinessCalendar Create(IEnumerable<DayOfWeek> workingDays, TimeOnly opens, TimeOnly closes, string timeZoneId, IEnumerable<DateOnly>? holidays = null) =>
        TryCreate(workingDays, opens, closes, timeZoneId, holidays, out var calendar, out var errors)
            ? calendar
            : throw new ArgumentException("Invalid business calendar: " + string.Join(" ", errors));

    /// <summary>
    /// Validates and builds a calendar. The rules: at least one working day; closing after opening on the same
    /// day (no overnight hours); a time zone id the system's time-zone database knows (IANA ids such as
    /// Europe/Berlin; "UTC"). Holidays may repeat (kept once) and may fall on days that are not worked.
    /// On failure <paramref name="errors"/> holds one sentence per rule broken and the calendar is null.
    /// </summary>
    public static bool TryCreate(
        IEnumerable<DayOfWeek> workingDays, TimeOnly opens, TimeOnly closes, string? timeZoneId, IEnumerable<DateOnly>? holidays,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BusinessCalendar? calendar, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(workingDays);
        var problems = new List<string>();
        var days = new HashSet<DayOfWeek>();
        foreach (var day in workingDays)
        {
            if (!Enum.IsDefined(day)) problems.Add($"working day {(int)day} is not a day of the week.");
            else days.Add(day);
        }
        if (days.Count == 0 && problems.Count == 0)
            problems.Add("there must be at least one working day.");
        if (closes <= opens)
            problems.Add($"closing time {Clock(closes)} must be after opening time {Clock(opens)} on the same day (overnight hours are not supported).");
        var zone = FindZone(timeZoneId, problems);
        calendar = null;
        errors = problems;
        if (problems.Count > 0) return false;
        calendar = new BusinessCalendar(days, opens, closes, zone!, [.. (holidays ?? []).Distinct().Order()]);
        return true;
    }

    private static TimeZoneInfo? FindZone(string? id, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add("a time zone is required (an IANA id such as Europe/Berlin, or UTC).");
            return null;
        }
        id = id.Trim();
        if (string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase) || string.Equals(id, "Etc/UTC", StringComparison.Ordinal))
            return TimeZoneInfo.Utc;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            problems.Add($"time zone '{id}' is not in this system's time-zone database (use an IANA id such as Europe/Berlin or America/New_York, or UTC).");
            return null;
        }
    }

    /// <summary>True when the local date <paramref name="date"/> is worked: a working weekday and not a holiday.</summary>
    public bool IsWorkingDay(DateOnly date) => (dayMask & (1 << (int)date.DayOfWeek)) != 0 && !holidays.Contains(date);

    /// <summary>
    /// The business time between two instants: the length of the overlap of [<paramref name="from"/>,
    /// <paramref name="to"/>) with the working intervals. Zero when <paramref name="to"/> is not after
    /// <paramref name="from"/> (an empty or reversed span overlaps nothing). Instants are UTC (a DateTime
    /// of unspecified kind is read as UTC, as the inputs are). Works a local day at a time (never finer), skipping
    /// days that are not worked and remembering each date's interval, so a span of two years is some 730 steps.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TimeSpan BusinessTime(DateTime from, DateTime to)
    {
        var start = Utc(from);
        var end = Utc(to);
        if (end <= start) return TimeSpan.Zero;
        // The day before the local date of `from`, in case the zone's rules put part of its interval after `from`.
        var first = LocalDate(start).AddDays(-1);
        var last = LocalDate(end);
        long total = 0;
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            if (!IsWorkingDay(date)) continue;
            var (opens, closes) = WorkingInterval(date);
            var overlap = Math.Min(closes, end.Ticks) - Math.Max(opens, start.Ticks);
            if (overlap > 0) total += overlap;
        }
        return TimeSpan.FromTicks(total);
    }

    /// <summary>The working interval of local date <paramref name="date"/> as UTC ticks [opens, closes), whether or not the date is worked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (long Opens, long Closes) WorkingInterval(DateOnly date)
    {
        if (fixedOffset) return ConvertInterval(date);
        if (intervals.TryGetValue(date, out var known)) return known;
        var interval = ConvertInterval(date);
        // ConcurrentDictionary.Count takes every lock; a counter bounds the memory instead (approximately: racing adds may both count).
        if (Volatile.Read(ref remembered) < MaxRememberedDates && intervals.TryAdd(date, interval))
            Interlocked.Increment(ref remembered);
        return interval;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (long Opens, long Closes) ConvertInterval(DateOnly date) =>
        (UtcTicks(date.ToDateTime(Opens)), UtcTicks(date.ToDateTime(Closes)));

    private static DateTime Utc(DateTime instant) =>
        instant.Kind == DateTimeKind.Local ? instant.ToUniversalTime() : DateTime.SpecifyKind(instant, DateTimeKind.Utc);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private DateOnly LocalDate(DateTime utc) =>
        DateOnly.FromDateTime(fixedOffset ? utc + TimeZone.BaseUtcOffset : TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZone));

    /// <summary>The UTC ticks of a local wall-clock time: skipped times map to the instant the clocks jump, repeated ones to their first occurrence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long UtcTicks(DateTime local)
    {
        if (fixedOffset) return (local - TimeZone.BaseUtcOffset).Ticks;
        if (TimeZone.IsInvalidTime(local)) return GapEnd(local);
        if (TimeZone.IsAmbiguousTime(local)) return (local - TimeZone.GetAmbiguousTimeOffsets(local).Max()).Ticks;
        return (local - TimeZone.GetUtcOffset(local)).Ticks;
    }

    /// <summary>
    /// The first instant whose wall-clock time is at or after a skipped <paramref name="local"/> time: the
    /// instant the clocks jumped. Found by bisection within 18 hours either side (offsets are within ±14 h,
    /// and a zone never changes its clocks twice in that window).
    /// </summary>
    private long GapEnd(DateTime local)
    {
        var low = local.Ticks - TimeSpan.TicksPerHour * 18;
        var high = local.Ticks + TimeSpan.TicksPerHour * 18;
        while (high - low > 1)
        {
            var middle = low + (high - low) / 2;
            if (TimeZoneInfo.ConvertTimeFromUtc(new DateTime(middle, DateTimeKind.Utc), TimeZone) >= local) high = middle;
            else low = middle;
        }
        return high;
    }

    /// <summary>A time as the settings write it: HH:mm, with seconds only when it has them.</summary>
    public static string Clock(TimeOnly time) =>
        time.ToString(time.Second == 0 && time.Millisecond == 0 && time.Microsecond == 0 ? "HH:mm" : "HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
