using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;

namespace Tenure.Storage.Tables;

/// <summary>tasks (CSM tasks), keyed by task_id; account_id is optional.</summary>
internal sealed class TasksTable() : KindTable<CsTask>(InputKinds.Tasks)
{
    public override string Name => "tasks";
    public override int KeyCount => 1;
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.Text("task_id"), TableColumn.OptionalText("owner"), TableColumn.OptionalText("account_id"),
        TableColumn.OptionalText("category"), TableColumn.Instant("created_at"), TableColumn.OptionalInstant("due_at"),
        TableColumn.OptionalInstant("completed_at"),
    ];

    public override void Write(CsTask row, IRowWriter writer)
    {
        writer.Text(row.TaskId);
        writer.OptionalText(row.Owner);
        writer.OptionalText(row.AccountId);
        writer.OptionalText(row.Category);
        writer.Instant(row.CreatedAt);
        writer.OptionalInstant(row.DueAt);
        writer.OptionalInstant(row.CompletedAt);
    }

    public override CsTask Read(IRowReader reader) => new(
        reader.Text(), reader.OptionalText(), reader.OptionalText(), reader.OptionalText(),
        reader.Instant(), reader.OptionalInstant(), reader.OptionalInstant());
}
