using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Importers.Stripe;

/// <summary>
/// Stripe's customers export -> accounts.csv: id -> account_id; Name (else Description, else Email,
/// else the id) -> name; Created (UTC) -> created_at; Currency -> currency.
/// </summary>
internal static class StripeCustomers
{
    private const int Id = 0, Name = 1, Description = 2, Email = 3, Created = 4, Currency = 5;

    public static readonly ExportFormat Format = new(
        "the Stripe customers export",
        [
            InputColumn.Key("id"), InputColumn.Optional("Name"), InputColumn.Optional("Description"), InputColumn.Optional("Email"),
            InputColumn.Key("Created (UTC)", InputValue.Instant), InputColumn.Optional("Currency"),
        ],
        [
            "Phone", "Delinquent", "Balance", "Account Balance", "Business Vat ID", "Default Source", "Discount", "Coupon",
            "Plan", "Preferred Locales", "Tax Exempt", "Tax Location Recognized", "Invoice Prefix", "Card ID",
            "Total Spend", "Payment Count", "Refunded Volume", "Dispute Losses",
            "Address Line1", "Address Line2", "Address City", "Address State", "Address Country", "Address Zip",
            "Shipping Name", "Shipping Phone", "Shipping Address Line1", "Shipping Address Line2", "Shipping Address City",
            "Shipping Address State", "Shipping Address Country", "Shipping Address Zip",
        ],
        StripeExports.IsMetadata);

    public static void Map(ExportSource source, MappedData data)
    {
        var accounts = data.Of(InputKinds.Accounts);
        ExportCsv.Read(source, Format, data, (rows, origin) =>
        {
            var id = rows.OptionalText(Id);
            var created = rows.RequiredInstant(Created);
            var currency = ExportCsv.Currency(rows, Currency);
            var (name, nameColumn) = ExportCsv.FirstOf(rows, Name, Description, Email);
            if (id is null)
            {
                rows.Error(Id, "value is required");
                return;
            }
            // Known even when the row has errors, so the other exports are checked against the customer meant.
            data.Accounts.Add(id, name);
            if (rows.RowHasErrors)
                return;
            accounts.Add(origin)
                .Set("account_id", id, "id")
                .Set("name", name ?? id, nameColumn >= 0 ? rows.Name(nameColumn) : "id")
                .Set("created_at", created, "Created (UTC)")
                .Set("currency", currency, "Currency");
        });
    }
}
