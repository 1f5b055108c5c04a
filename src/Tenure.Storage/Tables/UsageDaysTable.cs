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
    /// table's B-tree.
    /// </summary>
    public override IReadOnlyList<UsageDay> InWriteOrder(IReadOnlyList<UsageDay> rows)
    {
        var sorted = rows.ToArray();
        Array.Sort(sorted, UsageIngest.StoredOrder);
        return sorted;
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
