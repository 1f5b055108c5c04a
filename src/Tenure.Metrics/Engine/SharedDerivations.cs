using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

using Tenure.Metrics.Inputs;
using Tenure.Metrics.Subscriptions;

namespace Tenure.Metrics.Engine;

/// <summary>
/// What every request over one data set builds the same way whatever it asks: the numbered accounts (with their
/// rows grouped by account, <see cref="AccountDirectory.GroupByAccount"/>), the subscription coverage per churn grace
/// and the segmentation per split. Built on first use and kept while the data set is alive, so the second request
/// over a tenant's data starts from them instead of hashing every row's account id again (docs/adr/0210).
/// </summary>
/// <remarks>
/// A <see cref="TenureDataSet"/> is changed by making a new one (<c>with</c>), which gets derivations of its own: they
/// are keyed by the instance, not by its contents. A list changed in place after a computation (no caller of the
/// engine does; a test might) is noticed by its row count and the derivations are built again.
/// </remarks>
internal sealed class SharedDerivations
{
    private static readonly ConditionalWeakTable<TenureDataSet, SharedDerivations> Table = [];

    private readonly TenureDataSet data;
    private readonly int[] counts;
    private readonly Lazy<AccountDirectory> accounts;
    private readonly ConcurrentDictionary<int, Lazy<SubscriptionCoverage>> coverage = new();
    private readonly ConcurrentDictionary<(SegmentBy By, int Grace, SegmentBy Within), Lazy<Segmentation>> segmentations = new();
    private readonly ConcurrentDictionary<string, Lazy<object>> others = new(StringComparer.Ordinal);

    private SharedDerivations(TenureDataSet data, int[] counts, AccountDirectory? directory = null, Narrowing? narrowing = null, TicketSource? tickets = null)
    {
        this.data = data;
        this.counts = counts;
        accounts = directory is not null ? new Lazy<AccountDirectory>(directory)
            : tickets is not null ? new Lazy<AccountDirectory>(() => AccountDirectory.BuildWithTicketOwners(data, known => TicketOwners(tickets, known)))
            : new Lazy<AccountDirectory>(() => AccountDirectory.Build(data));
        Narrowed = narrowing;
        Tickets = tickets;
    }

    /// <summary>Starts the derivations of <paramref name="data"/> knowing that its tickets are some of another data set's (<see cref="DataSetDerivations.TicketsFrom"/>).</summary>
    public static void Adopt(TenureDataSet data, TicketSource tickets) =>
        Table.AddOrUpdate(data, new SharedDerivations(data, CountsOf(data), tickets: tickets));

    /// <summary>Where this data set's tickets come from, record for record, when they are some of another's; null otherwise.</summary>
    public TicketSource? Tickets { get; }

    /// <summary>
    /// The account number of each of the tickets <paramref name="source"/> names, from the number the whole data set's
    /// directory gave the same ticket (when that is built): each of the whole's accounts looked up once by id in
    /// <paramref name="known"/> instead of each ticket's (a large segment's agents of the peer's 100k set: 213,060 tickets,
    /// 30 agents). Null when the whole's accounts are not numbered yet, or a ticket's account is not known here (then each
    /// ticket is looked up).
    /// </summary>
    private static int[]? TicketOwners(TicketSource source, Func<string, int> known)
    {
        var whole = Of(source.Whole);
        if (!whole.accounts.IsValueCreated)
            return null;
        var wholeOwners = whole.Accounts.AccountIndexes(source.Whole.Tickets, InputKinds.Tickets.AccountIdOf!);
        const int NotLookedUp = int.MinValue;
        var numberOf = new int[whole.Accounts.Count];
        Array.Fill(numberOf, NotLookedUp);
        var owners = new int[source.WholeTicket.Length];
        for (var k = 0; k < owners.Length; k++)
        {
            var w = wholeOwners[source.WholeTicket[k]];
            if (w < 0)
            {
                owners[k] = -1;
                continue;
            }
            if (numberOf[w] == NotLookedUp)
                numberOf[w] = known(whole.Accounts.Ids[w]);
            if ((owners[k] = numberOf[w]) == AccountDirectory.Unknown)
                return null;
        }
        return owners;
    }

    /// <summary>
    /// Starts the derivations of <paramref name="data"/>, a segment of <paramref name="whole"/>, from
    /// <paramref name="directory"/>, its numbered accounts worked out from the whole's (<see cref="AccountDirectory.Narrowed"/>),
    /// <paramref name="wholeAccountOf"/> giving each of its accounts' number in the whole's directory. The rest are built on
    /// first use, from the whole's kept ones where a derivation knows how (<see cref="Narrowed"/>).
    /// </summary>
    public static void Adopt(TenureDataSet data, AccountDirectory directory, TenureDataSet whole, int[] wholeAccountOf) =>
        Table.AddOrUpdate(data, new SharedDerivations(data, CountsOf(data), directory, new Narrowing(whole, wholeAccountOf)));

    /// <summary>The whole data set this one is a segment of, and each account's number in its directory; null when this one was read or built whole.</summary>
    public Narrowing? Narrowed { get; }

    /// <summary>The value named <paramref name="key"/> when it was built already; null otherwise (nothing is built).</summary>
    public T? Built<T>(string key) where T : class =>
        others.TryGetValue(key, out var kept) && kept.IsValueCreated ? kept.Value as T : null;

    /// <summary>The derivations of <paramref name="data"/>, shared by every request over the same instance.</summary>
    public static SharedDerivations Of(TenureDataSet data)
    {
        var counts = CountsOf(data);
        if (Table.TryGetValue(data, out var shared) && shared.counts.AsSpan().SequenceEqual(counts))
            return shared;
        shared = new SharedDerivations(data, counts);
        Table.AddOrUpdate(data, shared);
        return shared;
    }

    /// <summary>The numbered accounts (<see cref="AccountDirectory.Build"/>).</summary>
    public AccountDirectory Accounts => accounts.Value;

    /// <summary>The subscription coverage with <paramref name="churnGraceDays"/> of grace (<see cref="SubscriptionCoverage.Build"/>).</summary>
    public SubscriptionCoverage Coverage(int churnGraceDays) =>
        coverage.GetOrAdd(churnGraceDays, grace => new Lazy<SubscriptionCoverage>(() =>
            NarrowedCoverage(grace) ?? SubscriptionCoverage.Build(Accounts, data.Subscriptions, grace))).Value;

    /// <summary>A segment's coverage from the whole data set's under the same grace, when that is built already (<see cref="SubscriptionCoverage.Narrow"/>).</summary>
    private SubscriptionCoverage? NarrowedCoverage(int grace)
    {
        if (Narrowed is not { } narrowing)
            return null;
        var whole = Of(narrowing.Whole);
        if (!whole.coverage.TryGetValue(grace, out var kept) || !kept.IsValueCreated)
            return null;
        var accountOf = InputKinds.Subscriptions.AccountIdOf!;
        var (_, wholeOffsets) = whole.Accounts.GroupByAccount(narrowing.Whole.Subscriptions, accountOf);
        var (_, offsets) = Accounts.GroupByAccount(data.Subscriptions, accountOf);
        return SubscriptionCoverage.Narrow(kept.Value, wholeOffsets, offsets, narrowing.WholeAccountOf);
    }

    /// <summary>The segmentation split by <paramref name="by"/> (cohorts from the coverage with <paramref name="churnGraceDays"/> of grace), within <paramref name="within"/>'s values.</summary>
    public Segmentation Segments(SegmentBy by, int churnGraceDays, SegmentBy within = SegmentBy.None) =>
        segmentations.GetOrAdd((by, churnGraceDays, within), key => new Lazy<Segmentation>(() =>
            // Only a split by cohort reads the coverage (each account's first paying start): the others do not wait for it.
            Segmentation.Build(key.By, Accounts, key.By == SegmentBy.Cohort ? Coverage(key.Grace).FirstPayingStart : [], data.Tasks.Select(t => (t.Owner, t.AccountId)), key.Within))).Value;

    /// <summary>The value named <paramref name="key"/>, built by <paramref name="build"/> over the data set the first time (<see cref="DataSetDerivations"/>).</summary>
    public T Other<T>(string key, Func<TenureDataSet, T> build) where T : class =>
        others.GetOrAdd(key, _ => new Lazy<object>(() => build(data))).Value as T
        ?? throw new InvalidOperationException($"The derivation '{key}' was kept with another type than {typeof(T).Name}.");

    /// <summary>The value of each account named <paramref name="key"/> (<see cref="DataSetDerivations.PerAccount"/>).</summary>
    public T[] PerAccount<TRow, T>(string key, KindDescription<TRow> kind, Func<ReadOnlySpan<TRow>, T> ofAccount)
    {
        var accountOf = kind.AccountIdOf ?? throw new ArgumentException($"{kind.FileName} names no account.", nameof(kind));
        return Other(key, _ => NarrowedPerAccount(key, kind.RowsOf, accountOf, ofAccount) ?? EachAccount(kind.RowsOf(data), accountOf, ofAccount));
    }

    private T[] EachAccount<TRow, T>(IReadOnlyList<TRow> rows, Func<TRow, string?> accountOf, Func<ReadOnlySpan<TRow>, T> ofAccount)
    {
        var (grouped, offsets) = Accounts.GroupByAccount(rows, accountOf);
        var values = new T[offsets.Length - 1];
        for (var a = 0; a < values.Length; a++)
            values[a] = ofAccount(grouped.AsSpan(offsets[a], offsets[a + 1] - offsets[a]));
        return values;
    }

    /// <summary>
    /// A segment's values of each account from the whole data set's, when those are built already: an account's own when it
    /// has no rows in the segment, the whole's when it has as many as there (a segment keeps every row of an account's or
    /// none, but a csm's segment names accounts of other csms' through the tasks the csm owns). Null otherwise.
    /// </summary>
    private T[]? NarrowedPerAccount<TRow, T>(string key, Func<TenureDataSet, IReadOnlyList<TRow>> rowsOf, Func<TRow, string?> accountOf, Func<ReadOnlySpan<TRow>, T> ofAccount)
    {
        if (Narrowed is not { } narrowing)
            return null;
        var whole = Of(narrowing.Whole);
        if (whole.Built<T[]>(key) is not { } kept)
            return null;
        var (_, wholeOffsets) = whole.Accounts.GroupByAccount(rowsOf(narrowing.Whole), accountOf);
        var (_, offsets) = Accounts.GroupByAccount(rowsOf(data), accountOf);
        var values = new T[offsets.Length - 1];
        Array.Fill(values, ofAccount([]));
        return AccountDirectory.ForEachAccountAsInWhole(offsets, wholeOffsets, narrowing.WholeAccountOf, (a, w) => values[a] = kept[w]) ? values : null;
    }

    private static int[] CountsOf(TenureDataSet data)
    {
        var counts = new int[InputKinds.All.Count + 1];
        for (var k = 0; k < InputKinds.All.Count; k++)
            counts[k] = InputKinds.All[k].CountIn(data);
        counts[^1] = data.SurveySends?.Count ?? -1;
        return counts;
    }
}

/// <summary>A segment's data set as a part of <paramref name="Whole"/>: <paramref name="WholeAccountOf"/>[a] is account a's number in the whole's directory.</summary>
internal sealed record Narrowing(TenureDataSet Whole, int[] WholeAccountOf);

/// <summary>A data set's tickets as some of <paramref name="Whole"/>'s: ticket k is the whole's ticket <paramref name="WholeTicket"/>[k], the same record.</summary>
internal sealed record TicketSource(TenureDataSet Whole, int[] WholeTicket);

/// <summary>
/// Values worked out from a whole data set that no request changes (the reporting currency, paying periods by account),
/// kept beside the engine's own shared derivations: built once per data set instance, on first use, and dropped with it.
/// A kept value is shared by every caller and must not be changed.
/// </summary>
public static class DataSetDerivations
{
    /// <summary>
    /// The value named <paramref name="key"/> of <paramref name="data"/>: <paramref name="build"/> over it the first time (once
    /// for concurrent callers), the kept value after. A key names one derivation everywhere (prefix it with its owner).
    /// </summary>
    public static T GetOrAdd<T>(TenureDataSet data, string key, Func<TenureDataSet, T> build) where T : class
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(build);
        return SharedDerivations.Of(data).Other(key, build);
    }

    /// <summary>The value named <paramref name="key"/> of <paramref name="data"/> when it was built already; null otherwise (nothing is built).</summary>
    public static T? Built<T>(TenureDataSet data, string key) where T : class
    {
        ArgumentNullException.ThrowIfNull(data);
        return SharedDerivations.Of(data).Built<T>(key);
    }

    /// <summary>
    /// <paramref name="rows"/>, one of <paramref name="data"/>'s lists, grouped by account as the engine groups them (kept with the
    /// data set and shared: not to be changed): account a's rows are <c>Rows[Offsets[a]..Offsets[a + 1]]</c> in their order in
    /// the list, its id <c>AccountIds[a]</c>; accounts are numbered over every file, so some have no rows. A segment's data set
    /// numbers its rows' accounts from the whole's (<see cref="Drilldown.SegmentFilter.Apply"/>): no id is looked up again.
    /// </summary>
    public static (IReadOnlyList<string> AccountIds, T[] Rows, int[] Offsets) GroupedByAccount<T>(TenureDataSet data, IReadOnlyList<T> rows, Func<T, string?> accountOf)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(accountOf);
        var directory = SharedDerivations.Of(data).Accounts;
        var (grouped, offsets) = directory.GroupByAccount(rows, accountOf);
        return (directory.Ids, grouped, offsets);
    }

    /// <summary>
    /// Each account's rows of <paramref name="rows"/>, one of <paramref name="data"/>'s lists, by account id (none for an id the
    /// data set does not name): views of the engine's grouping, kept with the data set and shared (not to be changed). Rows
    /// already in account order, an array or a usage table (<see cref="UsageDayTable"/>: a loaded tenant's usage), are viewed
    /// where they are instead of copied.
    /// </summary>
    public static Func<string, IReadOnlyList<T>> RowsOfAccount<T>(TenureDataSet data, IReadOnlyList<T> rows, Func<T, string?> accountOf)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(accountOf);
        var directory = SharedDerivations.Of(data).Accounts;
        var (grouped, offsets) = directory.GroupRowsByAccount(rows, accountOf);
        return accountId => directory.IndexOf(accountId) is var a and >= 0 ? AccountDirectory.RowsOf(grouped, offsets, a) : [];
    }

    /// <summary>
    /// A value of each account of <paramref name="data"/> that follows from nothing but the account's own records of
    /// <paramref name="kind"/>: <paramref name="ofAccount"/> over them (in their order in the list; none for an account
    /// without any), by the account numbers of <see cref="GroupedByAccount{T}"/>, named <paramref name="key"/>, worked out
    /// once per data set and kept with it (shared: not to be changed). A segment's (<see cref="Drilldown.SegmentFilter.Apply"/>)
    /// are the whole data set's for its accounts when the whole's were worked out already, instead of worked out again.
    /// </summary>
    public static T[] PerAccount<TRow, T>(TenureDataSet data, string key, KindDescription<TRow> kind, Func<ReadOnlySpan<TRow>, T> ofAccount)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(ofAccount);
        return SharedDerivations.Of(data).PerAccount(key, kind, ofAccount);
    }

    /// <summary>The data set <paramref name="data"/> is a segment of (<see cref="Drilldown.SegmentFilter.Apply"/>); null when it was read or built whole.</summary>
    public static TenureDataSet? WholeOf(TenureDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return SharedDerivations.Of(data).Narrowed?.Whole;
    }

    /// <summary>
    /// Declares that <paramref name="part"/>'s tickets are <paramref name="whole"/>'s at <paramref name="wholeTickets"/>, the same
    /// records in that order (the support view's agents of a segment), so what is worked out per ticket (the ticket columns,
    /// their value orders, business hours) is gathered from <paramref name="whole"/>'s when built. Call it on a new data set,
    /// before anything is computed over it.
    /// </summary>
    public static void TicketsFrom(TenureDataSet part, TenureDataSet whole, int[] wholeTickets)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(whole);
        ArgumentNullException.ThrowIfNull(wholeTickets);
        if (wholeTickets.Length != part.Tickets.Count)
            throw new ArgumentException($"{wholeTickets.Length} ticket positions for {part.Tickets.Count} tickets.", nameof(wholeTickets));
        for (var k = 0; k < wholeTickets.Length; k++)
        {
            if ((uint)wholeTickets[k] >= (uint)whole.Tickets.Count || !ReferenceEquals(whole.Tickets[wholeTickets[k]], part.Tickets[k]))
                throw new ArgumentException($"Ticket {k} is not the whole data set's ticket {wholeTickets[k]}.", nameof(wholeTickets));
        }
        SharedDerivations.Adopt(part, new TicketSource(whole, wholeTickets));
    }
}
