using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;

namespace Tenure.Storage.Work;

/// <summary>
/// Feeds Tenure's own tasks and notes into the data set every calculator reads, beside the imported tasks.csv and
/// notes.csv rows (docs/adr/0130-own-tasks-and-notes-feed-the-inputs.md): no metric is defined twice, the work
/// metrics (tasks-completed, overdue-tasks), the engagement factor (task completions and note dates) and the
/// feedback analysis (notes' text, source "note") simply see more rows.
/// </summary>
/// <remarks>
/// A Tenure task becomes a <see cref="CsTask"/> with task_id <c>tenure-task-{id}</c>, its owner, account,
/// category, created_at, due_at and completed_at; a note a <see cref="Note"/> with note_id <c>tenure-note-{id}</c>,
/// its account, created_at as date, its source and text. They follow the imported rows, in id order. A kind with
/// own rows is present even when its file was never imported.
/// </remarks>
internal static class OwnWork
{
    private const string TasksSql =
        "SELECT 'tenure-task-' || id, owner, account_id, category, created_at, due_at, completed_at FROM work_tasks WHERE tenant_id = {tenant} ORDER BY id";

    private const string NotesSql =
        "SELECT 'tenure-note-' || id, account_id, created_at, source, text FROM work_notes WHERE tenant_id = {tenant} ORDER BY id";

    /// <summary>The data set with the tenant's own tasks and notes appended, read in the reader's snapshot.</summary>
    public static async Task<TenureDataSet> AddToAsync(IKindReader reader, TenureDataSet data, CancellationToken cancellationToken)
    {
        var tasks = await reader.QueryAsync(TasksSql, row => new CsTask(row.Text(), row.OptionalText(), row.OptionalText(), row.OptionalText(),
            row.Instant(), row.OptionalInstant(), row.OptionalInstant()), cancellationToken);
        var notes = await reader.QueryAsync(NotesSql, row => new Note(row.Text(), row.OptionalText(), row.Instant(), row.OptionalText(), row.OptionalText()),
            cancellationToken);
        if (tasks.Count > 0)
            data = data with { Tasks = [.. data.Tasks, .. tasks], Present = data.Present | InputKind.Tasks };
        if (notes.Count > 0)
            data = data with { Notes = [.. data.Notes, .. notes], Present = data.Present | InputKind.Notes };
        return data;
    }
}
