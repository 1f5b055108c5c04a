using System.Globalization;

using Tenure.Metrics.Health;
using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Alerts;

/// <summary>
/// Evaluates a workspace's alert rules over its data at an instant "now" (pure: now comes in, nothing reads a
/// clock). Each rule gives the accounts whose condition holds at now (<see cref="AlertFinding"/>); opening,
/// keeping and resolving alerts from that is storage's job.
/// </summary>
/// <remarks>
/// Rules (thresholds T from <see cref="AlertSettings"/>, look-back L days, health from <see cref="HealthScores"/>
/// with the given model and churn grace; only customers at now have a health score):
/// health-red: band at now is red. health-drop: score(now - W days) - score(now) &gt;= T points, both scores
/// present (the account was a customer at both instants). renewal-risk: the stretch of paid coverage holding
/// now ends within T days (an open stretch never does) and the band at now is yellow or red. usage-drop: among
/// customers at now, distinct users with usage in [now - 14 d, now - 7 d) = P &gt; 0 and in [now - 7 d, now) = C,
/// with (P - C) / P &gt;= T %. churn-risk: probability &gt;= T from <see cref="IChurnRiskSource"/>; not evaluated
/// without a model. detractor: an nps answer with score &lt;= T submitted in [now - L, now]. escalation: a ticket
/// with escalated = true created in [now - L, now]. Event rules name the latest event (ties: greater id).
/// </remarks>
public static class AlertEvaluator
{
    private const int UsageWeekDays = 7;

    /// <summary>Evaluates every enabled rule of <paramref name="settings"/> at <paramref name="now"/> (UTC).</summary>
    /// <param name="data">The workspace's data.</param>
    /// <param name="settings">The rules; <see cref="AlertSettings.Default"/> for the shipped ones.</param>
    /// <param name="now">The instant "now".</param>
    /// <param name="churnGraceDays">The workspace's churn grace (who is a customer, when coverage ends).</param>
    /// <param name="model">The health model; null for METRICS.md's default.</param>
    /// <param name="churn">The churn model's probabilities; null while there is none (churn-risk not evaluated).</param>
    /// <param name="health">
    /// <paramref name="data"/>'s rows already grouped by account with <paramref name="churnGraceDays"/> (a server's
    /// loaded snapshot keeps them); null groups them here.
    /// </param>
    public static AlertEvaluation Evaluate(TenureDataSet data, AlertSettings settings, DateTime now, int churnGraceDays = 0,
        HealthModel? model = null, IChurnRiskSource? churn = null, HealthData? health = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        model ??= HealthModel.Default;
        health ??= HealthData.Of(data, churnGraceDays);
        var csms = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var account in data.Accounts)
            csms[account.AccountId] = string.IsNullOrWhiteSpace(account.Csm) ? null : account.Csm;
        string? CsmOf(string accountId) => csms.GetValueOrDefault(accountId);

        var findings = new List<AlertFinding>();
        var evaluated = new HashSet<string>(StringComparer.Ordinal);
        var notEvaluated = new Dictionary<string, string>(StringComparer.Ordinal);
        bool On(AlertRule rule)
        {
            if (settings[rule].Enabled) return true;
            notEvaluated[rule.Id] = "disabled";
            return false;
        }

        var healthNeeded = settings[AlertRules.HealthRed].Enabled || settings[AlertRules.HealthDrop].Enabled || settings[AlertRules.RenewalRisk].Enabled;
        var current = healthNeeded ? HealthScores.At(health, model, now) : [];

        if (On(AlertRules.HealthRed))
        {
            evaluated.Add(AlertRule.HealthRed);
            foreach (var a in current)
            {
                if (a.Band == HealthBand.Red)
                    findings.Add(new(AlertRule.HealthRed, a.AccountId, CsmOf(a.AccountId), $"health {Score(a.Score)} (red) on {Day(now)}"));
            }
        }

        if (On(AlertRules.HealthDrop))
        {
            evaluated.Add(AlertRule.HealthDrop);
            var window = settings[AlertRules.HealthDrop].WindowDays ?? AlertRules.DefaultDropWindowDays;
            var threshold = settings.ThresholdOf(AlertRules.HealthDrop);
            var thenAt = now.AddDays(-window);
            var then = HealthScores.At(health, model, thenAt).Where(a => a.Score is not null).ToDictionary(a => a.AccountId, a => a.Score!.Value, StringComparer.Ordinal);
            foreach (var a in current)
            {
                if (a.Score is not { } score || !then.TryGetValue(a.AccountId, out var before)) continue;
                var drop = before - score;
                if (drop >= threshold)
                    findings.Add(new(AlertRule.HealthDrop, a.AccountId, CsmOf(a.AccountId),
                        $"health fell {Score(drop)} points in {window} days, from {Score(before)} on {Day(thenAt)} to {Score(score)} on {Day(now)}"));
            }
        }

        if (On(AlertRules.RenewalRisk))
        {
            evaluated.Add(AlertRule.RenewalRisk);
            var days = settings.ThresholdOf(AlertRules.RenewalRisk);
            var horizon = now.AddTicks((long)(days * TimeSpan.TicksPerDay));
            foreach (var a in current)
            {
                if (a.Band is not (HealthBand.Yellow or HealthBand.Red)) continue;
                if (CoverageEnd(health, a.AccountId, now) is not { } end || end > horizon) continue;
                var left = (decimal)(end - now).Ticks / TimeSpan.TicksPerDay;
                findings.Add(new(AlertRule.RenewalRisk, a.AccountId, CsmOf(a.AccountId),
                    $"paid coverage ends {Day(end)} (in {left.ToString("0", CultureInfo.InvariantCulture)} days), health {a.Band.Value.Id()} ({Score(a.Score)})"));
            }
        }

        if (On(AlertRules.UsageDrop))
        {
            evaluated.Add(AlertRule.UsageDrop);
            findings.AddRange(UsageDrops(data, health, now, settings.ThresholdOf(AlertRules.UsageDrop), CsmOf));
        }

        if (On(AlertRules.ChurnRisk))
        {
            var probabilities = churn?.ProbabilitiesAt(data, now);
            if (probabilities is null)
            {
                notEvaluated[AlertRule.ChurnRisk] = ChurnRisk.NotAvailable;
            }
            else
            {
                evaluated.Add(AlertRule.ChurnRisk);
                var threshold = settings.ThresholdOf(AlertRules.ChurnRisk);
                foreach (var (accountId, p) in probabilities.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (p >= threshold)
                        findings.Add(new(AlertRule.ChurnRisk, accountId, CsmOf(accountId),
                            string.Create(CultureInfo.InvariantCulture, $"churn probability {p:0.00} (alerting from {threshold}) on {Day(now)}")));
                }
            }
        }

        var from = now.AddDays(-settings.LookBackDays);
        if (On(AlertRules.Detractor))
        {
            evaluated.Add(AlertRule.Detractor);
            var highest = settings.ThresholdOf(AlertRules.Detractor);
            var latest = new Dictionary<string, SurveyResponse>(StringComparer.Ordinal);
            foreach (var answer in data.Surveys)
            {
                if (answer.Survey != "nps" || answer.Score > highest || answer.SubmittedAt < from || answer.SubmittedAt > now) continue;
                if (!latest.TryGetValue(answer.AccountId, out var kept) || answer.SubmittedAt > kept.SubmittedAt
                    || (answer.SubmittedAt == kept.SubmittedAt && string.CompareOrdinal(answer.ResponseId, kept.ResponseId) > 0))
                    latest[answer.AccountId] = answer;
            }
            foreach (var answer in latest.Values)
            {
                var who = answer.UserId is { } user ? $"from {user}" : $"(response {answer.ResponseId})";
                findings.Add(new(AlertRule.Detractor, answer.AccountId, CsmOf(answer.AccountId), $"NPS {answer.Score} {who} on {Day(answer.SubmittedAt)}"));
            }
        }

        if (On(AlertRules.Escalation))
        {
            evaluated.Add(AlertRule.Escalation);
            var latest = new Dictionary<string, (Ticket Ticket, int Count)>(StringComparer.Ordinal);
            foreach (var ticket in data.Tickets)
            {
                if (!ticket.Escalated || ticket.CreatedAt < from || ticket.CreatedAt > now) continue;
                if (!latest.TryGetValue(ticket.AccountId, out var kept))
                    latest[ticket.AccountId] = (ticket, 1);
                else if (ticket.CreatedAt > kept.Ticket.CreatedAt || (ticket.CreatedAt == kept.Ticket.CreatedAt && string.CompareOrdinal(ticket.TicketId, kept.Ticket.TicketId) > 0))
                    latest[ticket.AccountId] = (ticket, kept.Count + 1);
                else
                    latest[ticket.AccountId] = (kept.Ticket, kept.Count + 1);
            }
            foreach (var (accountId, (ticket, count)) in latest)
            {
                var more = count > 1 ? $" ({count} escalated tickets in {settings.LookBackDays} days)" : "";
                findings.Add(new(AlertRule.Escalation, accountId, CsmOf(accountId), $"ticket {ticket.TicketId} escalated, created {Day(ticket.CreatedAt)}{more}"));
            }
        }

        var order = AlertRules.All.Select((r, i) => (r.Id, i)).ToDictionary(r => r.Id, r => r.i, StringComparer.Ordinal);
        findings.Sort((x, y) => order[x.Rule] != order[y.Rule] ? order[x.Rule].CompareTo(order[y.Rule]) : string.CompareOrdinal(x.AccountId, y.AccountId));
        return new AlertEvaluation(now, findings, evaluated, notEvaluated);
    }

    /// <summary>The end of the stretch of paid coverage holding <paramref name="now"/>; null when open-ended or none holds it.</summary>
    private static DateTime? CoverageEnd(HealthData health, string accountId, DateTime now)
    {
        var a = health.IndexOf(accountId);
        if (a < 0) return null;
        foreach (var stretch in health.Coverage.ActiveIntervals(a))
        {
            if (stretch.Start <= now && now < stretch.End)
                return stretch.End == DateTime.MaxValue ? null : stretch.End;
        }
        return null;
    }

    private static List<AlertFinding> UsageDrops(TenureDataSet data, HealthData health, DateTime now, decimal thresholdPercent, Func<string, string?> csmOf)
    {
        var weekStart = now.AddDays(-UsageWeekDays);
        var previousStart = now.AddDays(-2 * UsageWeekDays);
        var weeks = new Dictionary<string, (HashSet<string> Previous, HashSet<string> Current)>(StringComparer.Ordinal);
        foreach (var day in data.Usage)
        {
            if (day.UserId is not { } user || day.Events <= 0 || day.Day < previousStart || day.Day >= now) continue;
            if (!weeks.TryGetValue(day.AccountId, out var sets))
                weeks[day.AccountId] = sets = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
            (day.Day < weekStart ? sets.Previous : sets.Current).Add(user);
        }
        var found = new List<AlertFinding>();
        foreach (var (accountId, (previous, current)) in weeks)
        {
            var a = health.IndexOf(accountId);
            if (a < 0 || !health.Coverage.IsActiveAt(a, now) || previous.Count == 0) continue;
            var p = previous.Count;
            var c = current.Count;
            // (P - C) / P >= T / 100, in integers and the exact decimal: no rounding decides an alert.
            if ((p - c) * 100m < thresholdPercent * p) continue;
            var percent = Math.Round(100m * (p - c) / p, 0, MidpointRounding.AwayFromZero);
            found.Add(new(AlertRule.UsageDrop, accountId, csmOf(accountId),
                string.Create(CultureInfo.InvariantCulture, $"active users fell from {p} to {c} week over week (-{percent} %) in the 7 days to {Day(now)}")));
        }
        return found;
    }

    private static string Score(decimal? score) => score is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";

    private static string Day(DateTime instant) => instant.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
