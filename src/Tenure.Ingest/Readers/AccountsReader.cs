using Tenure.Ingest.Csv;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Readers;

/// <summary>accounts.csv: one customer account per row, keyed by account_id.</summary>
internal static class AccountsReader
{
    // Positions in the description's columns (InputKinds.Accounts).
    private const int AccountId = 0, Name = 1, CreatedAt = 2, Segment = 3, Industry = 4, Plan = 5, Csm = 6,
        Region = 7, AcquisitionCost = 8, Currency = 9;

    private static readonly ColumnSet Columns = new(InputKinds.Accounts);

    /// <summary>
    /// Reads the accounts and sets <paramref name="index"/> to every account id the file names, rows
    /// with other errors included, so the other files are checked against the accounts the user
    /// meant; null when the file could not be read to its end.
    /// </summary>
    public static CsvReadResult<Account> Read(CsvText text, string fileName, ReadOptions options, out AccountIndex? index)
    {
        index = null;
        var errors = new ErrorLog(fileName, options.MaxErrorsPerFile);
        var accounts = new RowBuffer<Account>(options.ExpectedRows);
        using var rows = text.Open(Columns, errors);
        if (rows is null)
            return errors.Result(accounts);

        var ids = new StringPool();
        var firstLines = new List<int>();
        var labels = new StringPool();
        while (rows.Read())
        {
            string id = "";
            int i = rows.RequiredIndex(AccountId, ids);
            if (i >= 0)
            {
                id = ids[i];
                // The pool numbers ids in order of first appearance, so a new id's index is firstLines.Count.
                if (i < firstLines.Count)
                    rows.Duplicate(AccountId, $"account_id '{id}'", firstLines[i]);
                else
                    firstLines.Add(rows.Line);
            }
            var createdAt = rows.RequiredInstant(CreatedAt);
            var name = rows.OptionalText(Name) ?? id;
            var segment = rows.OptionalText(Segment, labels);
            var industry = rows.OptionalText(Industry, labels);
            var plan = rows.OptionalText(Plan, labels);
            var csm = rows.OptionalText(Csm, labels);
            var region = rows.OptionalText(Region, labels);
            var acquisitionCost = rows.OptionalAmount(AcquisitionCost, InputLimits.Money);
            var currency = rows.OptionalText(Currency, labels);
            if (rows.RowHasErrors)
                continue;
            accounts.Add(new Account(id, name, createdAt, segment, industry, plan, csm, region, acquisitionCost, currency));
        }

        if (rows.ReachedEnd)
            index = new AccountIndex(ids);
        return errors.Result(accounts);
    }
}
