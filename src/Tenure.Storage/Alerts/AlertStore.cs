using Microsoft.EntityFrameworkCore;

using Tenure.Metrics.Alerts;
using Tenure.Storage.Mail;
using Tenure.Storage.Model;
using Tenure.Storage.Webhooks;
using Tenure.Storage.Work;

namespace Tenure.Storage.Alerts;

/// <summary>
/// Stored alerts (table alerts), through EF Core on both providers. One open alert per (tenant, rule, account),
/// kept by a unique partial index; applying the same evaluation twice changes nothing. Every alert opened or
/// resolved writes its webhook deliveries (<see cref="WebhookOutbox"/>), and every alert opened its CSM's e-mail
/// (<see cref="AlertMail"/>), in the same transaction.
/// </summary>
public static class AlertStore
{
    internal const string Open = "open", Resolved = "resolved", Cleared = "cleared", ByHand = "by_hand";

    /// <summary>
    /// Brings the tenant's alerts in line with <paramref name="evaluation"/>, for the rules it evaluated only:
    /// a finding without an open alert opens one (unless a hand resolution of that (rule, account) is still
    /// quiet: resolved by hand while the condition held, it stays resolved until the condition clears); an open
    /// alert without a finding resolves as cleared; an open alert with a finding stays as it is (its reason and
    /// opened_at are kept). Instants are truncated to whole seconds. One transaction, webhooks' outbox and the tasks of
    /// the opened alerts' playbooks (<see cref="AlertEvaluation.Playbooks"/>, docs/tasks.md) included.
    /// </summary>
    public static async Task<AlertChanges> ApplyAsync(TenureDatabase database, string tenant, AlertEvaluation evaluation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(evaluation);
        Tenants.EnsureValidName(tenant);
        var now = WholeSeconds(evaluation.Now);
        var rules = evaluation.Evaluated.ToList();
        var holding = new Dictionary<(string Rule, string Account), AlertFinding>();
        foreach (var finding in evaluation.Findings)
            holding.TryAdd((finding.Rule, finding.AccountId), finding);

        using var turn = await database.EnterWriteAsync(cancellationToken);
        // A second writer (another process) may open the same alert between our read and our insert: the unique
        // index refuses it, and one more pass sees it open.
        for (var attempt = 1; ; attempt++)
        {
            await using var context = database.CreateContext();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            await LockAsync(context, database, cancellationToken);
            await TenantRows.EnsureAsync(context, database.Provider, tenant, now, cancellationToken);
            var rows = await context.Alerts
                .Where(a => a.TenantId == tenant && rules.Contains(a.Rule) && (a.Status == Open || a.Quiet))
                .ToListAsync(cancellationToken);
            var open = new HashSet<(string, string)>();
            var quiet = new HashSet<(string, string)>();
            var resolved = new List<AlertRow>();
            var kept = 0;
            foreach (var row in rows)
            {
                var key = (row.Rule, row.AccountId);
                var holds = holding.ContainsKey(key);
                if (row.Status == Open)
                {
                    if (holds)
                    {
                        open.Add(key);
                        kept++;
                        continue;
                    }
                    (row.Status, row.ResolvedAt, row.Resolution) = (Resolved, now, Cleared);
                    resolved.Add(row);
                }
                else if (holds)
                {
                    quiet.Add(key);
                }
                else
                {
                    row.Quiet = false; // the condition cleared: the next time it holds is a new alert
                }
            }
            var opened = new List<AlertRow>();
            var nextId = (await context.Alerts.MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0) + 1;
            foreach (var finding in evaluation.Findings)
            {
                var key = (finding.Rule, finding.AccountId);
                if (open.Contains(key) || quiet.Contains(key)) continue;
                open.Add(key);
                var row = new AlertRow
                {
                    TenantId = tenant,
                    Id = nextId++,
                    Rule = finding.Rule,
                    AccountId = finding.AccountId,
                    Csm = finding.Csm,
                    OpenedAt = now,
                    Status = Open,
                    Reason = finding.Reason,
                };
                context.Alerts.Add(row);
                opened.Add(row);
            }
            var openedRecords = opened.Select(Record).ToList();
            var resolvedRecords = resolved.Select(Record).ToList();
            await WebhookOutbox.AddAsync(context, tenant, now,
                [.. openedRecords.Select(a => (WebhookEvents.AlertOpened, a)), .. resolvedRecords.Select(a => (WebhookEvents.AlertResolved, a))],
                cancellationToken);
            var mailSkipped = await AlertMail.AddAsync(context, tenant, now, openedRecords, cancellationToken);

            // Playbooks start with their alert, in this transaction: an alert opens once, so its tasks are created once.
            var tasks = await PlaybookTasks.AddAsync(context, database, tenant, openedRecords, evaluation.Playbooks, cancellationToken);
            await WebhookOutbox.AddAsync(context, tenant, now, [.. tasks.Select(TaskStore.Created)], cancellationToken);
            try
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (attempt < 3 && TenantRows.IsDuplicate(e))
            {
                continue;
            }
            await transaction.CommitAsync(CancellationToken.None);
            return new AlertChanges(openedRecords, resolvedRecords, kept) { MailSkipped = mailSkipped };
        }
    }

    /// <summary>
    /// Resolves alert <paramref name="id"/> of the tenant by hand at <paramref name="now"/>, writing its
    /// alert.resolved deliveries. It stays resolved while its condition holds (quiet); once an evaluation finds the
    /// condition cleared, the next time it holds opens a new alert. Null when the tenant has no such alert;
    /// <c>Changed</c> false when it was already resolved (nothing written).
    /// </summary>
    public static async Task<(AlertRecord Alert, bool Changed)?> ResolveAsync(TenureDatabase database, string tenant, long id, DateTime now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var row = await context.Alerts.FirstOrDefaultAsync(a => a.TenantId == tenant && a.Id == id, cancellationToken);
        if (row is null) return null;
        if (row.Status != Open) return (Record(row), false);
        (row.Status, row.ResolvedAt, row.Resolution, row.Quiet) = (Resolved, WholeSeconds(now), ByHand, true);
        var record = Record(row);
        await WebhookOutbox.AddAsync(context, tenant, record.ResolvedAt!.Value, [(WebhookEvents.AlertResolved, record)], cancellationToken);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return (record, true);
    }

    /// <summary>The tenant's alerts, newest first: only open ones, or all.</summary>
    public static async Task<IReadOnlyList<AlertRecord>> ListAsync(TenureDatabase database, string tenant, bool openOnly, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        await using var context = database.CreateContext();
        var query = context.Alerts.AsNoTracking().Where(a => a.TenantId == tenant);
        if (openOnly) query = query.Where(a => a.Status == Open);
        var rows = await query.OrderByDescending(a => a.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(Record)];
    }

    /// <summary>The tenants the database knows (every tenant with data, keys, users or settings), for the hourly evaluation.</summary>
    public static async Task<IReadOnlyList<string>> TenantsAsync(TenureDatabase database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var context = database.CreateContext();
        return await context.Tenants.AsNoTracking().OrderBy(t => t.TenantId).Select(t => t.TenantId).ToListAsync(cancellationToken);
    }

    /// <summary>PostgreSQL: one alert writer at a time, so two evaluations never take the same next id or open the same alert.</summary>
    private static Task LockAsync(TenureDbContext context, TenureDatabase database, CancellationToken cancellationToken) =>
        database.Provider == DatabaseProvider.PostgreSql
            ? context.Database.ExecuteSqlRawAsync("LOCK TABLE alerts IN SHARE ROW EXCLUSIVE MODE", cancellationToken)
            : Task.CompletedTask;

    /// <summary>The instant truncated to whole seconds (alerts and deliveries are stamped in whole seconds).</summary>
    public static DateTime WholeSeconds(DateTime instant) =>
        new(instant.Ticks - instant.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private static AlertRecord Record(AlertRow row) => new(row.Id, row.TenantId, row.Rule, row.AccountId, row.Csm, row.OpenedAt,
        row.Status == Open ? AlertStatus.Open : AlertStatus.Resolved, row.Reason, row.ResolvedAt,
        row.Resolution switch { Cleared => AlertResolution.Cleared, ByHand => AlertResolution.ByHand, _ => null });
}
