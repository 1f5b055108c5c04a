using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Accounts;

/// <summary>Usage events and active users of one account over a range [start, end).</summary>
public readonly record struct UsageSummary(DateTime Start, DateTime End, long Events, int ActiveUsers);

/// <summary>An account's product usage, from the per account, user and day rollups.</summary>
public static class AccountUsage
{
    /// <summary>
    /// Events and active users over [<paramref name="start"/>, <paramref name="end"/>): a rollup counts
    /// when its day (00:00 UTC) lies in the range; an active user is a distinct user id with at least
    /// one event there (events that named no user add to the events, not to the users).
    /// </summary>
    public static UsageSummary Over(IEnumerable<UsageDay> usage, DateTime start, DateTime end)
    {
        ArgumentNullException.ThrowIfNull(usage);
        long events = 0;
        var users = new HashSet<string>(StringComparer.Ordinal);
        foreach (var day in usage)
        {
            if (day.Day < start || day.Day >= end || day.Events <= 0)
                continue;
            events += day.Events;
            if (day.UserId is { } user)
                users.Add(user);
        }
        return new UsageSummary(start, end, events, users.Count);
    }

    /// <summary>
    /// <see cref="Over"/> for each calendar month from <paramref name="firstMonth"/> through
    /// <paramref name="lastMonth"/> (first instants of months, inclusive), oldest first.
    /// </summary>
    public static IReadOnlyList<UsageSummary> Monthly(IEnumerable<UsageDay> usage, DateTime firstMonth, DateTime lastMonth)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var list = usage as IReadOnlyCollection<UsageDay> ?? usage.ToList();
        var months = new List<UsageSummary>();
        for (var month = firstMonth; month <= lastMonth; month = month.AddMonths(1))
            months.Add(Over(list, month, month.AddMonths(1)));
        return months;
    }
}
