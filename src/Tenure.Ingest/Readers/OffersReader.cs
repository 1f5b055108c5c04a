using Tenure.Ingest.Csv;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Readers;

/// <summary>offers.csv: one upsell / cross-sell offer per row, keyed by offer_id; accepted_at not before presented_at.</summary>
internal static class OffersReader
{
    // Positions in the description's columns (InputKinds.Offers).
    private const int OfferId = 0, AccountId = 1, Kind = 2, PresentedAt = 3, AcceptedAt = 4;

    private static readonly ColumnSet Columns = new(InputKinds.Offers);

    public static CsvReadResult<Offer> Read(CsvText text, string fileName, AccountIndex? accounts, ReadOptions options)
    {
        var errors = new ErrorLog(fileName, options.MaxErrorsPerFile);
        var offers = new RowBuffer<Offer>(options.ExpectedRows);
        using var rows = text.Open(Columns, errors);
        if (rows is null)
            return errors.Result(offers);

        var accountRefs = new AccountRefs(accounts);
        var labels = new StringPool();
        var keys = new IdFirstLines(options.ExpectedRows);
        while (rows.Read())
        {
            string offerId = rows.RequiredText(OfferId);
            string accountId = rows.RequiredAccount(AccountId, accountRefs);
            var presentedAt = rows.RequiredInstant(PresentedAt);
            var kind = rows.OptionalText(Kind, labels);
            var acceptedAt = rows.OptionalInstant(AcceptedAt);
            rows.NotBefore(AcceptedAt, acceptedAt, PresentedAt, presentedAt);
            if (offerId.Length > 0 && !keys.TryAdd(offerId, rows.Line, out int firstLine))
                rows.Duplicate(OfferId, $"offer_id '{offerId}'", firstLine);

            if (rows.RowHasErrors)
                continue;
            offers.Add(new Offer(offerId, accountId, kind, presentedAt, acceptedAt));
        }
        return errors.Result(offers);
    }
}
