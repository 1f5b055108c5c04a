using System.Runtime.InteropServices;

using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Usage;

/// <summary>
/// Numbers the end users 0..n-1: first those of users.csv, then user ids seen only in usage. Each user
/// has a segment (its account's: users.csv's account, else the account of its first usage row in the
/// range) and the range of days [FirstDay, LastDay] of the calendar on which it exists.
/// </summary>
public sealed class UserDirectory
{
    private readonly UsageUsers shared;
    private readonly Dictionary<string, int> usageOnly = new(StringComparer.Ordinal); // users seen only in usage
    private readonly List<int> segments;
    private readonly List<int> firstDay;
    private readonly List<int> lastDay;
    private readonly MetricContext context;

    private UserDirectory(MetricContext context, DayCalendar days, UsageUsers shared)
    {
        this.context = context;
        Days = days;
        this.shared = shared;
        // Sized for users.csv's users (half a million for the peer's tenant, every request over a period no grid holds):
        // three arrays made once instead of grown, and their copies left behind, on each request.
        segments = new List<int>(shared.Count);
        firstDay = new List<int>(shared.Count);
        lastDay = new List<int>(shared.Count);
    }

    /// <summary>The users of users.csv numbered once for the data set, and the usage table by day.</summary>
    internal UsageUsers Shared => shared;

    internal MetricContext Context => context;

    public DayCalendar Days { get; }

    public int Count => segments.Count;

    /// <summary>The segment of each user.</summary>
    public int Segment(int user) => segments[user];

    /// <summary>
    /// True when the user exists on day <paramref name="day"/>: created on or before it and not
    /// deactivated before it. Users known only from usage exist on no day.
    /// </summary>
    public bool ExistsOn(int user, int day) => firstDay[user] <= day && day <= lastDay[user];

    /// <summary>The users of users.csv, numbered in file order (a repeated user id keeps its first row).</summary>
    public static UserDirectory Build(MetricContext context, DayCalendar days)
    {
        var shared = UsageUsers.Of(context.Data);
        var directory = new UserDirectory(context, days, shared);
        for (var number = 0; number < shared.Count; number++)
        {
            var user = context.Data.Users[shared.Rows[number]];
            directory.segments.Add(context.Segments.OfIndex(shared.Accounts[number]));
            // A user exists on day d when [created_at, deactivated_at) meets [d, d + 1 day).
            directory.firstDay.Add(days.IndexOf(user.CreatedAt));
            directory.lastDay.Add(user.DeactivatedAt is { } gone ? days.FirstDayStartingAfterOrAt(gone) - 1 : int.MaxValue);
        }
        return directory;
    }

    /// <summary>The index of <paramref name="userId"/>; a user not in users.csv is added, in <paramref name="accountId"/>'s segment, existing on no day.</summary>
    public int IndexOrAdd(string userId, string accountId)
    {
        if (shared.NumberOf(userId) is var number and >= 0)
            return number;
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(usageOnly, userId, out var exists);
        if (exists) return slot;
        slot = Count;
        segments.Add(context.SegmentOf(accountId));
        firstDay.Add(int.MaxValue);
        lastDay.Add(int.MinValue);
        return slot;
    }

    /// <summary>The first and last day (inclusive) of each user of users.csv clipped to the calendar, or false when it exists on none of its days.</summary>
    public bool TryDaysInCalendar(int user, out int first, out int last)
    {
        first = Math.Max(firstDay[user], 0);
        last = Math.Min(lastDay[user], Days.Count - 1);
        return first <= last;
    }
}
