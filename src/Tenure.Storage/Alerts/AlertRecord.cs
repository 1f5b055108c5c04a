namespace Tenure.Storage.Alerts;

/// <summary>An alert's status: open until its condition clears or someone resolves it.</summary>
public enum AlertStatus { Open, Resolved }

/// <summary>How an alert was resolved.</summary>
public enum AlertResolution
{
    /// <summary>An evaluation found the rule's condition no longer holding.</summary>
    Cleared,

    /// <summary>Someone resolved it (CLI, API, dashboard).</summary>
    ByHand,
}

/// <summary>A stored alert as the CLI, the API, the alerts page and webhook payloads show it.</summary>
/// <param name="Id">Unique across the database.</param>
/// <param name="Tenant">The tenant it belongs to.</param>
/// <param name="Rule">The rule id (health-red, detractor, ...).</param>
/// <param name="AccountId">The account.</param>
/// <param name="Csm">The account's CSM when the alert opened; null when none.</param>
/// <param name="OpenedAt">When it opened (UTC, whole seconds).</param>
/// <param name="Status">Open or resolved.</param>
/// <param name="Reason">Why it opened: "NPS 2 from u7 on 2026-12-01".</param>
/// <param name="ResolvedAt">When it was resolved; null while open.</param>
/// <param name="Resolution">How; null while open.</param>
public sealed record AlertRecord(long Id, string Tenant, string Rule, string AccountId, string? Csm, DateTime OpenedAt,
    AlertStatus Status, string Reason, DateTime? ResolvedAt, AlertResolution? Resolution);

/// <summary>What applying an evaluation changed: alerts opened and resolved, and how many stayed open.</summary>
public sealed record AlertChanges(IReadOnlyList<AlertRecord> Opened, IReadOnlyList<AlertRecord> Resolved, int StillOpen)
{
    /// <summary>Opened alerts that got no e-mail to their CSM, and why (no CSM, no matching user, opted out): docs/email.md.</summary>
    public IReadOnlyList<Mail.AlertMailSkip> MailSkipped { get; init; } = [];
}
