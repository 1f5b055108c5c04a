using Tenure.Ingest.Csv;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Importers.Stripe;

/// <summary>
/// Stripe's invoices export -> invoices.csv: a paid invoice is a charge of its Amount Paid, recurring
/// when it belongs to a subscription and one_off otherwise; draft, open, void and uncollectible
/// invoices collected nothing and are left out, as are paid invoices of 0 (a trial's).
/// </summary>
internal static class StripeInvoices
{
    private const int Id = 0, Customer = 1, CustomerId = 2, Date = 3, Created = 4, AmountPaid = 5, Currency = 6, Status = 7, Subscription = 8;

    public static readonly ExportFormat Format = new(
        "the Stripe invoices export",
        [
            InputColumn.Key("id"), InputColumn.Optional("Customer"), InputColumn.Optional("Customer ID"),
            InputColumn.Optional("Date (UTC)", InputValue.Instant), InputColumn.Optional("Created (UTC)", InputValue.Instant),
            InputColumn.Key("Amount Paid", InputValue.Amount), InputColumn.Optional("Currency"), InputColumn.Key("Status", InputValue.Choice),
            InputColumn.Optional("Subscription"),
        ],
        [
            "Number", "Customer Name", "Customer Email", "Customer Description", "Amount Due", "Amount Remaining", "Subtotal",
            "Total", "Tax", "Total Discount Amount", "Due Date (UTC)", "Paid", "Paid At (UTC)", "Attempted", "Attempt Count",
            "Billing", "Billing Reason", "Collection Method", "Charge", "Closed", "Forgiven", "Period Start (UTC)", "Period End (UTC)",
            "Application Fee", "Starting Balance", "Ending Balance", "Description", "Receipt Number", "Statement Descriptor",
        ],
        StripeExports.IsMetadata);

    public static void Map(ExportSource source, MappedData data)
    {
        var invoices = data.Of(InputKinds.Invoices);
        ExportCsv.Read(source, Format, data, (rows, origin) =>
        {
            string id = rows.RequiredText(Id);
            var (customer, customerColumn) = ExportCsv.FirstOf(rows, CustomerId, Customer);
            if (customer is null)
                rows.Error(rows.Has(Customer) ? Customer : CustomerId, "value is required (the invoice's customer)");
            var (date, dateColumn) = ExportCsv.FirstInstantOf(rows, Date, Created);
            if (dateColumn < 0)
                rows.Error(Date, "value is required (Date (UTC) or Created (UTC))");
            decimal paid = rows.RequiredAmount(AmountPaid, InputLimits.Money);
            ExportCsv.Currency(rows, Currency);
            var subscription = rows.OptionalText(Subscription);
            bool collected = false;
            var status = rows.Span(Status);
            switch (status.ToString().ToLowerInvariant())
            {
                case "paid":
                    collected = true;
                    break;
                case "draft" or "open" or "void" or "uncollectible":
                    break;
                case "":
                    rows.Error(Status, "value is required");
                    break;
                default:
                    rows.Error(Status, $"'{CsvRows.Shown(status)}' is not a Stripe invoice status Tenure can place (paid, draft, open, void, uncollectible)");
                    break;
            }
            if (rows.RowHasErrors || !collected || paid == 0m)
                return;
            invoices.Add(origin)
                .Set("invoice_id", id, "id")
                .Set("account_id", customer, rows.Name(customerColumn))
                .Set("date", date, rows.Name(dateColumn))
                .Set("amount", paid, "Amount Paid")
                .Set("kind", subscription is null ? "one_off" : "recurring", "Subscription");
        });
    }
}
