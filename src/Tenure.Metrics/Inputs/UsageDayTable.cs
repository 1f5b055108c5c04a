using System.Collections;

namespace Tenure.Metrics.Inputs;

/// <summary>
/// Usage rolled up per account, user and UTC day (<see cref="UsageDay"/> rows) held as ints: each row is an account
/// index, a user index (-1: no user), a day number and an event count, the ids in one string list each. This is how
/// ingestion hands over usage.csv (millions of rows): 16 bytes a row and no string per row, and the usage metrics
/// read the user indexes directly instead of hashing a user id per row. As a list it is the same rows, in the same
/// order, as <see cref="UsageDay"/> values made on access.
/// </summary>
public sealed class UsageDayTable : IReadOnlyList<UsageDay>
{
    private readonly UsageDayCount[] rows;
    private readonly int start;
    private readonly IReadOnlyList<string> accountIds;
    private readonly IReadOnlyList<string> userIds;

    /// <param name="rows">The rows (the first <paramref name="count"/> are used), in the data set's order.</param>
    /// <param name="count">How many of <paramref name="rows"/> are rows.</param>
    /// <param name="accountIds">The account id of each account index.</param>
    /// <param name="userIds">The user id of each user index.</param>
    public UsageDayTable(UsageDayCount[] rows, int count, IReadOnlyList<string> accountIds, IReadOnlyList<string> userIds)
        : this(rows, 0, count, accountIds, userIds)
    {
    }

    private UsageDayTable(UsageDayCount[] rows, int start, int count, IReadOnlyList<string> accountIds, IReadOnlyList<string> userIds)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(accountIds);
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, rows.Length - start);
        this.rows = rows;
        this.start = start;
        Count = count;
        this.accountIds = accountIds;
        this.userIds = userIds;
    }

    /// <summary>Rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> of this table, sharing its rows and ids (nothing copied).</summary>
    public UsageDayTable Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count - start);
        return new UsageDayTable(rows, this.start + start, count, accountIds, userIds);
    }

    public int Count { get; }

    /// <summary>The user ids, by user index.</summary>
    public IReadOnlyList<string> UserIds => userIds;

    /// <summary>The account ids, by account index.</summary>
    public IReadOnlyList<string> AccountIds => accountIds;

    /// <summary>The rows as ints.</summary>
    public ReadOnlySpan<UsageDayCount> Rows => rows.AsSpan(start, Count);

    /// <summary>Calls <paramref name="add"/> once with the id of each account the rows name, in order of first appearance.</summary>
    public void ForEachAccountId(Action<string> add)
    {
        ArgumentNullException.ThrowIfNull(add);
        var seen = new bool[accountIds.Count];
        var last = -1;
        foreach (ref readonly var row in Rows)
        {
            if (row.Account == last || seen[row.Account])
                continue;
            seen[row.Account] = true;
            last = row.Account;
            add(accountIds[row.Account]);
        }
    }

    public UsageDay this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            ref readonly var row = ref rows[start + index];
            return new UsageDay(accountIds[row.Account], row.User < 0 ? null : userIds[row.User], row.Date, row.Events);
        }
    }

    /// <summary>
    /// <paramref name="rows"/> as a table, the same rows in the same order (itself when it is one): how a server holds a
    /// tenant's usage loaded from its database, half the bytes of <see cref="UsageDay"/> values and no id to hash per row
    /// when a request buckets the rows by day (<see cref="Usage.UsageByDay"/>).
    /// </summary>
    public static UsageDayTable From(IReadOnlyList<UsageDay> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows is UsageDayTable table)
            return table;
        var builder = new Builder(rows.Count);
        foreach (var row in rows)
            builder.Add(row.AccountId, row.UserId, row.Day, row.Events);
        return builder.ToTable();
    }

    /// <summary>
    /// Makes a table row by row, each distinct id (by ordinal equality) numbered at its first row. Rows in runs of one
    /// account and one user (usage as stored and loaded is in key order, ids pooled) cost one comparison of references
    /// per row; a new run, one lookup.
    /// </summary>
    public sealed class Builder(int capacity)
    {
        private UsageDayCount[] rows = new UsageDayCount[Math.Max(capacity, 4)];
        private int count;
        private readonly IdNumbers accounts = new([]);
        private readonly IdNumbers users = new([]);
        private string? lastAccountId;
        private string? lastUserId;
        private int lastAccount = -1, lastUser = -1;

        /// <summary>Adds a row: events of <paramref name="userId"/> (null: no user) of <paramref name="accountId"/> on the UTC day of <paramref name="day"/>.</summary>
        public void Add(string accountId, string? userId, DateTime day, int events)
        {
            ArgumentNullException.ThrowIfNull(accountId);
            if (!ReferenceEquals(accountId, lastAccountId))
            {
                lastAccount = accounts.NumberOf(accountId);
                lastAccountId = accountId;
            }
            int user = -1;
            if (userId is not null)
            {
                if (!ReferenceEquals(userId, lastUserId))
                {
                    lastUser = users.NumberOf(userId);
                    lastUserId = userId;
                }
                user = lastUser;
            }
            if (count == rows.Length)
                Array.Resize(ref rows, checked(rows.Length * 2));
            rows[count++] = new UsageDayCount { Account = lastAccount, User = user, Day = (int)(day.Ticks / TimeSpan.TicksPerDay), Events = events };
        }

        /// <summary>The rows added, in order.</summary>
        public UsageDayTable ToTable() => new(rows, count, [.. accounts.Ids], [.. users.Ids]);
    }

    /// <summary>
    /// Ids numbered as a table's are, by ordinal equality: those of <paramref name="known"/> by their index (looked up once
    /// the first id is asked for), a new one after them, in a copy of the list (<paramref name="known"/> is not changed).
    /// </summary>
    public sealed class IdNumbers(IReadOnlyList<string> known)
    {
        private Dictionary<string, int>? numbers;
        private List<string>? grown;

        /// <summary>The ids by number: the known ones, then those added.</summary>
        public IReadOnlyList<string> Ids => (IReadOnlyList<string>?)grown ?? known;

        /// <summary>The number of <paramref name="id"/>, added after the others when it is new.</summary>
        public int NumberOf(string id)
        {
            ArgumentNullException.ThrowIfNull(id);
            if (numbers is null)
            {
                numbers = new Dictionary<string, int>(known.Count, StringComparer.Ordinal);
                for (var i = 0; i < known.Count; i++)
                    numbers.TryAdd(known[i], i);
            }
            ref var number = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(numbers, id, out var exists);
            if (!exists)
            {
                grown ??= [.. known];
                number = grown.Count;
                grown.Add(id);
            }
            return number;
        }
    }

    public IEnumerator<UsageDay> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
            yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>One <see cref="UsageDayTable"/> row: events of a user (-1: none) of an account on a day (days since 0001-01-01, UTC).</summary>
public struct UsageDayCount
{
    public int Account;
    public int User;
    public int Day;
    public int Events;

    /// <summary>The day's 00:00 UTC.</summary>
    public readonly DateTime Date => new(Day * TimeSpan.TicksPerDay, DateTimeKind.Utc);
}
