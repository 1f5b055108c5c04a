using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;

namespace Tenure.Storage.Tables;

/// <summary>programs (memberships), keyed by (account_id, program, joined_at).</summary>
internal sealed class ProgramsTable() : KindTable<ProgramMembership>(InputKinds.Programs)
{
    public override string Name => "programs";
    public override int KeyCount => 3;
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.Text("account_id"), TableColumn.Text("program"), TableColumn.Instant("joined_at"),
        TableColumn.OptionalInstant("left_at"),
    ];

    public override void Write(ProgramMembership row, IRowWriter writer)
    {
        writer.Text(row.AccountId);
        writer.Text(row.Program);
        writer.Instant(row.JoinedAt);
        writer.OptionalInstant(row.LeftAt);
    }

    public override ProgramMembership Read(IRowReader reader) => new(
        reader.Text(), reader.Text(), reader.Instant(), reader.OptionalInstant());
}
