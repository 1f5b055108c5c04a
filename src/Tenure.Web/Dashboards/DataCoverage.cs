using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;

namespace Tenure.Web.Dashboards;

/// <summary>
/// How far a tenant's data reaches: the latest instant any record was dated at (a subscription starting,
/// an invoice, a usage day, a ticket created, answered or resolved, a survey answer, a task created or
/// completed, an offer, a referral, a milestone, a program, a note, a cost). Subscription and program end
/// dates are left out: they may be scheduled, so they say nothing about how recent the data is.
/// </summary>
/// <param name="LastInstant">The latest instant any record is dated at; null without data.</param>
/// <param name="FirstInstant">The earliest (subscription ends and program ends left out as well).</param>
public sealed record DataCoverage(DateTime? LastInstant, DateTime? FirstInstant = null)
{
    public static DataCoverage Of(TenureDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var last = DateTime.MinValue;
        var first = DateTime.MaxValue;
        void See(DateTime? instant)
        {
            if (instant is not { } i) return;
            if (i > last) last = i;
            if (i < first) first = i;
        }
        foreach (var s in data.Subscriptions) See(s.Start);
        foreach (var i in data.Invoices) See(i.Date);
        foreach (var u in data.Usage) See(u.Day);
        foreach (var t in data.Tickets) { See(t.CreatedAt); See(t.FirstResponseAt); See(t.ResolvedAt); }
        foreach (var s in data.Surveys) See(s.SubmittedAt);
        foreach (var t in data.Tasks) { See(t.CreatedAt); See(t.CompletedAt); }
        foreach (var o in data.Offers) { See(o.PresentedAt); See(o.AcceptedAt); }
        foreach (var r in data.Referrals) See(r.Date);
        foreach (var m in data.Milestones) See(m.AchievedAt);
        foreach (var p in data.Programs) See(p.JoinedAt);
        foreach (var n in data.Notes) See(n.Date);
        foreach (var c in data.Costs) See(c.Date);
        return last == DateTime.MinValue
            ? new DataCoverage(LastInstant: null)
            : new DataCoverage(DateTime.SpecifyKind(last, DateTimeKind.Utc), DateTime.SpecifyKind(first, DateTimeKind.Utc));
    }

    /// <summary>The snapshot's coverage, computed once per data version (a pass over every row) and kept in <paramref name="cache"/>.</summary>
    public static DataCoverage Of(DashboardCache cache, Data.TenantSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(snapshot);
        return cache.GetOrCompute(snapshot.Tenant, snapshot.Version, "coverage", "", () => Of(snapshot.Data));
    }

    /// <summary>The end of the last day that holds data (00:00 UTC of the next day): a period ending by then is covered.</summary>
    public DateTime? CoveredUntil => LastInstant is { } last ? last.Date.AddDays(1) : null;

    /// <summary>"2026-11-01": the day of the latest instant.</summary>
    public string? LastDay => LastInstant is { } last ? DashboardQuery.Date(last) : null;

    /// <summary>
    /// The "now" the default period is taken from: the clock, or the end of the last day of data when the data
    /// ends earlier, so the default month is the last complete month that has data, not an empty one.
    /// </summary>
    public DateTime DefaultNow(DateTime now) => CoveredUntil is { } until && until < now ? until : now;

    /// <summary>
    /// Plain words when <paramref name="period"/> runs past the last day of data ("Data ends 2026-11-01: ..."), so a
    /// fall in the figures is not read as real; null when the data covers the period (or there is no data).
    /// </summary>
    public string? NoticeFor(Period period, string label)
    {
        if (CoveredUntil is not { } until || period.End <= until) return null;
        return period.Start >= until
            ? $"Data ends {LastDay}: {label} is after the last data, so its figures are empty, not a real fall. Pick an earlier period."
            : $"Data ends {LastDay}: {label} runs past the last data, so its figures cover only part of it.";
    }

    /// <summary>A note that the default period was moved back to the data: "showing Oct 2026, the last complete month with data".</summary>
    public static string DefaultMovedNotice(string lastDay, string label) =>
        $"Data ends {lastDay}: showing {label}, the last complete month with data.";
}
