using Tenure.Metrics.Engine;
using Tenure.Metrics.Periods;
using Tenure.Metrics.Tallies;

namespace Tenure.Metrics.Value;

/// <summary>
/// ChartMogul's trailing churn for clv-subscription: per period, the mean churn-rate of the k whole
/// calendar months before it. Each month's S (active just before its start) and churned (a stretch of
/// paying coverage ends in the month and the account is not active at its close) come from the
/// subscription coverage, per segment, so months before the requested range count too. The month tallies add
/// across account partitions (<see cref="IPartialState{TSelf}"/>).
/// </summary>
public sealed class TrailingChurn : IPartialState<TrailingChurn>
{
    private readonly MetricContext context;
    private readonly int months;
    private readonly DateTime firstMonth;
    private readonly PeriodSegmentGrid<RatioTally> monthly;

    private TrailingChurn(MetricContext context, int months, DateTime firstMonth, PeriodSegmentGrid<RatioTally> monthly)
    {
        this.context = context;
        this.months = months;
        this.firstMonth = firstMonth;
        this.monthly = monthly;
    }

    /// <param name="context">The request's context (periods, segments, coverage).</param>
    /// <param name="months">How many whole calendar months before each period to average; at least 1.</param>
    public static TrailingChurn Build(MetricContext context, int months)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        var periods = context.Periods;
        if (periods.Count == 0)
            return new TrailingChurn(context, months, default, new PeriodSegmentGrid<RatioTally>(0, context.Segments.Count));

        var firstMonth = PeriodCalendar.Floor(periods[0].Start, Granularity.Month).AddMonths(-months);
        var count = MonthIndex(firstMonth, PeriodCalendar.Floor(periods[^1].Start, Granularity.Month));
        // Numerator: churned in the month; denominator: S, active just before the month starts.
        var grid = new PeriodSegmentGrid<RatioTally>(count, context.Segments.Count);
        var coverage = context.Coverage;
        for (var a = 0; a < context.Accounts.Count; a++)
        {
            var intervals = coverage.ActiveIntervals(a);
            if (intervals.Length == 0) continue;
            var segment = context.SegmentOf(a);
            var lastChurnMonth = -1;
            foreach (var interval in intervals)
            {
                // In S of every month whose start t has interval.Start < t <= interval.End.
                var from = Math.Max(0, MonthIndex(firstMonth, interval.Start) + 1);
                var to = interval.End == DateTime.MaxValue ? count - 1 : Math.Min(count - 1, MonthIndex(firstMonth, interval.End));
                for (var m = from; m <= to; m++)
                    grid[m, segment] += new RatioTally(0m, 1m);

                if (interval.End == DateTime.MaxValue) continue;
                var churnMonth = MonthIndex(firstMonth, interval.End);
                if (churnMonth < 0 || churnMonth >= count || churnMonth == lastChurnMonth) continue;
                if (coverage.IsActiveJustBefore(a, firstMonth.AddMonths(churnMonth + 1))) continue;
                lastChurnMonth = churnMonth;
                grid[churnMonth, segment] += new RatioTally(1m, 0m);
            }
        }
        return new TrailingChurn(context, months, firstMonth, grid);
    }

    /// <summary>
    /// The mean monthly churn-rate (%) of the months before period <paramref name="period"/> for
    /// <paramref name="segment"/> (-1: all, from the merged month tallies). Months with no customers at
    /// their start have no rate and are left out; null when no month has one.
    /// </summary>
    public decimal? MeanRate(int period, int segment)
    {
        var end = MonthIndex(firstMonth, PeriodCalendar.Floor(context.Periods[period].Start, Granularity.Month));
        var sum = 0m;
        var rated = 0;
        for (var m = end - months; m < end; m++)
        {
            var tally = segment < 0 ? monthly.All(m) : monthly[m, segment];
            if (tally.Denominator == 0m) continue;
            sum += tally.Numerator * 100m / tally.Denominator;
            rated++;
        }
        return rated == 0 ? null : sum / rated;
    }

    private static int MonthIndex(DateTime firstMonth, DateTime instant) =>
        (instant.Year - firstMonth.Year) * 12 + instant.Month - firstMonth.Month;

    public TrailingChurn Plus(TrailingChurn other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new TrailingChurn(context, months, firstMonth, monthly.Plus(other.monthly));
    }

    public TrailingChurn Realigned(int[] segmentMap, int segments) =>
        new(context, months, firstMonth, monthly.Realigned(segmentMap, segments));
}
