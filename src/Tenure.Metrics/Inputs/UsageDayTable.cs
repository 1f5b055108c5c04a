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
    private readonly IReadOnlyList<string> accountIds;
    private readonly IReadOnlyList<string> userIds;

    /// <param name="rows">The rows (the first <paramref name="count"/> are used), in the data set's order.</param>
    /// <param name="count">How many of <paramref name="rows"/> are rows.</param>
    /// <param name="accountIds">The account id of each account index.</param>
    /// <param name="userIds">The user id of each user index.</param>
    public UsageDayTable(UsageDayCount[] rows, int count, IReadOnlyList<string> accountIds, IReadOnlyList<string> userIds)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(accountIds);
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, rows.Length);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        this.rows = rows;
        Count = count;
        this.accountIds = accountIds;
        this.userIds = userIds;
    }

    public int Count { get; }

    /// <summary>The user ids, by user index.</summary>
    public IReadOnlyList<string> UserIds => userIds;

    /// <summary>The account ids, by account index.</summary>
    public IReadOnlyList<string> AccountIds => accountIds;

    /// <summary>The rows as ints.</summary>
    public ReadOnlySpan<UsageDayCount> Rows => rows.AsSpan(0, Count);

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
            ref readonly var row = ref rows[index];
            return new UsageDay(accountIds[row.Account], row.User < 0 ? null : userIds[row.User], row.Date, row.Events);
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
