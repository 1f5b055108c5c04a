using Tenure.Metrics.Engine;
using Tenure.Metrics.Tallies;

namespace Tenure.Metrics.Usage;

/// <summary>
/// dau, wau and mau: distinct users with usage in the last 1, 7 and 30 days of each period, the
/// window ending at P.end and clipped to P (a period shorter than the window counts its own days).
/// Each user is in one segment, so segment counts add up to "all".
/// </summary>
public sealed class ActiveUsers
{
    private ActiveUsers(PeriodSegmentGrid<int> daily, PeriodSegmentGrid<int> weekly, PeriodSegmentGrid<int> monthly)
    {
        Daily = daily;
        Weekly = weekly;
        Monthly = monthly;
    }

    /// <summary>Window lengths in days.</summary>
    public const int DayWindow = 1, WeekWindow = 7, MonthWindow = 30;

    public PeriodSegmentGrid<int> Daily { get; }
    public PeriodSegmentGrid<int> Weekly { get; }
    public PeriodSegmentGrid<int> Monthly { get; }

    public static ActiveUsers Build(MetricContext context, UserDirectory directory, UsageByDay usage)
    {
        var daily = context.NewGrid<int>();
        var weekly = context.NewGrid<int>();
        var monthly = context.NewGrid<int>();
        var stamp = new int[directory.Count];
        var counts = new int[context.Segments.Count];
        for (var p = 0; p < context.Periods.Count; p++)
        {
            var (from, to) = directory.Days.DaysOf(context.Periods[p]);
            Array.Clear(counts);
            // Walk back from the last day: the 1-day window is inside the 7-day one, which is inside the 30-day one.
            for (var k = 1; k <= MonthWindow; k++)
            {
                var d = to - k;
                if (d >= from)
                {
                    foreach (var u in usage.On(d))
                    {
                        if (stamp[u] == p + 1) continue;
                        stamp[u] = p + 1;
                        counts[directory.Segment(u)]++;
                    }
                }
                var grid = k switch { DayWindow => daily, WeekWindow => weekly, MonthWindow => monthly, _ => null };
                if (grid is null) continue;
                for (var s = 0; s < counts.Length; s++)
                    grid[p, s] = counts[s];
            }
        }
        return new ActiveUsers(daily, weekly, monthly);
    }
}
