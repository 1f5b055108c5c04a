using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Usage;

/// <summary>
/// The users with usage on each day of the calendar: the rolled-up usage rows bucketed by day (a
/// counting sort, O(rows + days)), as user indexes. A user may appear twice on a day if its rows were
/// not fully rolled up; readers count distinct users with a stamp per user.
/// </summary>
public sealed class UsageByDay
{
    private readonly int[] dayStart;
    private readonly int[] users;

    private UsageByDay(int[] dayStart, int[] users)
    {
        this.dayStart = dayStart;
        this.users = users;
    }

    /// <summary>The users with a usage row on day <paramref name="day"/>.</summary>
    public ReadOnlySpan<int> On(int day) => users.AsSpan(dayStart[day], dayStart[day + 1] - dayStart[day]);

    /// <summary>Buckets the rows of <paramref name="usage"/> that name a user and fall on a calendar day; users seen only here join <paramref name="directory"/>.</summary>
    public static UsageByDay Build(IReadOnlyList<UsageDay> usage, UserDirectory directory)
    {
        if (usage is UsageDayTable whole && directory.Shared.Table is { } byDay && ReferenceEquals(usage, directory.Context.Data.Usage))
            return FromTableDays(whole, byDay, directory);
        var days = directory.Days;
        var rowUser = new int[usage.Count];
        var rowDay = new int[usage.Count];
        var dayStart = new int[days.Count + 1];
        IndexRows(usage, directory, rowUser, rowDay, dayStart);
        for (var d = 0; d < days.Count; d++)
            dayStart[d + 1] += dayStart[d];

        var next = (int[])dayStart.Clone();
        var users = new int[dayStart[days.Count]];
        for (var i = 0; i < rowUser.Length; i++)
        {
            if (rowUser[i] >= 0)
                users[next[rowDay[i]]++] = rowUser[i];
        }
        return new UsageByDay(dayStart, users);
    }

    /// <summary>
    /// The calendar's days of the table as bucketed once for the data set (<see cref="UsageUsers.TableDays"/>): the same users
    /// in the same order as bucketing the rows here. When every row names a user of users.csv, the buckets are read where
    /// they are (ADR 0365: no copy of millions of user numbers a request). Users only in usage.csv join the directory as
    /// before, in table order at their first row on a calendar day (which account that row names gives their segment).
    /// </summary>
    private static UsageByDay FromTableDays(UsageDayTable table, UsageUsers.TableDays byDay, UserDirectory directory)
    {
        var days = directory.Days;
        if (byDay.UsageOnlyRows.Length == 0)
        {
            var starts = new int[days.Count + 1];
            for (var d = 0; d <= days.Count; d++)
                starts[d] = byDay.StartOf(days.FirstDayNumber + d);
            return new UsageByDay(starts, byDay.Users);
        }
        var usageOnly = new Dictionary<int, int>(); // table user -> directory index, for users only in usage.csv
        var rows = table.Rows;
        foreach (var r in byDay.UsageOnlyRows)
        {
            ref readonly var row = ref rows[r];
            var day = days.IndexOf(row.Date);
            if (day >= 0 && day < days.Count && !usageOnly.ContainsKey(row.User))
                usageOnly[row.User] = directory.IndexOrAdd(table.UserIds[row.User], table.AccountIds[row.Account]);
        }

        var dayStart = new int[days.Count + 1];
        for (var d = 0; d < days.Count; d++)
            dayStart[d + 1] = dayStart[d] + byDay.On(days.FirstDayNumber + d).Length;
        var users = new int[dayStart[days.Count]];
        var at = 0;
        for (var d = 0; d < days.Count; d++)
        {
            foreach (var user in byDay.On(days.FirstDayNumber + d))
                users[at++] = user >= 0 ? user : usageOnly[~user];
        }
        return new UsageByDay(dayStart, users);
    }

    /// <summary>Each row's user index in <paramref name="directory"/> (-1: no user or not a calendar day) and day index, counting the rows per day.</summary>
    private static void IndexRows(IReadOnlyList<UsageDay> usage, UserDirectory directory, int[] rowUser, int[] rowDay, int[] dayStart)
    {
        var days = directory.Days;
        // Ingestion hands the rows grouped by user with pooled ids: a run of one user costs one lookup.
        string? lastUserId = null;
        var lastUser = -1;
        for (var i = 0; i < usage.Count; i++)
        {
            var row = usage[i];
            var day = days.IndexOf(row.Day);
            if (row.UserId is null || day < 0 || day >= days.Count)
            {
                rowUser[i] = -1;
                continue;
            }
            if (!ReferenceEquals(row.UserId, lastUserId))
            {
                lastUserId = row.UserId;
                lastUser = directory.IndexOrAdd(row.UserId, row.AccountId);
            }
            rowUser[i] = lastUser;
            rowDay[i] = day;
            dayStart[day + 1]++;
        }
    }
}
