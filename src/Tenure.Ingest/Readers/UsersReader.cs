using Tenure.Ingest.Csv;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Readers;

/// <summary>users.csv: one end user of an account per row, keyed by user_id.</summary>
internal static class UsersReader
{
    // Positions in the description's columns (InputKinds.Users).
    private const int UserId = 0, AccountId = 1, CreatedAt = 2, DeactivatedAt = 3;

    private static readonly ColumnSet Columns = new(InputKinds.Users);

    public static CsvReadResult<User> Read(CsvText text, string fileName, AccountIndex? accounts, ReadOptions options)
    {
        var errors = new ErrorLog(fileName, options.MaxErrorsPerFile);
        var users = new RowBuffer<User>(options.ExpectedRows);
        using var rows = text.Open(Columns, errors);
        if (rows is null)
            return errors.Result(users);

        var accountRefs = new AccountRefs(accounts);
        var keys = new IdFirstLines(options.ExpectedRows);
        while (rows.Read())
        {
            string userId = rows.RequiredText(UserId);
            string accountId = rows.RequiredAccount(AccountId, accountRefs);
            var createdAt = rows.RequiredInstant(CreatedAt);
            var deactivatedAt = rows.OptionalInstant(DeactivatedAt);
            rows.NotBefore(DeactivatedAt, deactivatedAt, CreatedAt, createdAt);
            if (userId.Length > 0 && !keys.TryAdd(userId, rows.Line, out int firstLine))
                rows.Duplicate(UserId, $"user_id '{userId}'", firstLine);

            if (rows.RowHasErrors)
                continue;
            users.Add(new User(userId, accountId, createdAt, deactivatedAt));
        }
        return errors.Result(users);
    }
}
