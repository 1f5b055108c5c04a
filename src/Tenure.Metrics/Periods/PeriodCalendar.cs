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
    public static IReadOnlyList<Period> Split(DateTime from, DateTime to, Granularity granularity)
    {
        from = AsUtc(from);
        to = AsUtc(to);
        var periods = new List<Period>();
        if (to <= from)
            return periods;
        if (granularity == Granularity.Range)
        {
            periods.Add(new Period(from, to, granularity));
            return periods;
        }

        var start = from;
        var boundary = Floor(from, granularity);
        while (start < to)
        {
            boundary = Next(boundary, granularity);
            var end = boundary < to ? boundary : to;
            periods.Add(new Period(start, end, granularity));
            start = end;
        }
        return periods;
    }

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

    /// <summary>The start of the calendar period after the one starting at <paramref name="start"/>.</summary>
    public static DateTime Next(DateTime start, Granularity granularity) => granularity switch
    {
        Granularity.Day => start.AddDays(1),
        Granularity.Week => start.AddDays(7),
        Granularity.Month => start.AddMonths(1),
        Granularity.Quarter => start.AddMonths(3),
        Granularity.Year => start.AddYears(1),
        _ => throw new ArgumentOutOfRangeException(nameof(granularity), "A custom range has no next period."),
    };

    private static DateTime AsUtc(DateTime t) =>
        t.Kind == DateTimeKind.Utc ? t : DateTime.SpecifyKind(t, DateTimeKind.Utc);
}
