using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Tallies;

namespace Tenure.Metrics.Support;

/// <summary>
/// Tickets per period and segment (the segment of the ticket's account). Which instant puts a ticket in
/// a period depends on the figure: created_at for counts, FCR, escalations and major cases;
/// first_response_at for the first response times; resolved_at (the final solve of a reopened ticket) for
/// resolutions, reopens, resolution and handle times; and the backlog is the state at each period boundary.
/// Business-hours times use <see cref="MetricOptions.BusinessCalendar"/> and are computed only when asked for.
/// </summary>
public sealed class SupportLedger
{
    private SupportLedger(
        PeriodSegmentGrid<TicketTally> tickets,
        PeriodSegmentGrid<DurationSample> firstResponseHours,
        PeriodSegmentGrid<DurationSample> resolutionHours,
        PeriodSegmentGrid<DurationSample> handleMinutes,
        PeriodSegmentGrid<DurationSample> firstResponseBusinessHours,
        PeriodSegmentGrid<DurationSample> resolutionBusinessHours,
        PeriodSegmentGrid<BacklogTally> openAtBoundary,
        PeriodSegmentGrid<ImpactedAccounts> majorCaseAccounts)
    {
        Tickets = tickets;
        FirstResponseHours = firstResponseHours;
        ResolutionHours = resolutionHours;
        HandleMinutes = handleMinutes;
        FirstResponseBusinessHours = firstResponseBusinessHours;
        ResolutionBusinessHours = resolutionBusinessHours;
        OpenAtBoundary = openAtBoundary;
        MajorCaseAccounts = majorCaseAccounts;
    }

    public PeriodSegmentGrid<TicketTally> Tickets { get; }

    /// <summary>first_response_at - created_at in hours, of tickets first answered in the period.</summary>
    public PeriodSegmentGrid<DurationSample> FirstResponseHours { get; }

    /// <summary>resolved_at - created_at in hours, of tickets resolved in the period.</summary>
    public PeriodSegmentGrid<DurationSample> ResolutionHours { get; }

    /// <summary>handle_minutes of tickets resolved in the period that have one.</summary>
    public PeriodSegmentGrid<DurationSample> HandleMinutes { get; }

    /// <summary>Business hours between created_at and first_response_at, of tickets first answered in the period (empty unless asked for).</summary>
    public PeriodSegmentGrid<DurationSample> FirstResponseBusinessHours { get; }

    /// <summary>Business hours between created_at and resolved_at, of tickets resolved in the period (empty unless asked for).</summary>
    public PeriodSegmentGrid<DurationSample> ResolutionBusinessHours { get; }

    /// <summary>
    /// Tickets open (created before, not resolved before) at each period boundary: row 0 is the start
    /// of the first period, row p + 1 the end of period p. So period p opens with row p and closes with row p + 1.
    /// </summary>
    public PeriodSegmentGrid<BacklogTally> OpenAtBoundary { get; }

    /// <summary>Distinct accounts on the major tickets created in the period and on their child tickets, in the major ticket's segment.</summary>
    public PeriodSegmentGrid<ImpactedAccounts> MajorCaseAccounts { get; }

    public static SupportLedger Build(MetricContext context)
    {
        var periods = context.Periods.Count;
        var tickets = context.NewGrid<TicketTally>();
        // Observations are collected per cell and made samples at the end (one block per cell, not a node each).
        var firstResponse = new DurationCollector(periods, context.Segments.Count);
        var resolution = new DurationCollector(periods, context.Segments.Count);
        var handle = new DurationCollector(periods, context.Segments.Count);
        var firstResponseBusiness = new DurationCollector(periods, context.Segments.Count);
        var resolutionBusiness = new DurationCollector(periods, context.Segments.Count);
        var calendar = context.Options.BusinessCalendar;
        var wantsFirstResponseBusiness = context.IsRequested(SupportMetrics.FirstResponseTimeBusiness);
        var wantsResolutionBusiness = context.IsRequested(SupportMetrics.ResolutionTimeBusiness);
        var backlogChanges = new PeriodSegmentGrid<BacklogTally>(periods + 2, context.Segments.Count);
        var majors = MajorTicketsCreatedInRange(context);

        var (grouped, offsets) = context.Accounts.GroupByAccount(context.Data.Tickets, t => t.AccountId);
        // Per period, the last account counted as having a ticket / an escalated ticket (accounts come one at a time).
        var lastWithTicket = new int[periods];
        var lastEscalated = new int[periods];
        Array.Fill(lastWithTicket, -1);
        Array.Fill(lastEscalated, -1);
        for (var a = 0; a < context.Accounts.Count; a++)
        {
            if (offsets[a] == offsets[a + 1]) continue;
            var segment = context.SegmentOf(a);
            for (var i = offsets[a]; i < offsets[a + 1]; i++)
            {
                var ticket = grouped[i];
                var created = context.PeriodOf(ticket.CreatedAt);
                if (created >= 0)
                {
                    var firstAccountTicket = lastWithTicket[created] != a;
                    lastWithTicket[created] = a;
                    var firstAccountEscalation = ticket.Escalated && lastEscalated[created] != a;
                    if (ticket.Escalated) lastEscalated[created] = a;
                    tickets[created, segment] += new TicketTally
                    {
                        Created = 1,
                        FirstContactResolved = ticket.ResolvedAt is not null && ticket.Contacts == 1 ? 1 : 0,
                        AccountsWithTicket = firstAccountTicket ? 1 : 0,
                        AccountsEscalated = firstAccountEscalation ? 1 : 0,
                    };
                }

                if (ticket.FirstResponseAt is { } answered && context.PeriodOf(answered) is var p and >= 0)
                {
                    firstResponse.Add(p, segment, DurationSummary.Hours(answered - ticket.CreatedAt));
                    if (wantsFirstResponseBusiness)
                        firstResponseBusiness.Add(p, segment, DurationSummary.Hours(calendar.BusinessTime(ticket.CreatedAt, answered)));
                }

                if (ticket.ResolvedAt is { } resolvedAt && context.PeriodOf(resolvedAt) is var r and >= 0)
                {
                    tickets[r, segment] += new TicketTally { Resolved = 1, ReopenedResolved = ticket.Reopens > 0 ? 1 : 0, Reopens = ticket.Reopens };
                    resolution.Add(r, segment, DurationSummary.Hours(resolvedAt - ticket.CreatedAt));
                    if (wantsResolutionBusiness)
                        resolutionBusiness.Add(r, segment, DurationSummary.Hours(calendar.BusinessTime(ticket.CreatedAt, resolvedAt)));
                    if (ticket.HandleMinutes is { } minutes)
                        handle.Add(r, segment, minutes);
                }

                AddToBacklog(context, ticket, segment, backlogChanges);

                if (ticket.ParentTicketId is { } parent && majors.TryGetValue(parent, out var major))
                {
                    tickets[major.Period, major.Segment] += new TicketTally { MajorCaseChildren = 1 };
                    major.Accounts.Add(a);
                }
            }
        }

        var impacted = context.NewGrid<ImpactedAccounts>();
        foreach (var major in majors.Values)
            impacted[major.Period, major.Segment] += new ImpactedAccounts(major.Accounts);

        return new SupportLedger(tickets, firstResponse.ToGrid(), resolution.ToGrid(), handle.ToGrid(), firstResponseBusiness.ToGrid(), resolutionBusiness.ToGrid(),
            OpenCounts(backlogChanges, periods + 1), impacted);
    }

    /// <summary>
    /// A ticket is open at boundary b when created_at &lt; b and it is not resolved before b
    /// (resolved_at empty or &gt;= b): it adds 1 to the boundaries from the first after created_at
    /// through the last at or before resolved_at (a difference array, summed in <see cref="OpenCounts"/>).
    /// </summary>
    private static void AddToBacklog(MetricContext context, Ticket ticket, int segment, PeriodSegmentGrid<BacklogTally> changes)
    {
        var periods = context.Periods;
        if (periods.Count == 0) return;
        var first = ticket.CreatedAt < periods[0].Start ? 0 : 1 + context.FirstPeriodEndingAfter(ticket.CreatedAt);
        var last = ticket.ResolvedAt is not { } resolved ? periods.Count
            : resolved < periods[0].Start ? -1
            : context.FirstPeriodEndingAfter(resolved);
        if (first > last) return;
        var one = ticket.Blocked ? new BacklogTally(1, 0) : new BacklogTally(0, 1);
        changes[first, segment] += one;
        changes[last + 1, segment] = changes[last + 1, segment] - one;
    }

    private static PeriodSegmentGrid<BacklogTally> OpenCounts(PeriodSegmentGrid<BacklogTally> changes, int boundaries)
    {
        var open = new PeriodSegmentGrid<BacklogTally>(boundaries, changes.Segments);
        for (var s = 0; s < changes.Segments; s++)
        {
            var running = default(BacklogTally);
            for (var b = 0; b < boundaries; b++)
            {
                running += changes[b, s];
                open[b, s] = running;
            }
        }
        return open;
    }

    private sealed record MajorTicket(int Period, int Segment, HashSet<int> Accounts);

    /// <summary>Major tickets created in a requested period, by ticket id, each with its own account in its set.</summary>
    private static Dictionary<string, MajorTicket> MajorTicketsCreatedInRange(MetricContext context)
    {
        var majors = new Dictionary<string, MajorTicket>(StringComparer.Ordinal);
        foreach (var ticket in context.Data.Tickets)
        {
            if (!ticket.IsMajor) continue;
            var p = context.PeriodOf(ticket.CreatedAt);
            if (p < 0) continue;
            majors.TryAdd(ticket.TicketId, new MajorTicket(p, context.SegmentOf(ticket.AccountId), [context.Accounts.IndexOf(ticket.AccountId)]));
        }
        return majors;
    }
}
