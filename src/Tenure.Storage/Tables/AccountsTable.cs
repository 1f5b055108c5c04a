using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;

namespace Tenure.Storage.Tables;

/// <summary>accounts, keyed by account_id.</summary>
internal sealed class AccountsTable() : KindTable<Account>(InputKinds.Accounts)
{
    public override string Name => "accounts";
    public override int KeyCount => 1;
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.Text("account_id"), TableColumn.Text("name"), TableColumn.Instant("created_at"),
        TableColumn.OptionalText("segment"), TableColumn.OptionalText("industry"), TableColumn.OptionalText("plan"),
        TableColumn.OptionalText("csm"), TableColumn.OptionalText("region"),
        TableColumn.OptionalDecimal("acquisition_cost"), TableColumn.OptionalText("currency"),
    ];

    public override void Write(Account row, IRowWriter writer)
    {
        writer.Text(row.AccountId);
        writer.Text(row.Name);
        writer.Instant(row.CreatedAt);
        writer.OptionalText(row.Segment);
        writer.OptionalText(row.Industry);
        writer.OptionalText(row.Plan);
        writer.OptionalText(row.Csm);
        writer.OptionalText(row.Region);
        writer.OptionalDecimal(row.AcquisitionCost);
        writer.OptionalText(row.Currency);
    }

    public override Account Read(IRowReader reader) => new(
        reader.Text(), reader.Text(), reader.Instant(),
        reader.OptionalText(), reader.OptionalText(), reader.OptionalText(),
        reader.OptionalText(), reader.OptionalText(),
        reader.OptionalDecimal(), reader.OptionalText());
}
