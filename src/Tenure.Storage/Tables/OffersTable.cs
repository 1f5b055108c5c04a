using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;

namespace Tenure.Storage.Tables;

/// <summary>offers, keyed by offer_id.</summary>
internal sealed class OffersTable() : KindTable<Offer>(InputKinds.Offers)
{
    public override string Name => "offers";
    public override int KeyCount => 1;
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.Text("offer_id"), TableColumn.Text("account_id"), TableColumn.OptionalText("kind"),
        TableColumn.Instant("presented_at"), TableColumn.OptionalInstant("accepted_at"),
    ];

    public override void Write(Offer row, IRowWriter writer)
    {
        writer.Text(row.OfferId);
        writer.Text(row.AccountId);
        writer.OptionalText(row.Kind);
        writer.Instant(row.PresentedAt);
        writer.OptionalInstant(row.AcceptedAt);
    }

    public override Offer Read(IRowReader reader) => new(
        reader.Text(), reader.Text(), reader.OptionalText(), reader.Instant(), reader.OptionalInstant());
}
