using Tenure.Ingest.Csv;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Readers;

/// <summary>milestones.csv: an account reaching a milestone, keyed by (account_id, milestone): each is reached once.</summary>
internal static class MilestonesReader
{
    // Positions in the description's columns (InputKinds.Milestones).
    private const int AccountId = 0, MilestoneName = 1, AchievedAt = 2;

    private static readonly ColumnSet Columns = new(InputKinds.Milestones);

    public static CsvReadResult<Milestone> Read(CsvText text, string fileName, AccountIndex? accounts, ReadOptions options)
    {
        var errors = new ErrorLog(fileName, options.MaxErrorsPerFile);
        var milestones = new RowBuffer<Milestone>(options.ExpectedRows);
        using var rows = text.Open(Columns, errors);
        if (rows is null)
            return errors.Result(milestones);

        var accountRefs = new AccountRefs(accounts);
        var names = new StringPool();
        var keys = new FirstLines<(string, string)>();
        while (rows.Read())
        {
            string accountId = rows.RequiredAccount(AccountId, accountRefs);
            string name = rows.RequiredText(MilestoneName, names);
            var achievedAt = rows.RequiredInstant(AchievedAt);
            if (accountId.Length > 0 && name.Length > 0 && !keys.TryAdd((accountId, name), rows.Line, out int firstLine))
                rows.Duplicate(AccountId, $"(account_id, milestone) ('{accountId}', '{name}')", firstLine);

            if (rows.RowHasErrors)
                continue;
            milestones.Add(new Milestone(accountId, name, achievedAt));
        }
        return errors.Result(milestones);
    }
}
