using Microsoft.EntityFrameworkCore;

using Tenure.Storage.Alerts;
using Tenure.Storage.Model;
using Tenure.Storage.Webhooks;

namespace Tenure.Storage.Work;

/// <summary>
/// Tenure's own tasks (table work_tasks, comments in work_task_comments), through EF Core on both providers
/// (docs/tasks.md). Every write is one transaction that also bumps the tenant's data version (the work metrics and
/// the engagement factor read these tasks beside tasks.csv, <see cref="OwnWork"/>); a creation writes its
/// task.created webhook deliveries in the same transaction. Instants are whole seconds, UTC.
/// </summary>
public static class TaskStore
{
    internal const string Table = "work_tasks";

    /// <summary>Creates a task on an account of the tenant; the owner defaults to the account's CSM.</summary>
    /// <exception cref="WorkInputException">An empty or overlong title, an absurd due date, an account the tenant does not have: nothing is saved.</exception>
    public static Task<TaskRecord> CreateAsync(TenureDatabase database, string tenant, NewTask task, DateTime now, CancellationToken cancellationToken = default) =>
        CreateAsync(database, tenant, task, now, stored: null, cancellationToken);

    /// <summary>
    /// <see cref="CreateAsync(TenureDatabase, string, NewTask, DateTime, CancellationToken)"/>, telling
    /// <paramref name="stored"/> what the write stored once it is committed (the task as the metrics read it, at the
    /// data version written), for a copy of the tenant's data kept in memory.
    /// </summary>
    public static async Task<TaskRecord> CreateAsync(TenureDatabase database, string tenant, NewTask task, DateTime now, Action<StoredChange>? stored,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(task);
        Tenants.EnsureValidName(tenant);
        now = AlertStore.WholeSeconds(now);
        var accountId = WorkInput.Line("account_id", task.AccountId, 200);
        var title = WorkInput.Line("title", task.Title, WorkInput.MaxTitleLength);
        var owner = WorkInput.OptionalLine("owner", task.Owner, WorkInput.MaxNameLength);
        var category = WorkInput.OptionalLine("category", task.Category, WorkInput.MaxNameLength);
        var due = task.DueAt is { } d ? WorkInput.Due(d, now) : (DateTime?)null;
        var createdBy = WorkInput.OptionalLine("created_by", task.CreatedBy, 200);

        using var turn = await database.EnterWriteAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            await using var context = database.CreateContext();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            await WorkWrites.LockAsync(context, database, Table, cancellationToken);
            var csm = await WorkWrites.AccountCsmAsync(context, tenant, accountId, cancellationToken);
            var row = new WorkTaskRow
            {
                TenantId = tenant,
                Id = await NextIdAsync(context, cancellationToken),
                AccountId = accountId,
                Title = title,
                Owner = owner ?? csm,
                Category = category,
                CreatedAt = now,
                CreatedBy = createdBy,
                DueAt = due,
            };
            context.WorkTasks.Add(row);
            var record = Record(row);
            await WebhookOutbox.AddAsync(context, tenant, now, [Created(record)], cancellationToken);
            var version = await TenantRows.BumpDataVersionAsync(context, tenant, cancellationToken);
            try
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (attempt < 3 && TenantRows.IsDuplicate(e))
            {
                continue; // another process took the id meanwhile (SQLite has no table lock)
            }
            await transaction.CommitAsync(CancellationToken.None);
            stored?.Invoke(new OwnTaskStored(version, record.AsDataSetRow()));
            return record;
        }
    }

    /// <summary>Changes a task's title, owner (assigning it), category or due date; null when the tenant has no such task.</summary>
    /// <exception cref="WorkInputException">A change breaks a field's rule: nothing is saved.</exception>
    public static Task<TaskRecord?> UpdateAsync(TenureDatabase database, string tenant, long id, TaskChanges changes, DateTime now, CancellationToken cancellationToken = default) =>
        UpdateAsync(database, tenant, id, changes, now, stored: null, cancellationToken);

    /// <summary><see cref="UpdateAsync(TenureDatabase, string, long, TaskChanges, DateTime, CancellationToken)"/>, telling <paramref name="stored"/> as <see cref="CreateAsync(TenureDatabase, string, NewTask, DateTime, Action{StoredChange}?, CancellationToken)"/> does.</summary>
    public static async Task<TaskRecord?> UpdateAsync(TenureDatabase database, string tenant, long id, TaskChanges changes, DateTime now, Action<StoredChange>? stored,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(changes);
        Tenants.EnsureValidName(tenant);
        var title = changes.Title is null ? null : WorkInput.Line("title", changes.Title, WorkInput.MaxTitleLength);
        var owner = changes.Owner is null ? null : WorkInput.Line("owner", changes.Owner, WorkInput.MaxNameLength);
        var category = changes.Category is null ? null : WorkInput.OptionalLine("category", changes.Category, WorkInput.MaxNameLength);
        var due = changes.DueAt is { } d ? WorkInput.Due(d, AlertStore.WholeSeconds(now)) : (DateTime?)null;
        return await ChangeAsync(database, tenant, id, row =>
        {
            if (title is not null) row.Title = title;
            if (changes.ClearOwner) row.Owner = null;
            else if (owner is not null) row.Owner = owner;
            if (changes.Category is not null) row.Category = category;
            if (changes.ClearDueAt) row.DueAt = null;
            else if (due is not null) row.DueAt = due;
            return true;
        }, stored, cancellationToken);
    }

    /// <summary>Assigns the task to <paramref name="owner"/>; null when the tenant has no such task.</summary>
    public static Task<TaskRecord?> AssignAsync(TenureDatabase database, string tenant, long id, string? owner, DateTime now, CancellationToken cancellationToken = default) =>
        UpdateAsync(database, tenant, id, new TaskChanges(Owner: owner), now, cancellationToken);

    /// <summary>
    /// Completes the task at <paramref name="now"/> by <paramref name="by"/>. Null when the tenant has no such task;
    /// <c>Changed</c> false when it was already completed (nothing written: the first completion stands).
    /// </summary>
    public static Task<(TaskRecord Task, bool Changed)?> CompleteAsync(TenureDatabase database, string tenant, long id, DateTime now, string? by, CancellationToken cancellationToken = default) =>
        CompleteAsync(database, tenant, id, now, by, stored: null, cancellationToken);

    /// <summary><see cref="CompleteAsync(TenureDatabase, string, long, DateTime, string?, CancellationToken)"/>, telling <paramref name="stored"/> as <see cref="CreateAsync(TenureDatabase, string, NewTask, DateTime, Action{StoredChange}?, CancellationToken)"/> does (nothing when nothing was written).</summary>
    public static async Task<(TaskRecord Task, bool Changed)?> CompleteAsync(TenureDatabase database, string tenant, long id, DateTime now, string? by, Action<StoredChange>? stored,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        now = AlertStore.WholeSeconds(now);
        var changed = false;
        var task = await ChangeAsync(database, tenant, id, row =>
        {
            if (row.CompletedAt is not null) return false;
            (row.CompletedAt, row.CompletedBy, changed) = (now, WorkInput.OptionalLine("completed_by", by, 200), true);
            return true;
        }, stored, cancellationToken);
        return task is null ? null : (task, changed);
    }

    /// <summary>Adds a comment to the task; null when the tenant has no such task.</summary>
    /// <exception cref="WorkInputException">An empty or overlong text: nothing is saved.</exception>
    public static async Task<TaskCommentRecord?> CommentAsync(TenureDatabase database, string tenant, long taskId, string? author, string? text, DateTime now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        var body = WorkInput.Text("text", text);
        var by = WorkInput.OptionalLine("author", author, 200);
        now = AlertStore.WholeSeconds(now);
        using var turn = await database.EnterWriteAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            await using var context = database.CreateContext();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            await WorkWrites.LockAsync(context, database, "work_task_comments", cancellationToken);
            if (!await context.WorkTasks.AnyAsync(t => t.TenantId == tenant && t.Id == taskId, cancellationToken)) return null;
            var row = new WorkTaskCommentRow
            {
                TenantId = tenant,
                Id = (await context.WorkTaskComments.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0) + 1,
                TaskId = taskId,
                Author = by,
                CreatedAt = now,
                Text = body,
            };
            context.WorkTaskComments.Add(row);
            try
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (attempt < 3 && TenantRows.IsDuplicate(e))
            {
                continue;
            }
            await transaction.CommitAsync(CancellationToken.None);
            return new TaskCommentRecord(row.Id, row.TaskId, row.Author, row.CreatedAt, row.Text);
        }
    }

    /// <summary>The tenant's task and its comments (oldest first); null when there is no such task.</summary>
    public static async Task<(TaskRecord Task, IReadOnlyList<TaskCommentRecord> Comments)?> GetAsync(TenureDatabase database, string tenant, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        await using var context = database.CreateContext();
        var row = await context.WorkTasks.AsNoTracking().FirstOrDefaultAsync(t => t.TenantId == tenant && t.Id == id, cancellationToken);
        if (row is null) return null;
        var comments = await context.WorkTaskComments.AsNoTracking().Where(c => c.TenantId == tenant && c.TaskId == id)
            .OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return (Record(row), [.. comments.Select(c => new TaskCommentRecord(c.Id, c.TaskId, c.Author, c.CreatedAt, c.Text))]);
    }

    /// <summary>
    /// The tenant's tasks, optionally of one account and/or one owner: open ones by due date (overdue first, no due
    /// date last), then completed ones newest first. <paramref name="limit"/> caps the list (most urgent kept).
    /// </summary>
    public static async Task<IReadOnlyList<TaskRecord>> ListAsync(TenureDatabase database, string tenant, TaskStatusFilter status = TaskStatusFilter.Open,
        string? accountId = null, string? owner = null, int limit = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        await using var context = database.CreateContext();
        var query = context.WorkTasks.AsNoTracking().Where(t => t.TenantId == tenant);
        if (accountId is not null) query = query.Where(t => t.AccountId == accountId);
        if (owner is not null) query = query.Where(t => t.Owner == owner);
        if (status == TaskStatusFilter.Open) query = query.Where(t => t.CompletedAt == null);
        else if (status == TaskStatusFilter.Completed) query = query.Where(t => t.CompletedAt != null);
        var rows = await query.ToListAsync(cancellationToken);
        return [.. rows.Select(Record).OrderBy(t => t, Urgency).Take(limit)];
    }

    /// <summary>
    /// The owner's open tasks due before <paramref name="dueBefore"/> (e.g. the end of the coming week), overdue
    /// first: the query the weekly digest and My work read. Tasks without a due date are not included.
    /// </summary>
    public static async Task<IReadOnlyList<TaskRecord>> OpenDueForOwnerAsync(TenureDatabase database, string tenant, string owner, DateTime dueBefore, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(owner);
        Tenants.EnsureValidName(tenant);
        DateTime? before = dueBefore;
        await using var context = database.CreateContext();
        var rows = await context.WorkTasks.AsNoTracking()
            .Where(t => t.TenantId == tenant && t.Owner == owner && t.CompletedAt == null && t.DueAt != null && t.DueAt < before)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(Record).OrderBy(t => t, Urgency)];
    }

    /// <summary>Open before completed; open by due date (none last); completed newest first; then id.</summary>
    public static IComparer<TaskRecord> Urgency { get; } = Comparer<TaskRecord>.Create((x, y) =>
    {
        if (x.IsOpen != y.IsOpen) return x.IsOpen ? -1 : 1;
        int c;
        if (x.IsOpen)
        {
            c = (x.DueAt, y.DueAt) switch
            {
                (null, null) => 0,
                (null, _) => 1,
                (_, null) => -1,
                ({ } a, { } b) => a.CompareTo(b),
            };
        }
        else
        {
            c = y.CompletedAt!.Value.CompareTo(x.CompletedAt!.Value);
        }
        return c != 0 ? c : x.Id.CompareTo(y.Id);
    });

    /// <summary>The task.created event of a task, for <see cref="WebhookOutbox"/>.</summary>
    internal static (string Event, Action<System.Text.Json.Utf8JsonWriter> Data) Created(TaskRecord task) =>
        (WebhookEvents.TaskCreated, json => TaskJson.Write(json, task));

    internal static async Task<long> NextIdAsync(TenureDbContext context, CancellationToken cancellationToken) =>
        (await context.WorkTasks.MaxAsync(t => (long?)t.Id, cancellationToken) ?? 0) + 1;

    internal static TaskRecord Record(WorkTaskRow row) => new(row.Id, row.TenantId, row.AccountId, row.Title, row.Owner, row.Category,
        row.CreatedAt, row.CreatedBy, row.DueAt, row.CompletedAt, row.CompletedBy, row.AlertId);

    /// <summary>Applies <paramref name="change"/> to the task in one transaction (saving and bumping the data version only when it says it changed).</summary>
    private static async Task<TaskRecord?> ChangeAsync(TenureDatabase database, string tenant, long id, Func<WorkTaskRow, bool> change, Action<StoredChange>? stored,
        CancellationToken cancellationToken)
    {
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var row = await context.WorkTasks.FirstOrDefaultAsync(t => t.TenantId == tenant && t.Id == id, cancellationToken);
        if (row is null) return null;
        if (change(row))
        {
            var version = await TenantRows.BumpDataVersionAsync(context, tenant, cancellationToken);
            await context.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(CancellationToken.None);
            stored?.Invoke(new OwnTaskStored(version, Record(row).AsDataSetRow()));
        }
        return Record(row);
    }
}
