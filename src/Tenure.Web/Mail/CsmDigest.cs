using System.Globalization;
using System.Text;

using Tenure.Metrics.Inputs;
using Tenure.Storage.Alerts;
using Tenure.Web.Dashboards;

namespace Tenure.Web.Mail;

/// <summary>
/// The weekly digest of one CSM's book (docs/email.md): red accounts (the At-risk view's red rows, same health model and
/// numbers), open alerts, and tasks due in the coming week or overdue.
/// </summary>
public static class CsmDigest
{
    /// <summary>What a digest lists.</summary>
    public sealed record Content(IReadOnlyList<AtRiskRow> Red, IReadOnlyList<AlertRecord> Alerts, IReadOnlyList<CsTask> TasksDue);

    /// <summary>
    /// Tasks due for <paramref name="csm"/> by <paramref name="until"/> and not completed: owned by the CSM, or on an account
    /// of their book without an owner. The tenant's data holds both the imported tasks.csv tasks and Tenure's own tasks
    /// (appended on load, ADR 0130), so both are listed.
    /// </summary>
    public static IReadOnlyList<CsTask> TasksDue(TenureDataSet data, string csm, DateTime until)
    {
        ArgumentNullException.ThrowIfNull(data);
        var book = data.Accounts.Where(a => string.Equals(a.Csm, csm, StringComparison.Ordinal)).Select(a => a.AccountId).ToHashSet(StringComparer.Ordinal);
        return [.. data.Tasks
            .Where(t => t.CompletedAt is null && t.DueAt is { } due && due < until)
            .Where(t => string.Equals(t.Owner, csm, StringComparison.Ordinal) || (t.Owner is null && t.AccountId is { } a && book.Contains(a)))
            .OrderBy(t => t.DueAt).ThenBy(t => t.TaskId, StringComparer.Ordinal)];
    }

    /// <summary>The digest's subject and text.</summary>
    public static (string Subject, string Text) Render(string csm, DateOnly week, Content content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Weekly digest for {csm}, week of {week:yyyy-MM-dd}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Red accounts ({content.Red.Count})\n");
        foreach (var r in content.Red)
            text.Append(CultureInfo.InvariantCulture, $"- {r.Summary.Account.Name} ({r.Summary.Account.AccountId}): health {r.Health.Score:0.0}, MRR at risk {r.MrrAtRisk:0.##}\n");
        if (content.Red.Count == 0) text.Append("- none\n");
        text.Append(CultureInfo.InvariantCulture, $"\nOpen alerts ({content.Alerts.Count})\n");
        foreach (var a in content.Alerts)
            text.Append(CultureInfo.InvariantCulture, $"- {a.Rule} on {a.AccountId} since {a.OpenedAt:yyyy-MM-dd}: {a.Reason}\n");
        if (content.Alerts.Count == 0) text.Append("- none\n");
        text.Append(CultureInfo.InvariantCulture, $"\nTasks due ({content.TasksDue.Count})\n");
        foreach (var t in content.TasksDue)
            text.Append(CultureInfo.InvariantCulture, $"- {t.TaskId}{(t.Category is null ? "" : " (" + t.Category + ")")}{(t.AccountId is null ? "" : " on " + t.AccountId)}, due {t.DueAt:yyyy-MM-dd}\n");
        if (content.TasksDue.Count == 0) text.Append("- none\n");
        text.Append("\nTurn the digest off on the settings page or with `tenure mail preferences --email ADDR --digest-emails off`.\n");
        return ($"[Tenure] Weekly digest for {csm}: {content.Red.Count} red, {content.Alerts.Count} open alerts, {content.TasksDue.Count} tasks due", text.ToString());
    }
}
