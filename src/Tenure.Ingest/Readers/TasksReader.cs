using Tenure.Ingest.Csv;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Readers;

/// <summary>
/// tasks.csv: one CSM task per row, keyed by task_id. account_id is optional (a task need not be
/// about one account) but must be known when given. completed_at must not be before created_at;
/// due_at is not checked against created_at, since tasks are often logged after the fact.
/// </summary>
internal static class TasksReader
{
    // Positions in the description's columns (InputKinds.Tasks).
    private const int TaskId = 0, Owner = 1, AccountId = 2, Category = 3, CreatedAt = 4, DueAt = 5, CompletedAt = 6;

    private static readonly ColumnSet Columns = new(InputKinds.Tasks);

    public static CsvReadResult<CsTask> Read(CsvText text, string fileName, AccountIndex? accounts, ReadOptions options)
    {
        var errors = new ErrorLog(fileName, options.MaxErrorsPerFile);
        var tasks = new RowBuffer<CsTask>(options.ExpectedRows);
        using var rows = text.Open(Columns, errors);
        if (rows is null)
            return errors.Result(tasks);

        var accountRefs = new AccountRefs(accounts);
        var labels = new StringPool();
        var keys = new IdFirstLines(options.ExpectedRows);
        while (rows.Read())
        {
            var taskId = rows.RequiredRowId(TaskId, keys, out int repeatOf);
            var createdAt = rows.RequiredInstant(CreatedAt);
            var owner = rows.OptionalText(Owner, labels);
            var accountId = rows.OptionalAccount(AccountId, accountRefs);
            var category = rows.OptionalText(Category, labels);
            var dueAt = rows.OptionalInstant(DueAt);
            var completedAt = rows.OptionalInstant(CompletedAt);
            rows.NotBefore(CompletedAt, completedAt, CreatedAt, createdAt);
            if (repeatOf > 0)
                rows.Duplicate(TaskId, $"task_id '{taskId}'", repeatOf);

            if (rows.RowHasErrors)
                continue;
            tasks.Add(new CsTask(string.Empty, owner, accountId, category, createdAt, dueAt, completedAt) { Id = taskId });
        }
        return errors.Result(tasks);
    }
}
