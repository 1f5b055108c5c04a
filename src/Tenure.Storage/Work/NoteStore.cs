using Microsoft.EntityFrameworkCore;

using Tenure.Storage.Alerts;
using Tenure.Storage.Model;

namespace Tenure.Storage.Work;

/// <summary>
/// Notes CSMs write on accounts (table work_notes), through EF Core on both providers (docs/tasks.md). A note is
/// a touch for the engagement factor (its date) and a comment for the feedback analysis (its text, source "note"),
/// beside notes.csv (<see cref="OwnWork"/>); every write bumps the tenant's data version.
/// </summary>
public static class NoteStore
{
    internal const string Table = "work_notes";

    /// <summary>Writes a note on an account of the tenant at <paramref name="now"/>.</summary>
    /// <exception cref="WorkInputException">An empty or overlong text or source, an account the tenant does not have: nothing is saved.</exception>
    public static Task<NoteRecord> AddAsync(TenureDatabase database, string tenant, string? accountId, string? text, string? author, DateTime now,
        string? source = null, CancellationToken cancellationToken = default) =>
        AddAsync(database, tenant, accountId, text, author, now, source, stored: null, cancellationToken);

    /// <summary>
    /// <see cref="AddAsync(TenureDatabase, string, string?, string?, string?, DateTime, string?, CancellationToken)"/>, telling
    /// <paramref name="stored"/> what the write stored once it is committed (the note as the metrics read it, at the data
    /// version written), for a copy of the tenant's data kept in memory.
    /// </summary>
    public static async Task<NoteRecord> AddAsync(TenureDatabase database, string tenant, string? accountId, string? text, string? author, DateTime now,
        string? source, Action<StoredChange>? stored, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        now = AlertStore.WholeSeconds(now);
        var account = WorkInput.Line("account_id", accountId, 200);
        var body = WorkInput.Text("text", text);
        var kind = WorkInput.OptionalLine("source", source, WorkInput.MaxNameLength) ?? NoteRecord.DefaultSource;
        var by = WorkInput.OptionalLine("author", author, 200);
        using var turn = await database.EnterWriteAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            await using var context = database.CreateContext();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            await WorkWrites.LockAsync(context, database, Table, cancellationToken);
            await WorkWrites.AccountCsmAsync(context, tenant, account, cancellationToken);
            var row = new WorkNoteRow
            {
                TenantId = tenant,
                Id = (await context.WorkNotes.MaxAsync(n => (long?)n.Id, cancellationToken) ?? 0) + 1,
                AccountId = account,
                Author = by,
                Source = kind,
                CreatedAt = now,
                Text = body,
            };
            context.WorkNotes.Add(row);
            var version = await TenantRows.BumpDataVersionAsync(context, tenant, cancellationToken);
            try
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (attempt < 3 && TenantRows.IsDuplicate(e))
            {
                continue;
            }
            await transaction.CommitAsync(CancellationToken.None);
            var note = Record(row);
            stored?.Invoke(new OwnNoteStored(version, note.AsDataSetRow()));
            return note;
        }
    }

    /// <summary>The tenant's notes, of one account or all, newest first, at most <paramref name="limit"/>.</summary>
    public static async Task<IReadOnlyList<NoteRecord>> ListAsync(TenureDatabase database, string tenant, string? accountId = null, int limit = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        await using var context = database.CreateContext();
        var query = context.WorkNotes.AsNoTracking().Where(n => n.TenantId == tenant);
        if (accountId is not null) query = query.Where(n => n.AccountId == accountId);
        var rows = await query.OrderByDescending(n => n.Id).Take(limit).ToListAsync(cancellationToken);
        return [.. rows.Select(Record)];
    }

    private static NoteRecord Record(WorkNoteRow row) => new(row.Id, row.TenantId, row.AccountId, row.Author, row.Source, row.CreatedAt, row.Text);
}
