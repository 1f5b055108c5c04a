using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Engine;

/// <summary>
/// Numbers the accounts 0..n-1 so that calculators work on arrays, not string lookups. When
/// accounts.csv was given it is the list; otherwise every account id seen in any record is one.
/// </summary>
public sealed class AccountDirectory
{
    // Ids of the first id's numbered shape by number, the others in a dictionary (ADR 0365).
    private readonly IdIndex index;
    private readonly ConditionalWeakTable<object, ConcurrentDictionary<Delegate, Lazy<KeptOwners>>> owners = [];

    private AccountDirectory(IdIndex index, Account?[] accounts, string[] ids)
    {
        this.index = index;
        Accounts = accounts;
        Ids = ids;
    }

    /// <summary>The account record of each index; null when accounts.csv was not given.</summary>
    public IReadOnlyList<Account?> Accounts { get; }

    public int Count => Accounts.Count;

    /// <summary>The account id of each index.</summary>
    internal string[] Ids { get; }

    /// <summary>The index of <paramref name="accountId"/>, or -1 when it is not known.</summary>
    public int IndexOf(string accountId) => index.IndexOf(accountId);

    public static AccountDirectory Build(TenureDataSet data) => BuildWithTicketOwners(data, null);

    /// <summary>
    /// <see cref="Build(TenureDataSet)"/>, with the tickets' account numbers from <paramref name="ticketOwners"/> when it gives
    /// them (handed the lookup of an id's number, <see cref="Unknown"/> when not known yet, once the accounts are numbered)
    /// instead of looked up ticket by ticket; null from it: looked up as usual.
    /// </summary>
    internal static AccountDirectory BuildWithTicketOwners(TenureDataSet data, Func<Func<string, int>, int[]?>? ticketOwners)
    {
        // accounts.csv's ids of the common numbered shape are known by their number, the others by hashing them (the index
        // is only read while the rows are numbered in parallel ranges). Without accounts.csv the first id named is the shape.
        var index = new IdIndex(data.Accounts.Count > 0 ? data.Accounts[0].AccountId : null, data.Accounts.Count);
        var accounts = new List<Account?>(data.Accounts.Count);
        var ids = new List<string>(data.Accounts.Count);
        foreach (var account in data.Accounts)
        {
            if (index.TryAdd(account.AccountId, accounts.Count))
            {
                accounts.Add(account);
                ids.Add(account.AccountId);
            }
        }

        int Known(string id) => index.IndexOf(id) is var i and >= 0 ? i : Unknown;
        // An id accounts.csv does not list: numbered next, one kind after the other (no writer while a kind's rows are looked up).
        int Add(string id)
        {
            if (index.IndexOf(id) is var known and >= 0)
                return known;
            index.TryAdd(id, accounts.Count);
            accounts.Add(null);
            ids.Add(id);
            return accounts.Count - 1;
        }

        // Every kind that names accounts, in InputKinds.All order: the account number of each of its records, kept with the
        // directory below so that grouping a kind by account (GroupByAccount) does not look its ids up again.
        var numbers = new int[]?[InputKinds.All.Count];
        for (var k = 0; k < numbers.Length; k++)
        {
            if (!InputKinds.All[k].NamesAccounts)
                continue;
            numbers[k] = ReferenceEquals(InputKinds.All[k], InputKinds.Tickets) && ticketOwners?.Invoke(Known) is { } given
                ? given
                : InputKinds.All[k].NumberAccounts(data, Known, Add);
        }
        var directory = new AccountDirectory(index, [.. accounts], [.. ids]);
        for (var k = 0; k < numbers.Length; k++)
        {
            if (numbers[k] is { } kept)
                InputKinds.All[k].KeepAccountIndexes(directory, data, kept);
        }
        return directory;
    }

    /// <summary>The number <see cref="Number{T}"/> gives a row whose account id <c>numberOf</c> does not know (yet).</summary>
    internal const int Unknown = -2;

    /// <summary>
    /// The number <paramref name="numberOf"/> gives the account id of each of <paramref name="items"/>, in their order (-1: the
    /// item names no account), looked up in parallel ranges. <paramref name="accountOf"/> and <paramref name="numberOf"/> may be
    /// called from several threads at once and must be pure; <paramref name="anyUnknown"/> says whether a number was
    /// <see cref="Unknown"/>.
    /// </summary>
    internal static int[] Number<T>(IReadOnlyList<T> items, Func<T, string?> accountOf, Func<string, int> numberOf, out bool anyUnknown)
    {
        var owner = new int[items.Count];
        var unknown = 0;
        // Looking ids up is the costly step (a hash or a parse per row): each range remembers its last id, since rows
        // usually come grouped by account and the next row's id is most often the same string. The same object, that is:
        // the readers hand every row accounts.csv's string, and comparing the text of two different ids cost more than the
        // lookup saved (their characters are far apart in memory); an equal id in another string is looked up again, to
        // the same number.
        Parallel.For(0, (items.Count + OwnerRange - 1) / OwnerRange, InParallel.Here(), r =>
        {
            string? lastId = null;
            var lastIndex = -1;
            var end = Math.Min(items.Count, (r + 1) * OwnerRange);
            for (var i = r * OwnerRange; i < end; i++)
            {
                var id = accountOf(items[i]);
                if (id is null)
                {
                    owner[i] = -1;
                    continue;
                }
                if (!ReferenceEquals(id, lastId))
                {
                    lastId = id;
                    lastIndex = numberOf(id);
                    if (lastIndex == Unknown)
                        Interlocked.Exchange(ref unknown, 1);
                }
                owner[i] = lastIndex;
            }
        });
        anyUnknown = unknown != 0;
        return owner;
    }

    /// <summary>
    /// For a segment's rows of one kind grouped by its accounts (<paramref name="offsets"/>) and the whole data set's grouped by
    /// the whole's (<paramref name="wholeOffsets"/>), calls <paramref name="asInWhole"/>(a, w) for each segment account a with
    /// rows, w its number in the whole (<paramref name="wholeAccountOf"/>), when it has as many rows as there: the same rows,
    /// in the same order, since a segment keeps all of an account's rows of a kind or none. False at the first account that
    /// has not (its rows are worked out from the segment's own then); an account without rows is left to the caller.
    /// </summary>
    internal static bool ForEachAccountAsInWhole(int[] offsets, int[] wholeOffsets, int[] wholeAccountOf, Action<int, int> asInWhole)
    {
        for (var a = 0; a + 1 < offsets.Length; a++)
        {
            var n = offsets[a + 1] - offsets[a];
            if (n == 0)
                continue;
            var w = wholeAccountOf[a];
            if (wholeOffsets[w + 1] - wholeOffsets[w] != n)
                return false;
            asInWhole(a, w);
        }
        return true;
    }

    /// <summary>
    /// The directory <see cref="Build"/> makes of a part of the data set <paramref name="whole"/> numbers (a segment's,
    /// <see cref="Drilldown.SegmentFilter.Apply"/>), numbered from <paramref name="whole"/>'s numbers of its records instead
    /// of their ids: <paramref name="kindAccounts"/> holds, per kind of <see cref="InputKinds.All"/>, the number in
    /// <paramref name="whole"/> of each record the part keeps, in order (-1: none; null: a kind naming no account), or
    /// of a kind whose records the part narrows later (<see cref="KindDescription.Deferrable"/>) each account they name,
    /// once, in the order they first name it, which numbers the accounts alike (accounts.csv's must be per row), and
    /// <paramref name="accounts"/> the part's accounts.csv rows. The same numbers as <see cref="Build"/> over the part: its
    /// accounts first, then every other account in the order the kinds first name it. <paramref name="partOf"/> gives each
    /// of <paramref name="whole"/>'s numbers its number in the part (-1: not in it), <paramref name="wholeOf"/> the reverse.
    /// </summary>
    internal static AccountDirectory Narrowed(AccountDirectory whole, IReadOnlyList<Account> accounts, IReadOnlyList<int[]?> kindAccounts, out int[] partOf, out int[] wholeOf)
    {
        ArgumentNullException.ThrowIfNull(whole);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(kindAccounts);
        var numberOf = new int[whole.Count];
        Array.Fill(numberOf, -1);
        var records = new List<Account?>();
        var numbers = new List<int>();
        void Add(int w, Account? account)
        {
            numberOf[w] = records.Count;
            records.Add(account);
            numbers.Add(w);
        }

        var listed = kindAccounts[InputKinds.IndexOf(InputKind.Accounts)] ?? [];
        for (var i = 0; i < listed.Length; i++)
        {
            // A repeated account_id keeps its first row, as Build's TryAdd does.
            if (listed[i] is var w && w >= 0 && numberOf[w] < 0)
                Add(w, accounts[i]);
        }
        foreach (var kind in kindAccounts)
        {
            foreach (var w in kind ?? [])
            {
                if (w >= 0 && numberOf[w] < 0)
                    Add(w, null);
            }
        }
        var ids = new string[numbers.Count];
        var index = new IdIndex(ids.Length > 0 ? whole.Ids[numbers[0]] : null, ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = whole.Ids[numbers[i]];
            index.TryAdd(ids[i], i);
        }
        partOf = numberOf;
        wholeOf = [.. numbers];
        return new AccountDirectory(index, [.. records], ids);
    }

    /// <summary>
    /// Keeps <paramref name="owners"/> as the account indexes of <paramref name="items"/> under <paramref name="accountOf"/>
    /// (what <see cref="AccountIndexes"/> would work out: the caller knows them already, <see cref="Narrowed"/>).
    /// </summary>
    internal void Keep<T>(IReadOnlyList<T> items, Func<T, string?> accountOf, int[] owners)
    {
        if (owners.Length != items.Count)
            throw new ArgumentException($"{owners.Length} account indexes for {items.Count} items.", nameof(owners));
        var byCode = this.owners.GetValue(items, _ => new ConcurrentDictionary<Delegate, Lazy<KeptOwners>>());
        byCode[accountOf] = new Lazy<KeptOwners>(new KeptOwners(items.Count, owners));
    }

    /// <summary>Groups <paramref name="items"/> by account index: returns the items in account order (each account's in their input order) and the start offset of each account (length Count + 1).</summary>
    /// <remarks>
    /// <paramref name="accountOf"/> may be called from several threads at once; it must be pure. The grouping of a list is
    /// kept while the list is alive and handed to the next call for the same list and an equal <paramref name="accountOf"/>
    /// (the same code and captured state; a lambda that captures nothing is one cached delegate), so a directory shared by
    /// requests (<see cref="SharedDerivations"/>) groups each kind once. The arrays returned are shared and must not be written;
    /// when <paramref name="items"/> is an array already in account order, the items returned are that array.
    /// </remarks>
    public (T[] Items, int[] Offsets) GroupByAccount<T>(IReadOnlyList<T> items, Func<T, string?> accountOf)
    {
        var kept = Kept(items, accountOf);
        lock (kept)
        {
            if (kept.Grouped is not ValueTuple<T[], int[]> grouped)
                kept.Grouped = grouped = Group(items, kept.Owners);
            return grouped;
        }
    }

    /// <summary>
    /// <see cref="GroupByAccount"/> as lists: rows already in account order are handed out as they are when they are an array
    /// or a usage table (<see cref="UsageDayTable"/>, how a server holds usage: its rows are not copied into an array of
    /// <see cref="UsageDay"/> values, twice their size). Kept like it; the lists returned are shared and must not be written.
    /// </summary>
    public (IReadOnlyList<T> Items, int[] Offsets) GroupRowsByAccount<T>(IReadOnlyList<T> items, Func<T, string?> accountOf)
    {
        if (items is not UsageDayTable)
            return GroupByAccount(items, accountOf);
        var kept = Kept(items, accountOf);
        lock (kept)
        {
            if (kept.GroupedRows is not ValueTuple<IReadOnlyList<T>, int[]> grouped)
            {
                var offsets = Offsets(kept.Owners, out var inOrder);
                kept.GroupedRows = grouped = inOrder && items.Count == kept.Owners.Length ? (items, offsets) : GroupByAccount(items, accountOf);
            }
            return grouped;
        }
    }

    /// <summary>Account <paramref name="account"/>'s rows of a grouping by <see cref="GroupRowsByAccount"/>: a view of them, not a copy.</summary>
    internal static IReadOnlyList<T> RowsOf<T>(IReadOnlyList<T> grouped, int[] offsets, int account)
    {
        int start = offsets[account], count = offsets[account + 1] - start;
        return grouped switch
        {
            T[] array => new ArraySegment<T>(array, start, count),
            UsageDayTable table => (IReadOnlyList<T>)(object)table.Slice(start, count),
            _ => [.. grouped.Skip(start).Take(count)],
        };
    }

    /// <summary>
    /// The account index of each of <paramref name="items"/>, in their order (-1: the item names no account). Kept like
    /// <see cref="GroupByAccount"/>'s grouping, per list and per <paramref name="accountOf"/>; shared, must not be written.
    /// </summary>
    public int[] AccountIndexes<T>(IReadOnlyList<T> items, Func<T, string?> accountOf) => Kept(items, accountOf).Owners;

    private KeptOwners Kept<T>(IReadOnlyList<T> items, Func<T, string?> accountOf)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(accountOf);
        // Keyed by the delegate (its code and its target): a lambda capturing other state is another key.
        var byCode = owners.GetValue(items, _ => new ConcurrentDictionary<Delegate, Lazy<KeptOwners>>());
        var kept = byCode.GetOrAdd(accountOf, _ => new Lazy<KeptOwners>(() => new KeptOwners(items.Count, Owners(items, accountOf))));
        if (kept.Value.Count == items.Count)
            return kept.Value;
        // The list changed in place since (a test's list): its indexes again.
        var again = new KeptOwners(items.Count, Owners(items, accountOf));
        byCode[accountOf] = new Lazy<KeptOwners>(again);
        return again;
    }

    private int[] Owners<T>(IReadOnlyList<T> items, Func<T, string?> accountOf) => Number(items, accountOf, IndexOf, out _);

    private (T[] Items, int[] Offsets) Group<T>(IReadOnlyList<T> items, int[] owner)
    {
        var offsets = Offsets(owner, out var inOrder);
        // Rows already in account order (stored data is read in key order) are their own grouping: an array of exactly
        // them is handed out as it is instead of copied (the largest kinds would otherwise be held twice).
        if (inOrder && items is T[] array && array.Length == owner.Length)
            return (array, offsets);
        var next = (int[])offsets.Clone();
        var grouped = new T[offsets[Count]];
        // Written through a span: no array-covariance check per item.
        var into = grouped.AsSpan();
        for (var i = 0; i < owner.Length; i++)
        {
            if (owner[i] >= 0)
                into[next[owner[i]]++] = items[i];
        }
        return (grouped, offsets);
    }

    /// <summary>Where each account's rows start in a grouping of rows owned by <paramref name="owner"/>, and whether they are in account order already (every row owned).</summary>
    private int[] Offsets(int[] owner, out bool inOrder)
    {
        var offsets = new int[Count + 1];
        inOrder = true;
        var previous = 0;
        foreach (var a in owner)
        {
            if (a >= 0) offsets[a + 1]++;
            inOrder &= a >= previous;
            previous = a;
        }
        for (var a = 0; a < Count; a++)
            offsets[a + 1] += offsets[a];
        return offsets;
    }

    /// <summary>Rows per parallel range of the id lookups.</summary>
    private const int OwnerRange = 1 << 16;

    /// <summary>A list's account indexes as kept (with the list's count then) and its grouping once asked for.</summary>
    private sealed class KeptOwners(int count, int[] owners)
    {
        public int Count { get; } = count;

        public int[] Owners { get; } = owners;

        /// <summary>The (T[] Items, int[] Offsets) of <see cref="GroupByAccount"/>, under the instance's lock.</summary>
        public object? Grouped { get; set; }

        /// <summary>The (IReadOnlyList&lt;T&gt; Items, int[] Offsets) of <see cref="GroupRowsByAccount"/>, under the instance's lock.</summary>
        public object? GroupedRows { get; set; }
    }
}
