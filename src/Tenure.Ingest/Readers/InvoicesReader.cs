using Tenure.Ingest.Csv;
using Tenure.Ingest.Fields;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Readers;

/// <summary>invoices.csv: one charge or refund per row, keyed by invoice_id; amounts are positive.</summary>
internal static class InvoicesReader
{
    // Positions in the description's columns (InputKinds.Invoices).
    private const int InvoiceId = 0, AccountId = 1, Date = 2, Amount = 3, Kind = 4, Category = 5;

    private static readonly ColumnSet Columns = new(InputKinds.Invoices);

    private static readonly EnumNames<InvoiceKind> Kinds = new(
        ("recurring", InvoiceKind.Recurring), ("one_off", InvoiceKind.OneOff), ("refund", InvoiceKind.Refund));

    public static CsvReadResult<Invoice> Read(CsvText text, string fileName, AccountIndex? accounts, ReadOptions options)
    {
        var errors = new ErrorLog(fileName, options.MaxErrorsPerFile);
        var invoices = new RowBuffer<Invoice>(options.ExpectedRows);
        using var rows = text.Open(Columns, errors);
        if (rows is null)
            return errors.Result(invoices);

        var accountRefs = new AccountRefs(accounts);
        var labels = new StringPool();
        var keys = new IdFirstLines(options.ExpectedRows);
        while (rows.Read())
        {
            var invoiceId = rows.RequiredRowId(InvoiceId, keys, out int repeatOf);
            string accountId = rows.RequiredAccount(AccountId, accountRefs);
            var date = rows.RequiredInstant(Date);
            decimal amount = rows.RequiredAmount(Amount, InputLimits.Money);
            var kind = rows.RequiredEnum(Kind, Kinds);
            var category = rows.OptionalText(Category, labels);
            if (repeatOf > 0)
                rows.Duplicate(InvoiceId, $"invoice_id '{invoiceId}'", repeatOf);

            if (rows.RowHasErrors)
                continue;
            invoices.Add(new Invoice(string.Empty, accountId, date, amount, kind, category) { Id = invoiceId });
        }
        return errors.Result(invoices);
    }
}
