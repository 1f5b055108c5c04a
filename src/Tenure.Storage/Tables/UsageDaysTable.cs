using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;

namespace Tenure.Storage.Tables;

/// <summary>
/// usage_days: event counts keyed by (account_id, user_id, day); user_id is "" for events of no
/// user, since a key column cannot be null. An import replaces a stored count, the API adds to it.
/// </summary>
internal sealed class UsageDaysTable() : KindTable<UsageDay>(InputKinds.Usage)
{
    public override string Name => "usage_days";
    public override int KeyCount => 3;
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.Text("account_id"), TableColumn.Text("user_id"), TableColumn.Instant("day"),
        TableColumn.Integer("events"),
    ];

    /// <summary>
    /// In key order (account, user, day; text by code point, as SQLite's BINARY collation sorts UTF-8): the rollups of
    /// a usage file come in order of first appearance, by time, which would scatter millions of inserts over the
    /// table's B-tree. A <see cref="UsageDayTable"/> (what ingestion gives) is sorted by numbers: its account and user id
    /// lists are ranked in that order once (a few hundred thousand strings), then its rows by (account rank, user rank,
    /// day), with no string compared or hashed per row.
    /// </summary>
    public override IReadOnlyList<UsageDay> InWriteOrder(IReadOnlyList<UsageDay> rows)
    {
        if (rows is not UsageDayTable table)
        {
            var sorted = rows.ToArray();
            Array.Sort(sorted, UsageIngest.StoredOrder);
            return sorted;
        }
        var accountRanks = CodePointRanks(table.AccountIds, []);
        var userRanks = CodePointRanks(table.UserIds, [""]); // the last rank is that of no user (user_id "")
        var counts = table.Rows.ToArray();
        if (accountRanks.Length <= MaxPackedRank && userRanks.Length <= MaxPackedRank)
        {
            // Both ranks in 21 bits and the day (at most 3.65 M days after year 1) in 22: one number a row, sorted as numbers.
            var packed = new ulong[counts.Length];
            for (int i = 0; i < counts.Length; i++)
                packed[i] = ((ulong)accountRanks[counts[i].Account] << 43) | ((ulong)userRanks[counts[i].User < 0 ? ^1 : counts[i].User] << 22) | (uint)counts[i].Day;
            Array.Sort(packed, counts);
        }
        else
        {
            var keys = new RowKey[counts.Length];
            for (int i = 0; i < counts.Length; i++)
                keys[i] = new RowKey(accountRanks[counts[i].Account], userRanks[counts[i].User < 0 ? ^1 : counts[i].User], counts[i].Day);
            Array.Sort(keys, counts);
        }
        return new UsageDayTable(counts, counts.Length, table.AccountIds, table.UserIds);
    }

    /// <summary>
    /// Usage is kept in memory as a <see cref="UsageDayTable"/> (ADR 0350): 16 bytes a row instead of a <see cref="UsageDay"/>'s
    /// 32, and a request's days bucketed from the table's user numbers instead of an id hashed per row.
    /// </summary>
    protected override IReadOnlyList<UsageDay> AsLoaded(IReadOnlyList<UsageDay> rows) => UsageDayTable.From(rows);

    /// <summary>The rows of a snapshot file made into a table as they are read (no array of <see cref="UsageDay"/> in between).</summary>
    protected override IReadOnlyList<UsageDay> ReadList(IRowReader reader, int count)
    {
        var table = new UsageDayTable.Builder(count);
        for (int i = 0; i < count; i++)
        {
            var (accountId, userId, day, events) = Read(reader);
            table.Add(accountId, userId, day, events);
        }
        return table.ToTable();
    }

    public override bool IsInWriteOrder(IReadOnlyList<UsageDay> rows)
    {
        for (int i = 1; i < rows.Count; i++)
        {
            if (UsageIngest.StoredOrder(rows[i - 1], rows[i]) >= 0)
                return false;
        }
        return true;
    }

    /// <summary>The most ranks of accounts or users whose key fits one 64-bit number with the day.</summary>
    internal const int MaxPackedRank = 1 << 21;

    readonly record struct RowKey(int Account, int User, int Day) : IComparable<RowKey>
    {
        public int CompareTo(RowKey other)
        {
            int c = Account.CompareTo(other.Account);
            if (c == 0) c = User.CompareTo(other.User);
            return c != 0 ? c : Day.CompareTo(other.Day);
        }
    }

    /// <summary>Each id's rank in code point order (<see cref="UsageIngest.CodePointOrder"/>), <paramref name="ids"/> then <paramref name="more"/>; equal ids rank the same.</summary>
    static int[] CodePointRanks(IReadOnlyList<string> ids, string[] more)
    {
        var all = new string[ids.Count + more.Length];
        for (int i = 0; i < ids.Count; i++)
            all[i] = ids[i];
        more.CopyTo(all, ids.Count);
        var order = new int[all.Length];
        for (int i = 0; i < order.Length; i++)
            order[i] = i;
        Array.Sort(all, order, Comparer<string>.Create(UsageIngest.CodePointOrder));
        var ranks = new int[order.Length];
        for (int i = 0, rank = 0; i < order.Length; i++)
        {
            if (i > 0 && UsageIngest.CodePointOrder(all[i - 1], all[i]) != 0)
                rank = i;
            ranks[order[i]] = rank;
        }
        return ranks;
    }

    public override void Write(UsageDay row, IRowWriter writer)
    {
        writer.Text(row.AccountId);
        writer.Text(row.UserId ?? "");
        writer.Instant(row.Day);
        writer.Integer(row.Events);
    }

    public override UsageDay Read(IRowReader reader)
    {
        var accountId = reader.Text();
        var userId = reader.Text();
        return new(accountId, userId.Length == 0 ? null : userId, reader.Instant(), reader.Integer());
    }
}
