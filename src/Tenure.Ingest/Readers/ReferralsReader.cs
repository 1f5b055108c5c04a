using Tenure.Ingest.Csv;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Readers;

/// <summary>referrals.csv: one referral made by a customer per row, keyed by referral_id.</summary>
internal static class ReferralsReader
{
    // Positions in the description's columns (InputKinds.Referrals).
    private const int ReferralId = 0, AccountId = 1, Date = 2;

    private static readonly ColumnSet Columns = new(InputKinds.Referrals);

    public static CsvReadResult<Referral> Read(CsvText text, string fileName, AccountIndex? accounts, ReadOptions options)
    {
        var errors = new ErrorLog(fileName, options.MaxErrorsPerFile);
        var referrals = new RowBuffer<Referral>(options.ExpectedRows);
        using var rows = text.Open(Columns, errors);
        if (rows is null)
            return errors.Result(referrals);

        var accountRefs = new AccountRefs(accounts);
        var keys = new IdFirstLines(options.ExpectedRows);
        while (rows.Read())
        {
            string referralId = rows.RequiredText(ReferralId);
            string accountId = rows.RequiredAccount(AccountId, accountRefs);
            var date = rows.RequiredInstant(Date);
            if (referralId.Length > 0 && !keys.TryAdd(referralId, rows.Line, out int firstLine))
                rows.Duplicate(ReferralId, $"referral_id '{referralId}'", firstLine);

            if (rows.RowHasErrors)
                continue;
            referrals.Add(new Referral(referralId, accountId, date));
        }
        return errors.Result(referrals);
    }
}
