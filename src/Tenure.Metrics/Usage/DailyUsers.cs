using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Periods;
using Tenure.Metrics.Tallies;

namespace Tenure.Metrics.Usage;

/// <summary>
/// Per day and segment: the users existing on the day and, of those, the ones with usage on it. The
/// existing counts come from difference arrays over each user's days, so the cost is
/// O(users + user-days + days x segments), never users x days. The counts add across account partitions
/// (<see cref="IPartialState{TSelf}"/>): each user is in one account.
/// </summary>
public sealed class DailyUsers : IPartialState<DailyUsers>
{
    private readonly int segments;
    private readonly int[] existing;
    private readonly int[] active;
    private readonly DayCalendar days;

    private DailyUsers(DayCalendar days, int segments, int[] existing, int[] active)
    {
        this.days = days;
        this.segments = segments;
        this.existing = existing;
        this.active = active;
    }

    public static DailyUsers Build(UserDirectory directory, UsageByDay usage, int segments)
    {
        var days = directory.Days;
        var existing = new int[(days.Count + 1) * segments];
        // Each user's days and segment side by side, with the last day it was counted active on: the pass over the usage
        // rows below (millions, in day order, so the users in no order) reads one place per row instead of four.
        var users = new UserDays[directory.Count];
        for (var u = 0; u < users.Length; u++)
        {
            var s = directory.Segment(u);
            if (!directory.TryDaysInCalendar(u, out var first, out var last))
            {
                users[u] = new UserDays { First = int.MaxValue, Last = int.MinValue, Segment = s };
                continue;
            }
            users[u] = new UserDays { First = first, Last = last, Segment = s };
            existing[first * segments + s]++;
            existing[(last + 1) * segments + s]--;
        }
        for (var d = 1; d < days.Count; d++)
        {
            for (var s = 0; s < segments; s++)
                existing[d * segments + s] += existing[(d - 1) * segments + s];
        }

        var active = new int[days.Count * segments];
        for (var d = 0; d < days.Count; d++)
        {
            foreach (var u in usage.On(d))
            {
                // Exists on d (the calendar's days are those of the first and last clipped to it) and not counted on d yet.
                ref var user = ref users[u];
                if (d < user.First || d > user.Last || user.CountedOn == d + 1) continue;
                user.CountedOn = d + 1;
                active[d * segments + user.Segment]++;
            }
        }
        return new DailyUsers(days, segments, existing, active);
    }

    /// <summary>A user's first and last day in the calendar, its segment, and the day it was last counted on (1-based; 0: none).</summary>
    private struct UserDays
    {
        public int First;
        public int Last;
        public int Segment;
        public int CountedOn;
    }

    /// <summary>
    /// daily-usage of <paramref name="period"/> for <paramref name="segment"/> (-1: all, from the
    /// per-day counts merged over segments): the mean over the period's days that have users of
    /// active / existing x 100; no value when no day has users.
    /// </summary>
    public MetricValue Of(Period period, int segment)
    {
        var (from, to) = days.DaysOf(period);
        var sum = 0m;
        var counted = 0;
        for (var d = from; d < to; d++)
        {
            int users = 0, withUsage = 0;
            if (segment >= 0)
            {
                users = existing[d * segments + segment];
                withUsage = active[d * segments + segment];
            }
            else
            {
                for (var s = 0; s < segments; s++)
                {
                    users += existing[d * segments + s];
                    withUsage += active[d * segments + s];
                }
            }
            if (users == 0) continue;
            sum += withUsage * 100m / users;
            counted++;
        }
        return counted == 0 ? MetricValue.None : MetricValue.Of(sum / counted);
    }

    public DailyUsers Plus(DailyUsers other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.segments != segments || other.existing.Length != existing.Length)
            throw new ArgumentException("Daily users of different shapes cannot be merged.", nameof(other));
        return new DailyUsers(days, segments, [.. existing.Zip(other.existing, (a, b) => a + b)], [.. active.Zip(other.active, (a, b) => a + b)]);
    }

    public DailyUsers Realigned(int[] segmentMap, int segments)
    {
        ArgumentNullException.ThrowIfNull(segmentMap);
        return new DailyUsers(days, segments, Moved(existing, segmentMap, segments), Moved(active, segmentMap, segments));
    }

    /// <summary>A day x segment array with column s moved to column map[s] of <paramref name="segments"/>.</summary>
    private int[] Moved(int[] counts, int[] map, int segments)
    {
        var rows = counts.Length / this.segments;
        var moved = new int[rows * segments];
        for (var d = 0; d < rows; d++)
        {
            for (var s = 0; s < this.segments; s++)
                moved[d * segments + map[s]] += counts[d * this.segments + s];
        }
        return moved;
    }
}
