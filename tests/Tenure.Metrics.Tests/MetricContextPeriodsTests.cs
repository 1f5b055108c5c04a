using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;

namespace Tenure.Metrics.Tests;

/// <summary>Where an instant falls among a request's periods, as the backlog's boundaries read it.</summary>
public class MetricContextPeriodsTests
{
    private static DateTime D(int month, int day, int hour = 0) => new(2024, month, day, hour, 0, 0, DateTimeKind.Utc);

    [Theory]
    // January, February and March 2024: before January 1 every period ends after it (0) and it is before the range; on
    // January 1 the first period holds it; February 15 is in period 1; the last instant of March in period 2; April 1, the
    // range's end, and later are after every period (3).
    [InlineData(2023, 12, 31, 0, true)]
    [InlineData(2024, 1, 1, 0, false)]
    [InlineData(2024, 2, 15, 1, false)]
    [InlineData(2024, 3, 31, 2, false)]
    [InlineData(2024, 4, 1, 3, false)]
    [InlineData(2025, 6, 1, 3, false)]
    public void FirstPeriodEndingAfter_AndIsBeforeRange_ThreeMonths(int year, int month, int day, int expected, bool before)
    {
        var context = new MetricContext(new TenureDataSet(), new MetricRequest(D(1, 1), D(4, 1), Granularity.Month, SegmentBy.None, ["tickets"]));
        var instant = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc) + (day == 31 && month == 3 ? TimeSpan.FromDays(1) - TimeSpan.FromTicks(1) : TimeSpan.Zero);

        Assert.Equal(expected, context.FirstPeriodEndingAfter(instant));
        Assert.Equal(before, context.IsBeforeRange(instant));
    }

    [Fact]
    public void FirstPeriodEndingAfter_NoPeriods_IsZero_AndNothingIsBeforeTheRange()
    {
        var context = new MetricContext(new TenureDataSet(), new MetricRequest(D(1, 1), D(1, 1), Granularity.Month, SegmentBy.None, ["tickets"]));

        Assert.Empty(context.Periods);
        Assert.Equal(0, context.FirstPeriodEndingAfter(D(1, 1)));
        Assert.False(context.IsBeforeRange(D(1, 1).AddYears(-1)));
    }
}
