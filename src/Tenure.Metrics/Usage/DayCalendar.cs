using Tenure.Metrics.Periods;

namespace Tenure.Metrics.Usage;

/// <summary>
/// The UTC days that meet the requested periods, numbered 0..Count-1 from the day holding the first
/// period's start. Usage is rolled up per day, so day-based metrics work on these indexes.
/// </summary>
public sealed class DayCalendar
{
    private readonly long firstTicks;

    public DayCalendar(IReadOnlyList<Period> periods)
    {
        if (periods.Count == 0) return;
        var first = PeriodCalendar.Floor(periods[0].Start, Granularity.Day);
        firstTicks = first.Ticks;
        Count = FirstDayStartingAfterOrAt(periods[^1].End);
    }

    public int Count { get; }

    /// <summary>The day number (days since 0001-01-01, as <see cref="Inputs.UsageDayCount.Day"/>) of day 0.</summary>
    public int FirstDayNumber => (int)(firstTicks / TimeSpan.TicksPerDay);

    /// <summary>The index of the day holding <paramref name="day"/> (floor; may be negative or past the end).</summary>
    public int IndexOf(DateTime day) => (int)FloorDiv(day.Ticks - firstTicks, TimeSpan.TicksPerDay);

    /// <summary>The index of the first day starting at or after <paramref name="instant"/> (may be negative or past the end).</summary>
    public int FirstDayStartingAfterOrAt(DateTime instant) =>
        (int)-FloorDiv(firstTicks - instant.Ticks, TimeSpan.TicksPerDay);

    /// <summary>The days whose start is in <paramref name="period"/>, as [From, To) clipped to the calendar.</summary>
    public (int From, int To) DaysOf(Period period) =>
        (Math.Clamp(FirstDayStartingAfterOrAt(period.Start), 0, Count), Math.Clamp(FirstDayStartingAfterOrAt(period.End), 0, Count));

    private static long FloorDiv(long x, long n) => x >= 0 ? x / n : -((-x + n - 1) / n);
}
