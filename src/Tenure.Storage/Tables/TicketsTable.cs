using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;

namespace Tenure.Storage.Tables;

/// <summary>tickets (support cases), keyed by ticket_id. reopens was added by migration AddTicketReopens (not null, default 0 for rows stored before), requester_email by AddTicketRequesterEmail (null before).</summary>
internal sealed class TicketsTable() : KindTable<Ticket>(InputKinds.Tickets)
{
    public override string Name => "tickets";
    public override int KeyCount => 1;
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.Text("ticket_id"), TableColumn.Text("account_id"), TableColumn.Instant("created_at"),
        TableColumn.OptionalInstant("first_response_at"), TableColumn.OptionalInstant("resolved_at"),
        TableColumn.OptionalInteger("contacts"), TableColumn.Boolean("escalated"), TableColumn.OptionalText("agent"),
        TableColumn.OptionalText("channel"), TableColumn.OptionalText("status"), TableColumn.Boolean("blocked"),
        TableColumn.OptionalText("parent_ticket_id"), TableColumn.Boolean("is_major"),
        TableColumn.OptionalDecimal("handle_minutes"), TableColumn.Integer("reopens"), TableColumn.OptionalText("requester_email"),
    ];

    public override void Write(Ticket row, IRowWriter writer)
    {
        writer.Text(row.TicketId);
        writer.Text(row.AccountId);
        writer.Instant(row.CreatedAt);
        writer.OptionalInstant(row.FirstResponseAt);
        writer.OptionalInstant(row.ResolvedAt);
        writer.OptionalInteger(row.Contacts);
        writer.Boolean(row.Escalated);
        writer.OptionalText(row.Agent);
        writer.OptionalText(row.Channel);
        writer.OptionalText(row.Status);
        writer.Boolean(row.Blocked);
        writer.OptionalText(row.ParentTicketId);
        writer.Boolean(row.IsMajor);
        writer.OptionalDecimal(row.HandleMinutes);
        writer.Integer(row.Reopens);
        writer.OptionalText(row.RequesterEmail);
    }

    public override Ticket Read(IRowReader reader) => new(
        reader.Text(), reader.Text(), reader.Instant(), reader.OptionalInstant(), reader.OptionalInstant(),
        reader.OptionalInteger(), reader.Boolean(), reader.OptionalText(), reader.OptionalText(),
        reader.OptionalText(), reader.Boolean(), reader.OptionalText(), reader.Boolean(), reader.OptionalDecimal(),
        reader.Integer(), reader.OptionalText());
}
