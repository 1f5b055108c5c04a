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
        var days = directory.Days;
        var rowUser = new int[usage.Count];
        var rowDay = new int[usage.Count];
        var dayStart = new int[days.Count + 1];
        if (usage is UsageDayTable table)
            IndexTable(table, directory, rowUser, rowDay, dayStart);
        else
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

    /// <summary>
    /// <see cref="IndexRows"/> of a table: its user indexes map to the directory's once per user (the first row with a
    /// calendar day, as in row order), not once per row.
    /// </summary>
    private static void IndexTable(UsageDayTable table, UserDirectory directory, int[] rowUser, int[] rowDay, int[] dayStart)
    {
        var days = directory.Days;
        var userIds = table.UserIds;
        var toDirectory = new int[userIds.Count]; // directory index + 1; 0: not looked up yet
        var rows = table.Rows;
        for (var i = 0; i < rows.Length; i++)
        {
            ref readonly var row = ref rows[i];
            var day = days.IndexOf(row.Date);
            if (row.User < 0 || day < 0 || day >= days.Count)
            {
                rowUser[i] = -1;
                continue;
            }
            ref var user = ref toDirectory[row.User];
            if (user == 0)
                user = directory.IndexOrAdd(userIds[row.User], table.AccountIds[row.Account]) + 1;
            rowUser[i] = user - 1;
            rowDay[i] = day;
            dayStart[day + 1]++;
        }
    }
}
