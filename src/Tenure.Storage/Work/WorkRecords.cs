using System.Globalization;

using Tenure.Metrics.Inputs;

namespace Tenure.Storage.Work;

/// <summary>A task Tenure keeps, as the CLI, the API, the account page, My work and webhooks show it.</summary>
/// <param name="Id">Unique across the database; in the metrics' data set its task_id is <c>tenure-task-{Id}</c>.</param>
/// <param name="Tenant">The tenant it belongs to.</param>
/// <param name="AccountId">The account it is about (an account of the tenant).</param>
/// <param name="Title">What to do.</param>
/// <param name="Owner">Whose it is (a CSM name, as accounts.csv and tasks.csv give owners); null for nobody yet.</param>
/// <param name="Category">Its category ("work focus"); null for none.</param>
/// <param name="CreatedAt">When it was created (UTC, whole seconds).</param>
/// <param name="CreatedBy">Who created it (a user's address, an API key's name, "playbook:RULE"); null when unknown.</param>
/// <param name="DueAt">When it is due; null for no due date (never overdue).</param>
/// <param name="CompletedAt">When it was completed; null while open.</param>
/// <param name="CompletedBy">Who completed it.</param>
/// <param name="AlertId">The alert whose playbook created it; null for tasks created by hand.</param>
public sealed record TaskRecord(long Id, string Tenant, string AccountId, string Title, string? Owner, string? Category,
    DateTime CreatedAt, string? CreatedBy, DateTime? DueAt, DateTime? CompletedAt, string? CompletedBy, long? AlertId)
{
    /// <summary>The prefix of Tenure tasks' task_id in the metrics' data set (imported tasks keep their own ids).</summary>
    public const string DataSetIdPrefix = "tenure-task-";

    /// <summary>Open (not completed).</summary>
    public bool IsOpen => CompletedAt is null;

    /// <summary>The task as the metrics' data set holds it (<see cref="OwnWork"/>).</summary>
    public CsTask AsDataSetRow() => new(DataSetIdPrefix + Id.ToString(CultureInfo.InvariantCulture), Owner, AccountId, Category, CreatedAt, DueAt, CompletedAt);

    /// <summary>Open with a due date before <paramref name="now"/> (METRICS.md overdue-tasks, at an instant).</summary>
    public bool IsOverdueAt(DateTime now) => CompletedAt is null && DueAt is { } due && due < now;
}

/// <summary>A comment on a Tenure task.</summary>
public sealed record TaskCommentRecord(long Id, long TaskId, string? Author, DateTime CreatedAt, string Text);

/// <summary>A note a CSM wrote on an account.</summary>
/// <param name="Id">Unique across the database; in the metrics' data set its note_id is <c>tenure-note-{Id}</c>.</param>
/// <param name="Tenant">The tenant.</param>
/// <param name="AccountId">The account.</param>
/// <param name="Author">Who wrote it; null when unknown.</param>
/// <param name="Source">The kind of touch (notes.csv's source: call, meeting, email, ...); "csm" when not given.</param>
/// <param name="CreatedAt">When it was written (the note's date for the engagement factor).</param>
/// <param name="Text">The note.</param>
public sealed record NoteRecord(long Id, string Tenant, string AccountId, string? Author, string Source, DateTime CreatedAt, string Text)
{
    /// <summary>The prefix of Tenure notes' note_id in the metrics' data set.</summary>
    public const string DataSetIdPrefix = "tenure-note-";

    /// <summary>The source of a note written without one.</summary>
    public const string DefaultSource = "csm";

    /// <summary>The note as the metrics' data set holds it (<see cref="OwnWork"/>).</summary>
    public Note AsDataSetRow() => new(DataSetIdPrefix + Id.ToString(CultureInfo.InvariantCulture), AccountId, CreatedAt, Source, Text);
}

/// <summary>Which tasks a list shows.</summary>
public enum TaskStatusFilter { Open, Completed, All }

/// <summary>A task to create: every field as given by a person, validated by <see cref="TaskStore.CreateAsync(TenureDatabase, string, NewTask, DateTime, CancellationToken)"/>.</summary>
/// <param name="AccountId">Required: an account of the tenant.</param>
/// <param name="Title">Required, 1-200 characters.</param>
/// <param name="Owner">Whose it is; the account's CSM when not given.</param>
/// <param name="Category">Optional, at most 100 characters.</param>
/// <param name="DueAt">Optional; from 1900-01-01 to 10 years after now.</param>
/// <param name="CreatedBy">Who creates it.</param>
public sealed record NewTask(string? AccountId, string? Title, string? Owner = null, string? Category = null, DateTime? DueAt = null, string? CreatedBy = null);

/// <summary>
/// Changes to a task (PATCH): a null field is left as it is; <see cref="ClearDueAt"/> removes the due date and
/// <see cref="ClearOwner"/> the owner.
/// </summary>
public sealed record TaskChanges(string? Title = null, string? Owner = null, string? Category = null, DateTime? DueAt = null,
    bool ClearDueAt = false, bool ClearOwner = false);

/// <summary>
/// Input that breaks a rule (an empty or overlong title, an absurd due date, an account the tenant does not have):
/// nothing is saved. <see cref="Field"/> names the field as the API and the CLI call it.
/// </summary>
public sealed class WorkInputException(string field, string message) : Exception($"{field}: {message}")
{
    /// <summary>The field: account_id, title, owner, category, due_at, text, source.</summary>
    public string Field { get; } = field;
}
