using Tenure.Ingest.Csv;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Readers;

/// <summary>
/// programs.csv: an account taking part in a program over [joined_at, left_at), keyed by
/// (account_id, program, joined_at) so an account may rejoin; left_at must not be before joined_at.
/// </summary>
internal static class ProgramsReader
{
    // Positions in the description's columns (InputKinds.Programs).
    private const int AccountId = 0, Program = 1, JoinedAt = 2, LeftAt = 3;

    private static readonly ColumnSet Columns = new(InputKinds.Programs);

    public static CsvReadResult<ProgramMembership> Read(CsvText text, string fileName, AccountIndex? accounts, ReadOptions options)
    {
        var errors = new ErrorLog(fileName, options.MaxErrorsPerFile);
        var memberships = new RowBuffer<ProgramMembership>(options.ExpectedRows);
        using var rows = text.Open(Columns, errors);
        if (rows is null)
            return errors.Result(memberships);

        var accountRefs = new AccountRefs(accounts);
        var programs = new StringPool();
        var keys = new FirstLines<(string, string, DateTime)>();
        while (rows.Read())
        {
            string accountId = rows.RequiredAccount(AccountId, accountRefs);
            string program = rows.RequiredText(Program, programs);
            var joinedAt = rows.RequiredInstant(JoinedAt);
            var leftAt = rows.OptionalInstant(LeftAt);
            rows.NotBefore(LeftAt, leftAt, JoinedAt, joinedAt);
            if (accountId.Length > 0 && program.Length > 0 && rows.Valid(JoinedAt)
                && !keys.TryAdd((accountId, program, joinedAt), rows.Line, out int firstLine))
                rows.Duplicate(AccountId, $"(account_id, program, joined_at) ('{accountId}', '{program}', {CsvRows.Shown(rows.Span(JoinedAt))})", firstLine);

            if (rows.RowHasErrors)
                continue;
            memberships.Add(new ProgramMembership(accountId, program, joinedAt, leftAt));
        }
        return errors.Result(memberships);
    }
}
