using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;

namespace Tenure.Storage.Tables;

/// <summary>milestones, keyed by (account_id, milestone).</summary>
internal sealed class MilestonesTable() : KindTable<Milestone>(InputKinds.Milestones)
{
    public override string Name => "milestones";
    public override int KeyCount => 2;
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.Text("account_id"), TableColumn.Text("milestone"), TableColumn.Instant("achieved_at"),
    ];

    public override void Write(Milestone row, IRowWriter writer)
    {
        writer.Text(row.AccountId);
        writer.Text(row.Name);
        writer.Instant(row.AchievedAt);
    }

    public override Milestone Read(IRowReader reader) => new(reader.Text(), reader.Text(), reader.Instant());
}
