using Tenure.Metrics.Inputs;
using Tenure.Storage.PostgreSql;
using Tenure.Storage.Sqlite;

namespace Tenure.Storage;

/// <summary>What one <see cref="UsageIngest.AddAsync"/> stored: the data version its transaction wrote and the increments added, one per key in stored order.</summary>
public sealed record UsageAdded(long Version, IReadOnlyList<UsageDay> Increments);

/// <summary>Usage events arriving over the API: added to the per account, user and day rollup.</summary>
public static class UsageIngest
{
    /// <summary>
    /// Adds each increment's <see cref="UsageDay.Events"/> to the stored count of its account, user
    /// and day (creating it), in one transaction; marks usage as present for the tenant.
    /// </summary>
    /// <remarks>
    /// Increments of the same account, user and day are summed first. <see cref="UsageDay.Day"/> is
    /// truncated to its UTC day. Events must not be negative. Account ids are not checked here (the
    /// caller validates them). An empty list writes nothing, leaves the data version as it was and returns null.
    /// The answer is what <see cref="ApplyTo"/> needs to bring a loaded data set up to the version written.
    /// </remarks>
    public static async Task<UsageAdded?> AddAsync(TenureDatabase database, string tenant, IReadOnlyList<UsageDay> increments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(increments);
        Tenants.EnsureValidName(tenant);
        var batch = Combine(increments);
        if (batch.Count == 0)
        {
            return null;
        }
        var version = database.Provider == DatabaseProvider.Sqlite
            ? await SqliteUsageIngest.AddAsync(database, tenant, batch, cancellationToken)
            : await PostgreSqlUsageIngest.AddAsync(database, tenant, batch, cancellationToken);
        TenureTelemetry.RecordIngest(tenant, batch.Sum(day => (long)day.Events));
        return new UsageAdded(version, batch);
    }

    /// <summary>
    /// The usage rows a reload would read after <paramref name="increments"/> were added to <paramref name="stored"/>:
    /// a key already there gets the increment's events added, a new key is inserted in its place, so the answer is in
    /// the stored order (account, user with none first, day; text in Unicode code point order, as the databases'
    /// binary collations sort UTF-8) and equal, row for row, to what <see cref="StoredData.LoadAsync"/> gives.
    /// </summary>
    /// <remarks>
    /// <paramref name="stored"/> must be in that order with one row per key (as loaded); <paramref name="increments"/>
    /// may be in any order and repeat keys (they are combined first). O(increments x log stored) comparisons and one copy of the rows. Throws
    /// <see cref="OverflowException"/> when a day's count would pass <see cref="int.MaxValue"/>.
    /// </remarks>
    public static IReadOnlyList<UsageDay> ApplyTo(IReadOnlyList<UsageDay> stored, IReadOnlyList<UsageDay> increments)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var added = Combine(increments);
        added.Sort(StoredOrder);
        // Where each increment goes (the first stored row not before it) and whether that row has its key: binary
        // searches, so the stored rows are compared O(increments x log rows) times and then copied in blocks.
        var at = new int[added.Count];
        var found = new bool[added.Count];
        int inserted = 0, low = 0;
        for (int i = 0; i < added.Count; i++)
        {
            low = at[i] = LowerBound(stored, low, added[i]);
            found[i] = low < stored.Count && StoredOrder(stored[low], added[i]) == 0;
            if (!found[i])
                inserted++;
        }
        return stored is UsageDayTable table ? Merge(table, added, at, found, inserted) : Merge(stored, added, at, found, inserted);
    }

    private static UsageDay[] Merge(IReadOnlyList<UsageDay> stored, List<UsageDay> added, int[] at, bool[] found, int inserted)
    {
        return MergeRows(RowSpans.Of(stored), added, at, found, inserted,
            (row, events) => row with { Events = checked(row.Events + events) },
            (day, _) => day.UserId is "" ? day with { UserId = null } : day); // as a load reads user ""
    }

    /// <summary>
    /// The merge of a table (how a server keeps usage): its rows copied in blocks, a new key's account and user numbered as
    /// the stored row beside it (the same account's other users or days, most often) or found among the table's ids, a new
    /// id added after them.
    /// </summary>
    private static UsageDayTable Merge(UsageDayTable table, List<UsageDay> added, int[] at, bool[] found, int inserted)
    {
        var accounts = new TableIds(table.AccountIds);
        var users = new TableIds(table.UserIds);
        var merged = MergeRows(table.Rows, added, at, found, inserted,
            (row, events) =>
            {
                row.Events = checked(row.Events + events);
                return row;
            },
            (day, s) =>
            {
                // The stored rows either side of the new key: rows of its account (and of its user) when the account has any.
                var rows = table.Rows;
                int before = s - 1, after = s < rows.Length ? s : -1;
                int account = accounts.NumberOf(day.AccountId, before >= 0 ? rows[before].Account : -1, after >= 0 ? rows[after].Account : -1);
                int user = day.UserId is null or "" ? -1 // as a load reads user ""
                    : users.NumberOf(day.UserId, before >= 0 ? rows[before].User : -1, after >= 0 ? rows[after].User : -1);
                return new UsageDayCount { Account = account, User = user, Day = (int)(day.Day.Ticks / TimeSpan.TicksPerDay), Events = day.Events };
            });
        return new UsageDayTable(merged, merged.Length, accounts.Ids, users.Ids);
    }

    /// <summary>
    /// <paramref name="rows"/> with <paramref name="added"/> merged in: increment i goes at stored row <c>at[i]</c>, added to
    /// that row (<paramref name="withMore"/>, its events) when <c>found[i]</c>, else a new row (<paramref name="newRow"/>, the
    /// stored row it goes before) inserted; the stored rows between are copied in blocks.
    /// </summary>
    private static T[] MergeRows<T>(ReadOnlySpan<T> rows, List<UsageDay> added, int[] at, bool[] found, int inserted, Func<T, int, T> withMore, Func<UsageDay, int, T> newRow)
    {
        var merged = new T[rows.Length + inserted];
        int s = 0, m = 0;
        for (int i = 0; i < added.Count; i++)
        {
            rows[s..at[i]].CopyTo(merged.AsSpan(m));
            m += at[i] - s;
            s = at[i];
            merged[m++] = found[i] ? withMore(rows[s++], added[i].Events) : newRow(added[i], s);
        }
        rows[s..].CopyTo(merged.AsSpan(m));
        return merged;
    }

    /// <summary>A table's ids numbered (<see cref="UsageDayTable.IdNumbers"/>), the numbers of the rows beside a new key tried first.</summary>
    private sealed class TableIds(IReadOnlyList<string> ids)
    {
        private readonly UsageDayTable.IdNumbers numbers = new(ids);

        public IReadOnlyList<string> Ids => numbers.Ids;

        /// <summary>The number of <paramref name="id"/>: <paramref name="near"/> or <paramref name="other"/> (numbers of rows beside it, -1: none) when one is it.</summary>
        public int NumberOf(string id, int near, int other)
        {
            if (near >= 0 && string.Equals(Ids[near], id, StringComparison.Ordinal))
                return near;
            if (other >= 0 && string.Equals(Ids[other], id, StringComparison.Ordinal))
                return other;
            return numbers.NumberOf(id);
        }
    }

    /// <summary>The index of the first row from <paramref name="from"/> on that is not before <paramref name="day"/> in the stored order.</summary>
    static int LowerBound(IReadOnlyList<UsageDay> rows, int from, UsageDay day)
    {
        int low = from, high = rows.Count;
        while (low < high)
        {
            int middle = low + ((high - low) >> 1);
            if (StoredOrder(rows[middle], day) < 0)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }

    /// <summary>The order usage rows are stored and loaded in: account, user ("" for none), day.</summary>
    internal static int StoredOrder(UsageDay a, UsageDay b)
    {
        int c = CodePointOrder(a.AccountId, b.AccountId);
        if (c == 0) c = CodePointOrder(a.UserId ?? "", b.UserId ?? "");
        return c != 0 ? c : a.Day.CompareTo(b.Day);
    }

    /// <summary>
    /// Compares text by Unicode code point, the order of UTF-8 bytes that SQLite's BINARY and PostgreSQL's "C"
    /// collations sort by. UTF-16 ordinal order differs only between U+E000..U+FFFF and characters beyond U+FFFF
    /// (surrogate pairs), so those units are moved into code point order before comparing.
    /// </summary>
    internal static int CodePointOrder(string a, string b)
    {
        if (ReferenceEquals(a, b))
            return 0; // one pooled id on many rows
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            char x = a[i], y = b[i];
            if (x != y)
                return Fixed(x) - Fixed(y);
        }
        return a.Length - b.Length;

        static int Fixed(char c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }

    /// <summary>One increment per (account, user, day), in key order (so concurrent batches lock rows in the same order).</summary>
    static List<UsageDay> Combine(IReadOnlyList<UsageDay> increments)
    {
        var sums = new Dictionary<(string Account, string User, long Day), long>(increments.Count);
        foreach (var increment in increments)
        {
            ArgumentException.ThrowIfNullOrEmpty(increment.AccountId, nameof(increments));
            ArgumentOutOfRangeException.ThrowIfNegative(increment.Events, nameof(increments));
            var key = (increment.AccountId, increment.UserId ?? "", increment.Day.Ticks / TimeSpan.TicksPerDay);
            sums[key] = sums.GetValueOrDefault(key) + increment.Events;
        }
        var batch = new List<UsageDay>(sums.Count);
        foreach (var ((account, user, day), events) in sums)
        {
            batch.Add(new UsageDay(account, user, new DateTime(day * TimeSpan.TicksPerDay, DateTimeKind.Utc), checked((int)events)));
        }
        batch.Sort(static (a, b) =>
        {
            int c = string.CompareOrdinal(a.AccountId, b.AccountId);
            if (c == 0) c = string.CompareOrdinal(a.UserId, b.UserId);
            return c != 0 ? c : a.Day.CompareTo(b.Day);
        });
        return batch;
    }
}
