using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Usage;

/// <summary>
/// What every request's <see cref="UserDirectory"/> and <see cref="UsageByDay"/> start from, worked out once per data
/// set (<see cref="DataSetDerivations"/>) because no request changes it: the users of users.csv numbered (an id's first
/// row counts) with their account's index, and, when usage is a <see cref="UsageDayTable"/>, its rows with a user
/// bucketed by day and each table user's number among users.csv's. A request then only maps its calendar's days.
/// </summary>
internal sealed class UsageUsers
{
    private const string Key = "usage/users";

    private readonly IdIndex index;

    private UsageUsers(IdIndex index, int[] rows, int[] accounts, TableDays? table)
    {
        this.index = index;
        Rows = rows;
        Accounts = accounts;
        Table = table;
    }

    /// <summary>The number of <paramref name="userId"/> among users.csv's users; -1 when it is not one of them.</summary>
    public int NumberOf(string userId) => index.IndexOf(userId);

    /// <summary>The users.csv row of each number.</summary>
    public int[] Rows { get; }

    /// <summary>The account index (<see cref="AccountDirectory"/>) of each number; -1 when its account is not known.</summary>
    public int[] Accounts { get; }

    /// <summary>The usage table by day; null when usage is not a table.</summary>
    public TableDays? Table { get; }

    public int Count => Rows.Length;

    public static UsageUsers Of(TenureDataSet data) => DataSetDerivations.GetOrAdd(data, Key, Build);

    private static UsageUsers Build(TenureDataSet data)
    {
        var directory = SharedDerivations.Of(data).Accounts;
        var index = new IdIndex(data.Users.Count > 0 ? data.Users[0].UserId : null, data.Users.Count);
        // One slot a row, cut only when an id repeats.
        var rows = new int[data.Users.Count];
        var accounts = new int[data.Users.Count];
        var count = 0;
        for (var r = 0; r < data.Users.Count; r++)
        {
            var user = data.Users[r];
            if (!index.TryAdd(user.UserId, count))
                continue;
            rows[count] = r;
            accounts[count++] = directory.IndexOf(user.AccountId);
        }
        if (count < rows.Length)
        {
            Array.Resize(ref rows, count);
            Array.Resize(ref accounts, count);
        }
        var table = data.Usage is UsageDayTable usage ? TableDays.Build(usage, index.IndexOf) : null;
        return new UsageUsers(index, rows, accounts, table);
    }

    /// <summary>
    /// A usage table's rows that name a user, bucketed by day (a counting sort over the table's days; rows of a day in
    /// table order), each as its user's number among users.csv's (a user only in usage.csv, whose rows are listed apart, as
    /// the complement of its table user index).
    /// </summary>
    internal sealed class TableDays
    {
        private TableDays(int firstDay, int[] dayStart, int[] users, int[] usageOnlyRows)
        {
            FirstDay = firstDay;
            DayStart = dayStart;
            Users = users;
            UsageOnlyRows = usageOnlyRows;
        }

        /// <summary>The day number (days since 0001-01-01) of bucket 0.</summary>
        public int FirstDay { get; }

        /// <summary>Where each bucket starts in <see cref="Users"/> (one more than the buckets).</summary>
        public int[] DayStart { get; }

        /// <summary>
        /// Each row with a user, by day: its user's number among users.csv's, or, for a user
        /// only in usage.csv, the complement (~) of its table user index. A request whose rows name only users.csv's users
        /// reads these buckets as they are (<see cref="UsageByDay"/>), no copy.
        /// </summary>
        public int[] Users { get; }

        /// <summary>The rows, in table order, of the users only in usage.csv.</summary>
        public int[] UsageOnlyRows { get; }

        public int Days => DayStart.Length - 1;

        /// <summary>The rows of day number <paramref name="day"/>.</summary>
        public ReadOnlySpan<int> On(int day) => Users.AsSpan(StartOf(day), StartOf(day + 1) - StartOf(day));

        /// <summary>Where day number <paramref name="day"/>'s rows start in <see cref="Users"/> (0 before the first bucket, the end after the last).</summary>
        public int StartOf(int day) => DayStart[Math.Clamp(day - FirstDay, 0, Days)];

        public static TableDays Build(UsageDayTable table, Func<string, int> numberOf)
        {
            // Only the users the rows name are looked up: a segment's table keeps the whole table's user ids.
            var rows = table.Rows;
            var toUser = new int[table.UserIds.Count];
            foreach (ref readonly var row in rows)
            {
                if (row.User >= 0)
                    toUser[row.User] = 1;
            }
            for (var u = 0; u < toUser.Length; u++)
                toUser[u] = toUser[u] != 0 ? numberOf(table.UserIds[u]) : -1;

            int first = int.MaxValue, last = int.MinValue, withUser = 0;
            var usageOnly = new List<int>();
            for (var i = 0; i < rows.Length; i++)
            {
                if (rows[i].User < 0)
                    continue;
                withUser++;
                first = Math.Min(first, rows[i].Day);
                last = Math.Max(last, rows[i].Day);
                if (toUser[rows[i].User] < 0)
                    usageOnly.Add(i);
            }
            if (withUser == 0)
                return new TableDays(0, [0], [], []);

            var dayStart = new int[last - first + 2];
            foreach (ref readonly var row in rows)
            {
                if (row.User >= 0)
                    dayStart[row.Day - first + 1]++;
            }
            for (var b = 1; b < dayStart.Length; b++)
                dayStart[b] += dayStart[b - 1];
            var next = dayStart[..^1];
            var byDay = new int[withUser];
            foreach (ref readonly var row in rows)
            {
                if (row.User >= 0)
                    byDay[next[row.Day - first]++] = toUser[row.User] is var number and >= 0 ? number : ~row.User;
            }
            return new TableDays(first, dayStart, byDay, [.. usageOnly]);
        }
    }
}
