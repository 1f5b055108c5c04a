using System.Collections.Concurrent;

using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Tallies;

namespace Tenure.Metrics.Support;

/// <summary>
/// The tickets as the support ledger reads them, worked out once per data set (<see cref="DataSetDerivations"/>) because no
/// request changes them: grouped by account (<see cref="AccountDirectory.GroupByAccount"/>, each account's in input order)
/// and held as columns (instants, flags, durations already in ticks, each child's major ticket), so a request walks arrays
/// in order instead of a ticket object scattered in memory each.
/// </summary>
internal sealed class TicketColumns
{
    private const string Key = "support/tickets";

    /// <summary>The business-hours durations kept per calendar (<see cref="BusinessHours"/>), by the calendar's JSON.</summary>
    private readonly ConcurrentDictionary<string, Lazy<BusinessDurations>> business = new(StringComparer.Ordinal);

    private TicketColumns(int count, int[] offsets)
    {
        Offsets = offsets;
        Created = new DateTime[count];
        FirstResponse = new DateTime[count];
        Resolved = new DateTime[count];
        Flags = new TicketFlags[count];
        Reopens = new int[count];
        MajorGroup = new int[count];
        Account = new int[count];
    }

    /// <summary>The first ticket of each account index (length accounts + 1), as <see cref="AccountDirectory.GroupByAccount"/>'s.</summary>
    public int[] Offsets { get; }

    public DateTime[] Created { get; }

    /// <summary>first_response_at; meaningful only with <see cref="TicketFlags.Answered"/>.</summary>
    public DateTime[] FirstResponse { get; }

    /// <summary>resolved_at; meaningful only with <see cref="TicketFlags.Resolved"/>.</summary>
    public DateTime[] Resolved { get; }

    /// <summary>first_response_at - created_at in ticks, of answered tickets.</summary>
    public long[] FirstResponseTicks => firstResponse.Value.Ticks;

    /// <summary>resolved_at - created_at in ticks, of resolved tickets.</summary>
    public long[] ResolutionTicks => resolution.Value.Ticks;

    /// <summary>handle_minutes in ticks (<see cref="DurationSummary.TicksOfMinutes"/>); meaningful only with <see cref="TicketFlags.Handled"/>.</summary>
    public long[] HandleTicks => handle.Value.Ticks;

    public TicketFlags[] Flags { get; }

    /// <summary>The account index of each ticket (the one whose <see cref="Offsets"/> range holds it).</summary>
    public int[] Account { get; }

    /// <summary>The answered tickets in ascending order of <see cref="FirstResponseTicks"/>: walked in this order, every cell's observations come sorted.</summary>
    public int[] ByFirstResponse => firstResponse.Value.Order;

    /// <summary>The resolved tickets in ascending order of <see cref="ResolutionTicks"/>.</summary>
    public int[] ByResolution => resolution.Value.Order;

    /// <summary>The resolved tickets with handle_minutes in ascending order of <see cref="HandleTicks"/>.</summary>
    public int[] ByHandle => handle.Value.Order;

    // Each duration's values and their order, worked out when a request first asks for that duration (ADR 0365): a request
    // for first response times alone sorts no resolution times and holds no array of them.
    private Lazy<Durations> firstResponse = null!, resolution = null!, handle = null!;

    /// <summary>A duration's value of each ticket (meaningful for the tickets in <see cref="Order"/>) and those tickets in ascending order of it.</summary>
    private sealed record Durations(long[] Ticks, int[] Order);

    public int[] Reopens { get; }

    /// <summary>The index in <see cref="MajorGroups"/> of the major tickets whose id the ticket's parent_ticket_id names; -1 for none.</summary>
    public int[] MajorGroup { get; }

    /// <summary>
    /// The major tickets of every row of tickets.csv (those of unknown accounts too), grouped by ticket id in the order
    /// each id first appears: each group's indexes into <see cref="Majors"/> in input order (one, unless an id is repeated).
    /// </summary>
    public int[][] MajorGroups { get; private set; } = [];

    /// <summary>The major tickets, in input order.</summary>
    public Ticket[] Majors { get; private set; } = [];

    public static TicketColumns Of(TenureDataSet data) => DataSetDerivations.GetOrAdd(data, Key, Build);

    /// <summary>
    /// The business-hours durations under <paramref name="calendar"/>, worked out for every ticket the first time the
    /// calendar is asked for and kept with the columns (a workspace has one calendar; should it change, the previous
    /// calendars' are dropped once more than <see cref="KeptCalendars"/> were asked for).
    /// </summary>
    public BusinessDurations BusinessHours(BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var key = BusinessCalendarJson.Write(calendar);
        if (!business.ContainsKey(key) && business.Count >= KeptCalendars)
            business.Clear();
        return business.GetOrAdd(key, _ => new Lazy<BusinessDurations>(() =>
            whole?.business.TryGetValue(key, out var kept) == true && kept.IsValueCreated
                ? BusinessDurations.Narrow(kept.Value, wholePosition!, PartOfWhole())
                : BusinessDurations.Build(this, calendar))).Value;
    }

    /// <summary>How many calendars' business-hours durations are kept at most.</summary>
    private const int KeptCalendars = 2;

    /// <summary>Tickets per parallel range of <see cref="Build"/> and of <see cref="BusinessDurations.Build"/>.</summary>
    internal const int Range = 1 << 14;

    private static TicketColumns Build(TenureDataSet data)
    {
        var shared = SharedDerivations.Of(data);
        var (grouped, offsets) = shared.Accounts.GroupByAccount(data.Tickets, InputKinds.Tickets.AccountIdOf!);
        var groupedAt = new Lazy<int[]>(() => GroupedPositions(shared.Accounts.AccountIndexes(data.Tickets, InputKinds.Tickets.AccountIdOf!), offsets));
        // A segment's columns are the whole data set's of its accounts, when the whole's are built already.
        var narrowed = shared.Narrowed is { } narrowing && SharedDerivations.Of(narrowing.Whole).Built<TicketColumns>(Key) is { } whole
            ? Narrow(whole, narrowing.WholeAccountOf, offsets)
            : shared.Tickets is { } source ? FromTickets(data, groupedAt, offsets, source) : null;
        if (narrowed is not null)
        {
            narrowed.groupedAt = groupedAt;
            // A segment's tickets are the whole's of its accounts, in the whole's order: its major tickets follow from the
            // whole's. So do those of a data set whose tickets are some of another's in that one's order, each naming an
            // account (a segment's agents, ADR 0415), instead of reading every ticket.
            var wholeInOrder = shared.Narrowed is not null
                || (shared.Tickets is { } from && PartPositions.IsAscending(from.WholeTicket) && !groupedAt.Value.Contains(-1));
            if (!wholeInOrder || !narrowed.MajorsFromWhole())
                narrowed.FindMajors(data.Tickets, grouped);
            return narrowed;
        }
        var columns = new TicketColumns(grouped.Length, offsets) { groupedAt = groupedAt };
        Parallel.For(0, (grouped.Length + Range - 1) / Range, InParallel.Here(), r =>
        {
            for (var i = r * Range; i < Math.Min(grouped.Length, (r + 1) * Range); i++)
            {
                var ticket = grouped[i];
                columns.Created[i] = ticket.CreatedAt;
                var flags = ticket.Escalated ? TicketFlags.Escalated : TicketFlags.None;
                if (ticket.Blocked) flags |= TicketFlags.Blocked;
                if (ticket.FirstResponseAt is { } answered)
                {
                    flags |= TicketFlags.Answered;
                    columns.FirstResponse[i] = answered;
                }
                if (ticket.ResolvedAt is { } resolved)
                {
                    flags |= TicketFlags.Resolved;
                    if (ticket.Contacts == 1) flags |= TicketFlags.FirstContactResolved;
                    columns.Resolved[i] = resolved;
                }
                if (ticket.HandleMinutes is not null)
                    flags |= TicketFlags.Handled;
                columns.Flags[i] = flags;
                columns.Reopens[i] = ticket.Reopens;
            }
        });
        for (var a = 0; a + 1 < offsets.Length; a++)
            columns.Account.AsSpan(offsets[a], offsets[a + 1] - offsets[a]).Fill(a);
        columns.firstResponse = new(() => columns.Elapsed(columns.FirstResponse, TicketFlags.Answered));
        columns.resolution = new(() => columns.Elapsed(columns.Resolved, TicketFlags.Resolved));
        columns.handle = new(() => columns.Given(grouped));
        columns.FindMajors(data.Tickets, grouped, keepWhere: true);
        return columns;
    }

    /// <summary>
    /// The columns of a segment's tickets (grouped by the segment's accounts at <paramref name="offsets"/>) copied from
    /// <paramref name="whole"/>'s, the whole data set's, account by account (<paramref name="wholeAccountOf"/>), with the
    /// whole's value orders narrowed to them; null when an account's tickets are not all of the whole's for it (then the
    /// columns are built from the tickets). The major-ticket groups are the caller's to find (they are the segment's own).
    /// </summary>
    private static TicketColumns? Narrow(TicketColumns whole, int[] wholeAccountOf, int[] offsets)
    {
        var wholePosition = new int[offsets[^1]];
        var same = AccountDirectory.ForEachAccountAsInWhole(offsets, whole.Offsets, wholeAccountOf, (a, w) =>
        {
            for (var k = offsets[a]; k < offsets[a + 1]; k++)
                wholePosition[k] = whole.Offsets[w] + k - offsets[a];
        });
        return same ? Gather(whole, wholePosition, offsets) : null;
    }

    /// <summary>
    /// The columns of a data set whose tickets are some of another's, record for record (<see cref="TicketSource"/>: the
    /// support view's agents of a segment are the agents of the whole data set, on fewer tickets), gathered from that
    /// one's columns when built; null when they are not. <paramref name="groupedAt"/>: where each ticket lands when grouped
    /// (<see cref="GroupedPositions"/>), kept by the columns made.
    /// </summary>
    private static TicketColumns? FromTickets(TenureDataSet data, Lazy<int[]> groupedAt, int[] offsets, TicketSource source)
    {
        var wholeShared = SharedDerivations.Of(source.Whole);
        if (wholeShared.Built<TicketColumns>(Key) is not { } whole || source.WholeTicket.Length != data.Tickets.Count)
            return null;
        var wholeAt = whole.groupedAt.Value;
        var partAt = groupedAt.Value;
        var wholePosition = new int[offsets[^1]];
        for (var k = 0; k < partAt.Length; k++)
        {
            if (partAt[k] < 0)
                continue;
            var p = wholeAt[source.WholeTicket[k]];
            if (p < 0)
                return null;
            wholePosition[partAt[k]] = p;
        }
        return Gather(whole, wholePosition, offsets);
    }

    /// <summary>Where each item lands when grouped by <paramref name="owners"/> (<see cref="AccountDirectory.GroupByAccount"/>: by account, then in input order); -1 for none.</summary>
    private static int[] GroupedPositions(int[] owners, int[] offsets)
    {
        var next = offsets[..^1];
        var at = new int[owners.Length];
        for (var i = 0; i < owners.Length; i++)
            at[i] = owners[i] >= 0 ? next[owners[i]]++ : -1;
        return at;
    }

    /// <summary>The columns of the tickets at <paramref name="wholePosition"/> of <paramref name="whole"/>, grouped at <paramref name="offsets"/>, with the whole's value orders narrowed to them.</summary>
    private static TicketColumns Gather(TicketColumns whole, int[] wholePosition, int[] offsets)
    {
        var columns = new TicketColumns(wholePosition.Length, offsets) { wholePosition = wholePosition, whole = whole };
        for (var i = 0; i < wholePosition.Length; i++)
        {
            var p = wholePosition[i];
            columns.Created[i] = whole.Created[p];
            columns.FirstResponse[i] = whole.FirstResponse[p];
            columns.Resolved[i] = whole.Resolved[p];
            columns.Flags[i] = whole.Flags[p];
            columns.Reopens[i] = whole.Reopens[p];
        }
        for (var a = 0; a + 1 < offsets.Length; a++)
            columns.Account.AsSpan(offsets[a], offsets[a + 1] - offsets[a]).Fill(a);
        // Each duration as the whole's (worked out there first when not yet) at these tickets, its order narrowed to them.
        Durations Narrowed(Func<TicketColumns, Durations> of)
        {
            var wholeDurations = of(whole);
            var values = new long[wholePosition.Length];
            for (var i = 0; i < wholePosition.Length; i++)
                values[i] = wholeDurations.Ticks[wholePosition[i]];
            return new(values, columns.PartOfWhole().NarrowOrder(wholeDurations.Order, wholePosition.Length));
        }
        columns.firstResponse = new(() => Narrowed(c => c.firstResponse.Value));
        columns.resolution = new(() => Narrowed(c => c.resolution.Value));
        columns.handle = new(() => Narrowed(c => c.handle.Value));
        return columns;
    }

    /// <summary>The whole columns these were narrowed from (<see cref="Narrow(TicketColumns, int[], int[])"/>), and each ticket's position in them; null when built from the tickets.</summary>
    private TicketColumns? whole;

    private int[]? wholePosition;

    /// <summary>The position here of each of <see cref="whole"/>'s tickets (-1: not in this segment), worked out once (each duration's order and the major cases read it).</summary>
    private PartPositions PartOfWhole() => partOfWhole ??= PartPositions.Of(wholePosition!, whole!.Flags.Length);

    private PartPositions? partOfWhole;

    /// <summary>
    /// The ticks from created_at to <paramref name="at"/> of the tickets with <paramref name="flag"/>, and those tickets in
    /// ascending order of them.
    /// </summary>
    private Durations Elapsed(DateTime[] at, TicketFlags flag)
    {
        var values = new long[Created.Length];
        Parallel.For(0, (values.Length + Range - 1) / Range, InParallel.Here(), r =>
        {
            for (var i = r * Range; i < Math.Min(values.Length, (r + 1) * Range); i++)
            {
                if ((Flags[i] & flag) != 0)
                    values[i] = at[i].Ticks - Created[i].Ticks;
            }
        });
        return new(values, Statistics.OrderOfDurations(Created, at, Having(Flags, flag)));
    }

    /// <summary>handle_minutes of the <paramref name="grouped"/> tickets in ticks, and the resolved ones that have it in ascending order of it.</summary>
    private Durations Given(Ticket[] grouped)
    {
        var values = new long[grouped.Length];
        for (var i = 0; i < grouped.Length; i++)
        {
            if ((Flags[i] & TicketFlags.Handled) != 0)
                values[i] = DurationSummary.TicksOfMinutes(grouped[i].HandleMinutes.GetValueOrDefault());
        }
        return new(values, Statistics.OrderOf(values, Having(Flags, TicketFlags.Resolved | TicketFlags.Handled)));
    }

    /// <summary>The indexes of the tickets with every flag of <paramref name="wanted"/>, in index order.</summary>
    private static int[] Having(TicketFlags[] flags, TicketFlags wanted)
    {
        // Counted first, so the one array is exact (a growing list would leave its smaller copies behind).
        var count = 0;
        foreach (var f in flags)
        {
            if ((f & wanted) == wanted) count++;
        }
        var indexes = new int[count];
        var at = 0;
        for (var i = 0; i < flags.Length; i++)
        {
            if ((flags[i] & wanted) == wanted) indexes[at++] = i;
        }
        return indexes;
    }

    /// <summary>
    /// Finds <see cref="Majors"/>, <see cref="MajorGroups"/> and <see cref="MajorGroup"/> by reading every ticket; with
    /// <paramref name="keepWhere"/>, keeps where each major ticket is among the <paramref name="grouped"/> ones (from
    /// <see cref="groupedAt"/>), so that a segment's are found from these (<see cref="MajorsFromWhole"/>).
    /// </summary>
    private void FindMajors(IReadOnlyList<Ticket> tickets, Ticket[] grouped, bool keepWhere = false)
    {
        Array.Fill(MajorGroup, -1);
        var inputIndexes = new List<int>();
        for (var i = 0; i < tickets.Count; i++)
        {
            if (tickets[i].IsMajor) inputIndexes.Add(i);
        }
        var groupOf = GroupMajors(inputIndexes.Select(i => tickets[i]));
        if (Majors.Length == 0) return;
        if (keepWhere)
        {
            // Worked out when a segment first asks (a command over the whole data set never does).
            majorAt = new(() =>
            {
                var at = groupedAt.Value;
                return [.. inputIndexes.Select(i => at[i])];
            });
        }
        for (var i = 0; i < grouped.Length; i++)
        {
            if (grouped[i].ParentTicketId is { } parent && groupOf.TryGetValue(parent, out var g))
                MajorGroup[i] = g;
        }
    }

    /// <summary>
    /// A segment's <see cref="Majors"/>, <see cref="MajorGroups"/> and <see cref="MajorGroup"/> from the whole's, reading no
    /// ticket (a large segment's first request read each of its tickets' objects twice, scattered in memory): its major
    /// tickets are the whole's that are among its tickets, in the same order; a ticket's parent names one of them only when
    /// it names one of the whole's, by that ticket's id. False when the whole does not know where its major tickets are
    /// (one names no account, or the whole was itself narrowed).
    /// </summary>
    private bool MajorsFromWhole()
    {
        if (whole is null || (whole.Majors.Length > 0 && (whole.majorAt?.Value is not { } at || at.Contains(-1))))
            return false;
        Array.Fill(MajorGroup, -1);
        if (whole.Majors.Length == 0)
            return true;
        var partOf = PartOfWhole();
        var groupOf = GroupMajors(whole.Majors.Where((_, m) => partOf[whole.majorAt!.Value[m]] >= 0));
        if (Majors.Length == 0)
            return true;
        var groupOfWhole = new int[whole.MajorGroups.Length];
        for (var g = 0; g < groupOfWhole.Length; g++)
            groupOfWhole[g] = groupOf.TryGetValue(whole.Majors[whole.MajorGroups[g][0]].TicketId, out var own) ? own : -1;
        for (var i = 0; i < wholePosition!.Length; i++)
        {
            if (whole.MajorGroup[wholePosition[i]] is var g and >= 0)
                MajorGroup[i] = groupOfWhole[g];
        }
        return true;
    }

    /// <summary>Keeps <paramref name="majors"/> (in their order) as <see cref="Majors"/>, grouped by id as <see cref="MajorGroups"/>; returns each id's group.</summary>
    private Dictionary<string, int> GroupMajors(IEnumerable<Ticket> majors)
    {
        var kept = new List<Ticket>();
        var groupOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new List<List<int>>();
        foreach (var ticket in majors)
        {
            if (!groupOf.TryGetValue(ticket.TicketId, out var g))
            {
                groupOf[ticket.TicketId] = g = groups.Count;
                groups.Add([]);
            }
            groups[g].Add(kept.Count);
            kept.Add(ticket);
        }
        Majors = [.. kept];
        MajorGroups = [.. groups.Select(g => g.ToArray())];
        return groupOf;
    }

    /// <summary>The position of each of <see cref="Majors"/> among the grouped tickets (-1: naming no account), when the columns were built from the tickets.</summary>
    private Lazy<int[]>? majorAt;

    /// <summary>
    /// The position among the grouped tickets of each ticket in input order (-1: naming no account), worked out when first
    /// asked (by a segment's major cases or a segment's agents' columns, <see cref="FromTickets"/>) and kept for the next.
    /// </summary>
    private Lazy<int[]> groupedAt = null!;
}

/// <summary>
/// The business time (in ticks) between created_at and first_response_at, and between created_at and resolved_at, of every ticket
/// of a <see cref="TicketColumns"/> under one calendar (meaningful for answered / resolved tickets only), with the answered
/// and resolved tickets in ascending order of them.
/// </summary>
internal sealed class BusinessDurations
{
    private BusinessDurations(long[] firstResponse, long[] resolution)
    {
        FirstResponseTicks = firstResponse;
        ResolutionTicks = resolution;
    }

    public long[] FirstResponseTicks { get; }

    public long[] ResolutionTicks { get; }

    public int[] ByFirstResponse { get; private set; } = [];

    public int[] ByResolution { get; private set; } = [];

    public static BusinessDurations Build(TicketColumns columns, BusinessCalendar calendar)
    {
        var count = columns.Flags.Length;
        var durations = new BusinessDurations(new long[count], new long[count]);
        // The calendar is thread-safe (its date intervals are kept in a concurrent table): tickets in parallel ranges.
        const int Range = TicketColumns.Range;
        Parallel.For(0, (count + Range - 1) / Range, InParallel.Here(), r =>
        {
            for (var i = r * Range; i < Math.Min(count, (r + 1) * Range); i++)
            {
                var flags = columns.Flags[i];
                if ((flags & TicketFlags.Answered) != 0)
                {
                    durations.FirstResponseTicks[i] = calendar.BusinessTime(columns.Created[i], columns.FirstResponse[i]).Ticks;
                }
                if ((flags & TicketFlags.Resolved) != 0)
                {
                    durations.ResolutionTicks[i] = calendar.BusinessTime(columns.Created[i], columns.Resolved[i]).Ticks;
                }
            }
        });
        durations.ByFirstResponse = Statistics.OrderOf(durations.FirstResponseTicks, [.. columns.ByFirstResponse]);
        durations.ByResolution = Statistics.OrderOf(durations.ResolutionTicks, [.. columns.ByResolution]);
        return durations;
    }

    /// <summary>A segment's durations from the whole data set's (<paramref name="wholePosition"/>: each ticket's position there; <paramref name="partOf"/> the reverse).</summary>
    public static BusinessDurations Narrow(BusinessDurations whole, int[] wholePosition, PartPositions partOf)
    {
        var durations = new BusinessDurations(new long[wholePosition.Length], new long[wholePosition.Length]);
        for (var i = 0; i < wholePosition.Length; i++)
        {
            durations.FirstResponseTicks[i] = whole.FirstResponseTicks[wholePosition[i]];
            durations.ResolutionTicks[i] = whole.ResolutionTicks[wholePosition[i]];
        }
        durations.ByFirstResponse = partOf.NarrowOrder(whole.ByFirstResponse, wholePosition.Length);
        durations.ByResolution = partOf.NarrowOrder(whole.ByResolution, wholePosition.Length);
        return durations;
    }
}

/// <summary>What a ticket is, as bits (<see cref="TicketColumns.Flags"/>).</summary>
[Flags]
internal enum TicketFlags : byte
{
    None = 0,
    Escalated = 1,
    Blocked = 2,
    Answered = 4,
    Resolved = 8,

    /// <summary>Resolved with exactly one contact.</summary>
    FirstContactResolved = 16,

    /// <summary>Has handle_minutes.</summary>
    Handled = 32,
}
