using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;

namespace Tenure.Storage.Tables;

/// <summary>invoices, keyed by invoice_id.</summary>
internal sealed class InvoicesTable() : KindTable<Invoice>(InputKinds.Invoices)
{
    public override string Name => "invoices";
    public override int KeyCount => 1;
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.Text("invoice_id"), TableColumn.Text("account_id"), TableColumn.Instant("date"),
        TableColumn.Decimal("amount"), TableColumn.Text("kind"), TableColumn.OptionalText("category"),
    ];

    public override void Write(Invoice row, IRowWriter writer)
    {
        writer.Text(row.InvoiceId);
        writer.Text(row.AccountId);
        writer.Instant(row.Date);
        writer.Decimal(row.Amount);
        writer.Text(StoredEnums.Text(row.Kind));
        writer.OptionalText(row.Category);
    }

    public override Invoice Read(IRowReader reader) => new(
        reader.Text(), reader.Text(), reader.Instant(), reader.Decimal(),
        StoredEnums.ParseInvoiceKind(reader.Text()), reader.OptionalText());
}
