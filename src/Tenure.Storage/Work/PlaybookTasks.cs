using Tenure.Metrics.Playbooks;
using Tenure.Storage.Alerts;
using Tenure.Storage.Model;

namespace Tenure.Storage.Work;

/// <summary>
/// Starts playbooks (docs/tasks.md): for every alert just opened whose rule has a playbook, its tasks, in the
/// transaction that opens the alert, with their task.created deliveries. An alert opens once, so its playbook runs
/// once; the unique index (tenant, alert_id, playbook_step) makes sure of it in the database too.
/// </summary>
internal static class PlaybookTasks
{
    /// <summary>Adds the tasks to the context (the caller saves and commits); returns them.</summary>
    /// <remarks>
    /// A task is due DueInDays whole days after the alert opened; its owner is the alert's CSM (the account's, when
    /// the alert opened) or the named user; created_by is "playbook:RULE".
    /// </remarks>
    public static async Task<IReadOnlyList<TaskRecord>> AddAsync(TenureDbContext context, TenureDatabase database, string tenant, IReadOnlyList<AlertRecord> opened,
        IReadOnlyDictionary<string, Playbook> playbooks, CancellationToken cancellationToken)
    {
        if (opened.Count == 0 || playbooks.Count == 0 || !opened.Any(a => playbooks.ContainsKey(a.Rule))) return [];
        await WorkWrites.LockAsync(context, database, TaskStore.Table, cancellationToken);
        var nextId = await TaskStore.NextIdAsync(context, cancellationToken);
        var created = new List<TaskRecord>();
        foreach (var alert in opened)
        {
            if (!playbooks.TryGetValue(alert.Rule, out var playbook)) continue;
            for (var step = 0; step < playbook.Tasks.Count; step++)
            {
                var template = playbook.Tasks[step];
                var row = new WorkTaskRow
                {
                    TenantId = tenant,
                    Id = nextId++,
                    AccountId = alert.AccountId,
                    Title = template.Title,
                    Owner = template.Owner.For(alert.Csm),
                    Category = template.Category,
                    CreatedAt = alert.OpenedAt,
                    CreatedBy = "playbook:" + alert.Rule,
                    DueAt = alert.OpenedAt.AddDays(template.DueInDays),
                    AlertId = alert.Id,
                    PlaybookStep = step,
                };
                context.WorkTasks.Add(row);
                created.Add(TaskStore.Record(row));
            }
        }
        if (created.Count > 0)
            await TenantRows.BumpDataVersionAsync(context, tenant, cancellationToken);
        return created;
    }
}
