using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;

namespace Tenure.Storage.Tables;

/// <summary>notes (qualitative feedback), keyed by note_id; account_id is optional.</summary>
internal sealed class NotesTable() : KindTable<Note>(InputKinds.Notes)
{
    public override string Name => "notes";
    public override int KeyCount => 1;
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.Text("note_id"), TableColumn.OptionalText("account_id"), TableColumn.Instant("date"),
        TableColumn.OptionalText("source"), TableColumn.OptionalText("text"),
    ];

    public override void Write(Note row, IRowWriter writer)
    {
        writer.Text(row.NoteId);
        writer.OptionalText(row.AccountId);
        writer.Instant(row.Date);
        writer.OptionalText(row.Source);
        writer.OptionalText(row.Text);
    }

    public override Note Read(IRowReader reader) => new(
        reader.Text(), reader.OptionalText(), reader.Instant(), reader.OptionalText(), reader.OptionalText());
}
