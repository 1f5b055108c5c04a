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

    /// <summary>first_response_at - created_at in hours, of tickets first answered in the period (empty unless asked for).</summary>
    public PeriodSegmentGrid<DurationSample> FirstResponseHours { get; }

    /// <summary>resolved_at - created_at in hours, of tickets resolved in the period (empty unless asked for).</summary>
    public PeriodSegmentGrid<DurationSample> ResolutionHours { get; }

    /// <summary>handle_minutes of tickets resolved in the period that have one (empty unless asked for).</summary>
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
        // Observations are gathered per cell into one block each (not a node each); a duration not asked for stays empty.
        var firstResponse = context.NewGrid<DurationSample>();
        var resolution = context.NewGrid<DurationSample>();
        var handle = context.NewGrid<DurationSample>();
        var firstResponseBusiness = context.NewGrid<DurationSample>();
        var resolutionBusiness = context.NewGrid<DurationSample>();
        // Observations are collected only for the durations asked for (sorting them is most of a ledger's cost).
        var wantsFirstResponse = context.IsRequested(SupportMetrics.FirstResponseTime);
        var wantsResolution = context.IsRequested(SupportMetrics.ResolutionTime);
        var wantsHandle = context.IsRequested(SupportMetrics.AverageHandleTime);
        var wantsFirstResponseBusiness = context.IsRequested(SupportMetrics.FirstResponseTimeBusiness);
        var wantsResolutionBusiness = context.IsRequested(SupportMetrics.ResolutionTimeBusiness);
        var backlogChanges = new PeriodSegmentGrid<BacklogTally>(periods + 2, context.Segments.Count);
        var columns = TicketColumns.Of(context.Data);
        var majors = MajorTicketsCreatedInRange(context, columns);

        // The tickets' tallies and the collection of each duration asked for are independent (each writes or makes its own
        // grid; the columns and the context are only read): run at once, each on its own.
        var work = new List<Action> { () => TallyTickets(context, columns, majors, tickets, backlogChanges) };
        // The durations walked in ascending order of their values, so that every cell's come sorted.
        void Collect(bool wanted, Func<(int[] Order, DateTime[] At, long[] Ticks)> durations, Action<PeriodSegmentGrid<DurationSample>> keep)
        {
            if (wanted)
                work.Add(() => keep(CollectInOrder(context, durations(), columns)));
        }
        Collect(wantsFirstResponse, () => (columns.ByFirstResponse, columns.FirstResponse, columns.FirstResponseTicks), grid => firstResponse = grid);
        Collect(wantsResolution, () => (columns.ByResolution, columns.Resolved, columns.ResolutionTicks), grid => resolution = grid);
        Collect(wantsHandle, () => (columns.ByHandle, columns.Resolved, columns.HandleTicks), grid => handle = grid);
        Collect(wantsFirstResponseBusiness, () =>
        {
            var business = columns.BusinessHours(context.Options.BusinessCalendar);
            return (business.ByFirstResponse, columns.FirstResponse, business.FirstResponseTicks);
        }, grid => firstResponseBusiness = grid);
        Collect(wantsResolutionBusiness, () =>
        {
            var business = columns.BusinessHours(context.Options.BusinessCalendar);
            return (business.ByResolution, columns.Resolved, business.ResolutionTicks);
        }, grid => resolutionBusiness = grid);
        Parallel.Invoke(InParallel.Here(), [.. work]);

        var impacted = context.NewGrid<ImpactedAccounts>();
        foreach (var major in majors)
        {
            if (major is null) continue;
            impacted[major.Period, major.Segment] += new ImpactedAccounts(major.Accounts);
        }

        return new SupportLedger(tickets, firstResponse, resolution, handle, firstResponseBusiness, resolutionBusiness,
            OpenCounts(backlogChanges, periods + 1), impacted);
    }

    /// <summary>The tickets' counts per cell, their backlog changes and the major cases' children, account by account.</summary>
    private static void TallyTickets(MetricContext context, TicketColumns columns, MajorTicket?[] majors, PeriodSegmentGrid<TicketTally> tickets, PeriodSegmentGrid<BacklogTally> backlogChanges)
    {
        var periods = context.Periods.Count;
        var offsets = columns.Offsets;
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
                var flags = columns.Flags[i];
                var createdAt = columns.Created[i];
                var created = context.PeriodOf(createdAt);
                if (created >= 0)
                {
                    var escalated = (flags & TicketFlags.Escalated) != 0;
                    var firstAccountTicket = lastWithTicket[created] != a;
                    lastWithTicket[created] = a;
                    var firstAccountEscalation = escalated && lastEscalated[created] != a;
                    if (escalated) lastEscalated[created] = a;
                    tickets[created, segment] += new TicketTally
                    {
                        Created = 1,
                        FirstContactResolved = (flags & TicketFlags.FirstContactResolved) != 0 ? 1 : 0,
                        AccountsWithTicket = firstAccountTicket ? 1 : 0,
                        AccountsEscalated = firstAccountEscalation ? 1 : 0,
                    };
                }

                DateTime? resolvedAt = null;
                if ((flags & TicketFlags.Resolved) != 0)
                {
                    resolvedAt = columns.Resolved[i];
                    if (context.PeriodOf(columns.Resolved[i]) is var r and >= 0)
                    {
                        var reopens = columns.Reopens[i];
                        tickets[r, segment] += new TicketTally { Resolved = 1, ReopenedResolved = reopens > 0 ? 1 : 0, Reopens = reopens };
                    }
                }

                AddToBacklog(context, createdAt, resolvedAt, (flags & TicketFlags.Blocked) != 0, segment, backlogChanges);

                if (columns.MajorGroup[i] is var g and >= 0 && majors[g] is { } major)
                {
                    tickets[major.Period, major.Segment] += new TicketTally { MajorCaseChildren = 1 };
                    major.Accounts.Add(a);
                }
            }
        }

    }

    /// <summary>
    /// The observation of each ticket of the durations' order (tickets in ascending order of their values) in the cell of the
    /// period holding its instant (the durations' at) and its account's segment, each cell's in that order. The cells are
    /// worked out in the tickets' own order (sequential reads), then the values gathered in the durations' order.
    /// </summary>
    private static PeriodSegmentGrid<DurationSample> CollectInOrder(MetricContext context, (int[] Order, DateTime[] At, long[] Ticks) durations, TicketColumns columns)
    {
        var (order, at, values) = durations;
        var segments = context.Segments.Count;
        // Rented: one int per ticket for each duration asked for, read once (docs/adr/0400).
        var cellOf = ScratchArrays.Ints.Rent(columns.Account.Length);
        try
        {
            for (var i = 0; i < columns.Account.Length; i++)
            {
                var account = columns.Account[i];
                cellOf[i] = account < 0 || context.PeriodOf(at[i]) is not (var p and >= 0) ? -1 : p * segments + context.SegmentOf(account);
            }
            return DurationCollector.Gather(context.Periods.Count, segments, cellOf, order, values);
        }
        finally
        {
            ScratchArrays.Ints.Return(cellOf);
        }
    }

    /// <summary>
    /// A ticket is open at boundary b when created_at &lt; b and it is not resolved before b
    /// (resolved_at empty or &gt;= b): it adds 1 to the boundaries from the first after created_at
    /// through the last at or before resolved_at (a difference array, summed in <see cref="OpenCounts"/>).
    /// </summary>
    private static void AddToBacklog(MetricContext context, DateTime createdAt, DateTime? resolvedAt, bool blocked, int segment, PeriodSegmentGrid<BacklogTally> changes)
    {
        var count = context.Periods.Count;
        if (count == 0) return;
        var first = context.IsBeforeRange(createdAt) ? 0 : 1 + context.FirstPeriodEndingAfter(createdAt);
        var last = resolvedAt is not { } resolved ? count
            : context.IsBeforeRange(resolved) ? -1
            : context.FirstPeriodEndingAfter(resolved);
        if (first > last) return;
        var one = blocked ? new BacklogTally(1, 0) : new BacklogTally(0, 1);
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

    /// <summary>
    /// Per group of <see cref="TicketColumns.MajorGroups"/> (one ticket id), the first of its major tickets created in a
    /// requested period, with its own account in its set; null when none is.
    /// </summary>
    private static MajorTicket?[] MajorTicketsCreatedInRange(MetricContext context, TicketColumns columns)
    {
        var majors = new MajorTicket?[columns.MajorGroups.Length];
        for (var g = 0; g < majors.Length; g++)
        {
            foreach (var m in columns.MajorGroups[g])
            {
                var ticket = columns.Majors[m];
                var p = context.PeriodOf(ticket.CreatedAt);
                if (p < 0) continue;
                majors[g] = new MajorTicket(p, context.SegmentOf(ticket.AccountId), [context.Accounts.IndexOf(ticket.AccountId)]);
                break;
            }
        }
        return majors;
    }
}
