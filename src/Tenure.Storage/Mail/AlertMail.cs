using System.Globalization;
using System.Text;

using Microsoft.EntityFrameworkCore;

using Tenure.Metrics.Alerts;
using Tenure.Storage.Alerts;
using Tenure.Storage.Model;

namespace Tenure.Storage.Mail;

/// <summary>An opened alert that got no e-mail, and why (logged by the server).</summary>
public sealed record AlertMailSkip(long AlertId, string AccountId, string? Csm, string Why);

/// <summary>
/// The alert e-mail (docs/email.md): when an alert opens, its account's CSM is told, in the transaction that opens it.
/// The CSM is the dashboard user of role csm whose csm name equals the alert's csm (the accounts.csm value, as the
/// own-book scoping matches it: ordinal), not disabled, and not opted out. Keyed "alert:&lt;id&gt;": never twice for one alert.
/// </summary>
internal static class AlertMail
{
    /// <summary>Enqueues the e-mails of <paramref name="opened"/> into the context (the caller saves and commits); returns the alerts that got none.</summary>
    public static async Task<IReadOnlyList<AlertMailSkip>> AddAsync(TenureDbContext context, string tenant, DateTime now, IReadOnlyList<AlertRecord> opened, CancellationToken cancellationToken)
    {
        if (opened.Count == 0) return [];
        var csms = opened.Select(a => a.Csm).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var users = csms.Count == 0 ? [] : await context.Users.AsNoTracking()
            .Where(u => u.TenantId == tenant && u.Role == "csm" && u.DisabledAt == null && u.Csm != null && csms.Contains(u.Csm))
            .OrderBy(u => u.Email)
            .Select(u => new { u.Email, Csm = u.Csm!, u.NoAlertEmails })
            .ToListAsync(cancellationToken);
        var skipped = new List<AlertMailSkip>();
        foreach (var alert in opened)
        {
            if (alert.Csm is null)
            {
                skipped.Add(new AlertMailSkip(alert.Id, alert.AccountId, null, "the account has no CSM"));
                continue;
            }
            var book = users.Where(u => string.Equals(u.Csm, alert.Csm, StringComparison.Ordinal)).ToList();
            if (book.Count == 0)
            {
                skipped.Add(new AlertMailSkip(alert.Id, alert.AccountId, alert.Csm, $"no active user of role csm has csm '{alert.Csm}'"));
                continue;
            }
            var to = book.Where(u => !u.NoAlertEmails && MailAddresses.IsValid(u.Email)).Select(u => u.Email).ToList();
            if (to.Count == 0)
            {
                skipped.Add(new AlertMailSkip(alert.Id, alert.AccountId, alert.Csm, "alert e-mails turned off (or no sendable address)"));
                continue;
            }
            await MailOutbox.EnqueueAsync(context, tenant, Mail(alert, to), now, cancellationToken);
        }
        return skipped;
    }

    /// <summary>The e-mail of one alert.</summary>
    public static OutgoingMail Mail(AlertRecord alert, IReadOnlyList<string> to)
    {
        var rule = AlertRules.All.FirstOrDefault(r => r.Id == alert.Rule);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Alert {alert.Rule} opened on account {alert.AccountId}.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Why: {alert.Reason}\n");
        if (rule is not null) text.Append(CultureInfo.InvariantCulture, $"Rule: {alert.Rule} ({rule.Description})\n");
        text.Append(CultureInfo.InvariantCulture, $"Account: {alert.AccountId} (/accounts/{Uri.EscapeDataString(alert.AccountId)})\n");
        text.Append(CultureInfo.InvariantCulture, $"CSM: {alert.Csm}\n");
        text.Append(CultureInfo.InvariantCulture, $"Opened: {alert.OpenedAt:yyyy-MM-dd HH:mm} UTC (alert {alert.Id})\n\n");
        text.Append("You get this because you are the account's CSM in Tenure. Turn alert e-mails off on the settings page, ");
        text.Append("or with `tenure mail preferences --email ADDR --alert-emails off`.\n");
        return new OutgoingMail(to, MailOutbox.OneLine($"[Tenure] {alert.Rule}: {alert.AccountId} – {alert.Reason}"),
            text.ToString(), MailKinds.Alert, Key: string.Create(CultureInfo.InvariantCulture, $"alert:{alert.Id}"));
    }
}
