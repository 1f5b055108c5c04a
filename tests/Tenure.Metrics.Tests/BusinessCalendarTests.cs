using Tenure.Metrics.Support;

using static Tenure.Metrics.Tests.MetricRun;

namespace Tenure.Metrics.Tests;

/// <summary>
/// Business time = the overlap of [from, to) with the working intervals. Dates used: 2024-05-08 is a Wednesday,
/// 2024-05-10 a Friday, 2024-05-13 a Monday; Europe/Berlin springs forward on Sunday 2024-03-31 (02:00 CET -> 03:00 CEST,
/// at 01:00Z) and falls back on Sunday 2024-10-27 (03:00 CEST -> 02:00 CET, at 01:00Z).
/// </summary>
public class BusinessCalendarTests
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
    private static readonly DayOfWeek[] EveryDay = Enum.GetValues<DayOfWeek>();

    private static decimal Hours(BusinessCalendar calendar, string from, string to) =>
        (decimal)calendar.BusinessTime(T(from), T(to)).Ticks / TimeSpan.TicksPerHour;

    private static decimal Hours(string from, string to) => Hours(BusinessCalendar.Default, from, to);

    private static BusinessCalendar Berlin(string opens = "09:00", string closes = "17:00", DayOfWeek[]? days = null) =>
        BusinessCalendar.Create(days ?? Weekdays, TimeOnly.Parse(opens, System.Globalization.CultureInfo.InvariantCulture),
            TimeOnly.Parse(closes, System.Globalization.CultureInfo.InvariantCulture), "Europe/Berlin");

    [Fact]
    public void Default_IsMondayToFridayNineToFiveUtc()
    {
        var calendar = BusinessCalendar.Default;
        Assert.Equal(Weekdays.ToHashSet(), calendar.WorkingDays.ToHashSet());
        Assert.Equal(new TimeOnly(9, 0), calendar.Opens);
        Assert.Equal(new TimeOnly(17, 0), calendar.Closes);
        Assert.Equal(TimeSpan.Zero, calendar.TimeZone.BaseUtcOffset);
        Assert.Empty(calendar.Holidays);
    }

    [Theory]
    // Both inside one day (Wednesday): 10:00 -> 12:30 = 2.5 h.
    [InlineData("2024-05-08T10:00", "2024-05-08T12:30", 2.5)]
    // Starting before opening, ending after closing: only 09:00-17:00 counts = 8 h.
    [InlineData("2024-05-08T07:00", "2024-05-08T19:00", 8)]
    // Exactly the working interval = 8 h; closing to next opening = 0.
    [InlineData("2024-05-08T09:00", "2024-05-08T17:00", 8)]
    [InlineData("2024-05-08T17:00", "2024-05-09T09:00", 0)]
    // Starting after closing: Wednesday 18:00 -> Thursday 10:00 = Thursday 09:00-10:00 = 1 h.
    [InlineData("2024-05-08T18:00", "2024-05-09T10:00", 1)]
    // Spanning a weekend: Friday 15:00-17:00 (2 h) + Monday 09:00-11:00 (2 h) = 4 h.
    [InlineData("2024-05-10T15:00", "2024-05-13T11:00", 4)]
    // Inside a weekend: Saturday 10:00 -> Sunday 16:00 = 0.
    [InlineData("2024-05-11T10:00", "2024-05-12T16:00", 0)]
    // A whole week Monday 00:00 -> next Monday 00:00 = 5 x 8 = 40 h.
    [InlineData("2024-05-06T00:00", "2024-05-13T00:00", 40)]
    // Zero length, inside hours.
    [InlineData("2024-05-08T10:00", "2024-05-08T10:00", 0)]
    // Reversed: [from, to) is empty, so it overlaps nothing.
    [InlineData("2024-05-08T12:00", "2024-05-08T10:00", 0)]
    public void BusinessTime_DefaultCalendar_OverlapWithNineToFive(string from, string to, decimal expected) =>
        Assert.Equal(expected, Hours(from, to));

    [Fact]
    public void BusinessTime_Holiday_IsNotWorked()
    {
        // Wednesday 16:00 -> Friday 10:00: Wednesday 1 h + Thursday 8 h + Friday 1 h = 10 h;
        // with Thursday 2024-05-09 a holiday: 1 + 0 + 1 = 2 h. A holiday on a Saturday changes nothing.
        var withHoliday = BusinessCalendar.Create(Weekdays, new TimeOnly(9, 0), new TimeOnly(17, 0), "UTC",
            [new DateOnly(2024, 5, 9), new DateOnly(2024, 5, 11)]);
        Assert.Equal(10m, Hours("2024-05-08T16:00", "2024-05-10T10:00"));
        Assert.Equal(2m, Hours(withHoliday, "2024-05-08T16:00", "2024-05-10T10:00"));
        Assert.False(withHoliday.IsWorkingDay(new DateOnly(2024, 5, 9)));
        Assert.True(withHoliday.IsWorkingDay(new DateOnly(2024, 5, 10)));
    }

    [Fact]
    public void BusinessTime_Seconds_ExactToTheTick()
    {
        // 09:00:00 -> 09:00:01.5 = 1.5 s.
        var from = new DateTime(2024, 5, 8, 9, 0, 0, DateTimeKind.Utc);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), BusinessCalendar.Default.BusinessTime(from, from.AddMilliseconds(1500)));
        // An instant of unspecified kind is read as UTC, as the inputs are.
        Assert.Equal(TimeSpan.FromHours(1), BusinessCalendar.Default.BusinessTime(
            DateTime.SpecifyKind(from, DateTimeKind.Unspecified), DateTime.SpecifyKind(from.AddHours(1), DateTimeKind.Unspecified)));
    }

    [Fact]
    public void BusinessTime_ZoneWestOfUtc_LocalDayEndsOnTheNextUtcDay()
    {
        // Los Angeles in May is UTC-7: Monday 2024-05-13 09:00-17:00 PDT = 16:00Z Monday - 00:00Z Tuesday.
        // [23:00Z Monday, 01:00Z Tuesday) overlaps it 23:00Z-00:00Z = 1 h (01:00Z Tuesday is Monday 18:00 PDT).
        var la = BusinessCalendar.Create(Weekdays, new TimeOnly(9, 0), new TimeOnly(17, 0), "America/Los_Angeles");
        Assert.Equal(1m, Hours(la, "2024-05-13T23:00", "2024-05-14T01:00"));
        // The UTC calendar would count none of it (after 17:00Z Monday, before 09:00Z Tuesday).
        Assert.Equal(0m, Hours("2024-05-13T23:00", "2024-05-14T01:00"));
    }

    [Fact]
    public void BusinessTime_ZoneEastOfUtc_LocalDayStartsOnThePreviousUtcDay()
    {
        // Tokyo is UTC+9: Monday 2024-05-13 09:00 JST = Monday 00:00Z. [Sunday 23:00Z, Monday 01:00Z) = Monday 08:00-10:00 JST = 1 h.
        var tokyo = BusinessCalendar.Create(Weekdays, new TimeOnly(9, 0), new TimeOnly(17, 0), "Asia/Tokyo");
        Assert.Equal(1m, Hours(tokyo, "2024-05-12T23:00", "2024-05-13T01:00"));
    }

    [Fact]
    public void BusinessTime_NineToFiveAcrossTheSpringForwardWeekend_FollowsTheWallClock()
    {
        // Friday 2024-03-29 09:00-17:00 CET = 08:00Z-16:00Z; from 12:00Z: 4 h.
        // Monday 2024-04-01 09:00-17:00 CEST = 07:00Z-15:00Z; to 12:00Z: 5 h. Total 9 h (the UTC calendar: 5 + 3 = 8 h).
        Assert.Equal(9m, Hours(Berlin(), "2024-03-29T12:00", "2024-04-01T12:00"));
        Assert.Equal(8m, Hours("2024-03-29T12:00", "2024-04-01T12:00"));
    }

    [Fact]
    public void BusinessTime_DstChangeDays_HaveTheirElapsedLength()
    {
        var night = Berlin("01:00", "04:00", EveryDay);
        // Spring forward: 01:00 CET = 00:00Z, 04:00 CEST = 02:00Z: 2 h (the 30th's interval, 00:00Z-03:00Z, is before the span).
        Assert.Equal(2m, Hours(night, "2024-03-30T12:00", "2024-03-31T12:00"));
        // Fall back: 01:00 CEST = 23:00Z on the 26th, 04:00 CET = 03:00Z: 4 h.
        Assert.Equal(4m, Hours(night, "2024-10-26T12:00", "2024-10-27T12:00"));
        // An ordinary day: 3 h.
        Assert.Equal(3m, Hours(night, "2024-05-07T12:00", "2024-05-08T12:00"));
    }

    [Fact]
    public void BusinessTime_OpeningInTheSkippedHour_OpensWhenTheClocksJump()
    {
        // 02:30 does not exist on 2024-03-31 in Berlin: it stands for the jump at 01:00Z (= 03:00 CEST); 05:00 CEST = 03:00Z: 2 h.
        var calendar = Berlin("02:30", "05:00", EveryDay);
        Assert.Equal(2m, Hours(calendar, "2024-03-30T12:00", "2024-03-31T12:00"));
    }

    [Fact]
    public void BusinessTime_OpeningInTheRepeatedHour_OpensAtItsFirstOccurrence()
    {
        // 02:30 occurs twice on 2024-10-27 in Berlin: first at 00:30Z (CEST); 05:00 CET = 04:00Z: 3.5 h.
        var calendar = Berlin("02:30", "05:00", EveryDay);
        Assert.Equal(3.5m, Hours(calendar, "2024-10-26T12:00", "2024-10-27T12:00"));
    }

    [Fact]
    public void BusinessTime_TwoYears_EqualsTheWeekdayCount()
    {
        // 2024 has 366 days from a Monday: 52 weeks + Monday, Tuesday = 262 weekdays; 2025 has 365 days from a
        // Wednesday: 52 weeks + Wednesday = 261. 523 weekdays x 8 h = 4,184 h.
        Assert.Equal(4184m, Hours("2024-01-01T00:00", "2026-01-01T00:00"));
    }

    [Fact]
    public void BusinessTime_ADecade_EqualsAClosedFormCount()
    {
        // Closed form: whole weeks x 5 days, plus the weekdays among the remaining days, x 8 h.
        var from = new DateOnly(2020, 1, 1);
        var to = new DateOnly(2030, 1, 1);
        var days = to.DayNumber - from.DayNumber;
        var weekdays = days / 7 * 5 + Enumerable.Range(0, days % 7).Count(i => from.AddDays(days / 7 * 7 + i).DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
        var span = BusinessCalendar.Default.BusinessTime(from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        Assert.Equal(TimeSpan.FromHours(weekdays * 8), span);
        // 3,653 days = 521 weeks + 6 days (Wednesday 2029-12-26 .. Monday 2029-12-31: 4 weekdays): 2,609 weekdays.
        Assert.Equal(2609, weekdays);
    }

    [Fact]
    public void BusinessTime_AYearInNewYork_EightHoursEveryWorkingDayAcrossBothDstChanges()
    {
        // Local 2025 = [2025-01-01 05:00Z, 2026-01-01 05:00Z). 2025 starts on a Wednesday: 52 x 5 + 1 = 261 weekdays;
        // 09:00-17:00 local is 8 h on every one of them, DST or not: 2,088 h. Holidays Wednesday 1 January, Friday 4 July,
        // Thursday 25 December and Saturday 29 November (not a working day anyway): 258 x 8 = 2,064 h.
        var plain = BusinessCalendar.Create(Weekdays, new TimeOnly(9, 0), new TimeOnly(17, 0), "America/New_York");
        Assert.Equal(2088m, Hours(plain, "2025-01-01T05:00", "2026-01-01T05:00"));
        var holidays = BusinessCalendar.Create(Weekdays, new TimeOnly(9, 0), new TimeOnly(17, 0), "America/New_York",
            [new DateOnly(2025, 1, 1), new DateOnly(2025, 7, 4), new DateOnly(2025, 12, 25), new DateOnly(2025, 11, 29)]);
        Assert.Equal(2064m, Hours(holidays, "2025-01-01T05:00", "2026-01-01T05:00"));
    }

    [Fact]
    public void BusinessTime_IsAdditiveOverAnyCut()
    {
        // B(a, c) = B(a, b) + B(b, c) for a <= b <= c, cut anywhere (inside hours, on a weekend, at a DST change).
        var berlin = Berlin();
        var a = T("2024-03-27T10:17");
        var c = T("2024-04-03T15:45");
        for (var b = a; b <= c; b = b.AddMinutes(97))
            Assert.Equal(berlin.BusinessTime(a, c), berlin.BusinessTime(a, b) + berlin.BusinessTime(b, c));
    }

    [Fact]
    public void Create_BreakingRules_ListsEveryProblem()
    {
        var ok = BusinessCalendar.TryCreate([], new TimeOnly(17, 0), new TimeOnly(9, 0), "Mars/Olympus_Mons", null, out var calendar, out var errors);
        Assert.False(ok);
        Assert.Null(calendar);
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("at least one working day", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("closing time 09:00 must be after opening time 17:00", StringComparison.Ordinal)
            && e.Contains("overnight hours are not supported", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'Mars/Olympus_Mons'", StringComparison.Ordinal) && e.Contains("IANA", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_EqualOpeningAndClosing_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => BusinessCalendar.Create(Weekdays, new TimeOnly(9, 0), new TimeOnly(9, 0), "UTC"));
        Assert.Contains("must be after opening time 09:00", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_HolidaysRepeatedAndUnordered_KeptOnceInOrder()
    {
        var calendar = BusinessCalendar.Create(Weekdays, new TimeOnly(9, 0), new TimeOnly(17, 0), "utc",
            [new DateOnly(2026, 12, 25), new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 25)]);
        Assert.Equal([new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 25)], calendar.Holidays);
    }

    [Fact]
    public void Json_RoundTrip_KeepsEveryPart()
    {
        var calendar = BusinessCalendar.Create([DayOfWeek.Sunday, DayOfWeek.Monday], new TimeOnly(8, 30), new TimeOnly(18, 0), "Europe/Berlin",
            [new DateOnly(2026, 12, 25)]);
        var json = BusinessCalendarJson.Write(calendar);
        Assert.Equal("""{"workingDays":["monday","sunday"],"opens":"08:30","closes":"18:00","timeZone":"Europe/Berlin","holidays":["2026-12-25"]}""", json);
        var read = BusinessCalendarJson.Read(json);
        Assert.Equal(json, BusinessCalendarJson.Write(read));
    }

    [Fact]
    public void Json_MissingFields_TakeTheDefaults()
    {
        var read = BusinessCalendarJson.Read("""{"timeZone":"America/New_York","workingDays":["Mon","TUE","wednesday"]}""");
        Assert.Equal("America/New_York", read.TimeZoneId);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday], read.WorkingDays.Order());
        Assert.Equal(new TimeOnly(9, 0), read.Opens);
        Assert.Equal(new TimeOnly(17, 0), read.Closes);
        Assert.Equal(BusinessCalendarJson.Write(BusinessCalendar.Default), BusinessCalendarJson.Write(BusinessCalendarJson.Read("{}")));
    }

    [Theory]
    [InlineData("""{"timezone":"UTC"}""", "unknown field 'timezone'")]
    [InlineData("""{"workingDays":["monday","funday"]}""", "workingDays: \"funday\" is not a day name")]
    [InlineData("""{"workingDays":"monday"}""", "workingDays: expected an array")]
    [InlineData("""{"opens":"9am"}""", "opens: \"9am\" is not a time of day written HH:mm")]
    [InlineData("""{"closes":"24:00"}""", "closes: \"24:00\" is not a time of day")]
    [InlineData("""{"opens":"18:00"}""", "closing time 17:00 must be after opening time 18:00")]
    [InlineData("""{"holidays":["25/12/2026"]}""", "holidays: \"25/12/2026\" is not a date written yyyy-MM-dd")]
    [InlineData("""{"timeZone":"CET+1"}""", "time zone 'CET+1' is not in this system's time-zone database")]
    [InlineData("""{"workingDays":[]}""", "at least one working day")]
    [InlineData("""["monday"]""", "must be a JSON object")]
    [InlineData("""{"opens":""", "not valid JSON")]
    [InlineData("", "is empty")]
    public void Json_BadInput_NamesTheFieldAndTheRule(string json, string expected)
    {
        Assert.False(BusinessCalendarJson.TryRead(json, out var calendar, out var errors));
        Assert.Null(calendar);
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
        var thrown = Assert.Throws<FormatException>(() => BusinessCalendarJson.Read(json));
        Assert.Contains(expected, thrown.Message, StringComparison.Ordinal);
    }
}
