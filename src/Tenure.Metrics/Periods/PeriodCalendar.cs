namespace Tenure.Metrics.Periods;

/// <summary>Cuts a time range into calendar periods.</summary>
public static class PeriodCalendar
{
    /// <summary>
    /// The calendar periods of <paramref name="granularity"/> that meet [<paramref name="from"/>,
    /// <paramref name="to"/>), clipped to that range (so a range that starts mid-month begins with a
    /// partial month). <see cref="Granularity.Range"/> gives the whole range as one period.
    /// Returns no periods when <paramref name="to"/> is not after <paramref name="from"/>.
    /// </summary>
    public static IReadOnlyList<Period> Split(DateTime from, DateTime to, Granularity granularity) => Split(from, to, granularity, null);

    /// <summary>
    /// As <see cref="Split(DateTime, DateTime, Granularity)"/>; a <see cref="Granularity.Range"/> with
    /// <paramref name="rangeCuts"/> is cut at each of them into consecutive periods (see <c>MetricRequest.RangeCuts</c>).
    /// </summary>
    /// <exception cref="ArgumentException">A cut not strictly inside the range, or not after the cut before it.</exception>
    public static IReadOnlyList<Period> Split(DateTime from, DateTime to, Granularity granularity, IReadOnlyList<DateTime>? rangeCuts)
    {
        from = AsUtc(from);
        to = AsUtc(to);
        var periods = new List<Period>();
        if (to <= from)
            return periods;
        if (granularity == Granularity.Range)
        {
            var start = from;
            foreach (var cut in rangeCuts ?? [])
            {
                var at = AsUtc(cut);
                if (at <= start || at >= to)
                    throw new ArgumentException($"A range's cut {at:O} is not after {start:O} and before {to:O}.", nameof(rangeCuts));
                periods.Add(new Period(start, at, granularity));
                start = at;
            }
            periods.Add(new Period(start, to, granularity));
            return periods;
        }

        var next = from;
        var boundary = Floor(from, granularity);
        while (next < to)
        {
            boundary = Next(boundary, granularity);
            var end = boundary < to ? boundary : to;
            periods.Add(new Period(next, end, granularity));
            next = end;
        }
        return periods;
    }

    /// <summary>
    /// How many periods <see cref="Split(DateTime, DateTime, Granularity)"/> gives for the same arguments, computed arithmetically (no period is
    /// built), so a request can be refused before any work: 0 when <paramref name="to"/> is not after
    /// <paramref name="from"/>, 1 for <see cref="Granularity.Range"/>.
    /// </summary>
    public static long Count(DateTime from, DateTime to, Granularity granularity)
    {
        if (to <= from)
            return 0;
        if (granularity == Granularity.Range)
            return 1;
        // The periods are those from the one holding `from` to the one holding the last instant before `to`.
        return Index(to.AddTicks(-1), granularity) - Index(from, granularity) + 1;
    }

    /// <summary>A running number of the calendar period holding <paramref name="instant"/>: consecutive periods differ by 1.</summary>
    private static long Index(DateTime instant, Granularity granularity) => granularity switch
    {
        Granularity.Day => instant.Ticks / TimeSpan.TicksPerDay,
        // 0001-01-01 is a Monday, so ISO weeks are whole 7-day blocks from the start of DateTime.
        Granularity.Week => instant.Ticks / TimeSpan.TicksPerDay / 7,
        Granularity.Month => instant.Year * 12L + instant.Month - 1,
        Granularity.Quarter => instant.Year * 4L + (instant.Month - 1) / 3,
        Granularity.Year => instant.Year,
        _ => throw new ArgumentOutOfRangeException(nameof(granularity), "A custom range is one period."),
    };

    /// <summary>The start of the calendar period of <paramref name="granularity"/> holding <paramref name="instant"/>.</summary>
    public static DateTime Floor(DateTime instant, Granularity granularity)
    {
        var day = new DateTime(instant.Year, instant.Month, instant.Day, 0, 0, 0, DateTimeKind.Utc);
        return granularity switch
        {
            Granularity.Day => day,
            Granularity.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            Granularity.Month => new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc),
            Granularity.Quarter => new DateTime(day.Year, (day.Month - 1) / 3 * 3 + 1, 1, 0, 0, 0, DateTimeKind.Utc),
            Granularity.Year => new DateTime(day.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            _ => instant,
        };
    }

    /// <summary>
    /// The start of the calendar period after the one starting at <paramref name="start"/>; for the last period
    /// of the calendar (its next start would be after year 9999), <see cref="DateTime.MaxValue"/>, so a range
    /// ending in 9999 is still cut without overflowing.
    /// </summary>
    public static DateTime Next(DateTime start, Granularity granularity)
    {
        var months = granularity switch
        {
            Granularity.Day or Granularity.Week => 0,
            Granularity.Month => 1,
            Granularity.Quarter => 3,
            Granularity.Year => 12,
            _ => throw new ArgumentOutOfRangeException(nameof(granularity), "A custom range has no next period."),
        };
        var days = granularity switch { Granularity.Day => 1, Granularity.Week => 7, _ => 0 };
        var last = DateTime.SpecifyKind(DateTime.MaxValue, start.Kind);
        if (days > 0)
            return start.Ticks <= DateTime.MaxValue.Ticks - days * TimeSpan.TicksPerDay ? start.AddDays(days) : last;
        return start.Year * 12 + start.Month - 1 + months <= 9999 * 12 + 11 ? start.AddMonths(months) : last;
    }

    private static DateTime AsUtc(DateTime t) =>
        t.Kind == DateTimeKind.Utc ? t : DateTime.SpecifyKind(t, DateTimeKind.Utc);
}
