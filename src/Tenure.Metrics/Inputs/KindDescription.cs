using Tenure.Metrics.Engine;
using Tenure.Metrics.Tallies;

namespace Tenure.Metrics.Inputs;

/// <summary>
/// The one description of an input kind (docs/adr/0040): its flag, its file name, its columns in
/// documented order with their types, its key, and which account each record belongs to. The
/// readers (Tenure.Ingest), the stored tables (Tenure.Storage), the demo writer (Tenure.Demo), the
/// CLI and API dispatch, the segment filter and the account directory all start from
/// <see cref="InputKinds.All"/>, and tests check that each layer has a part for every description.
/// </summary>
public abstract class KindDescription
{
    private protected KindDescription(InputKind kind, string fileName, IReadOnlyList<InputColumn> columns, IReadOnlyList<string> key)
    {
        Kind = kind;
        FileName = fileName;
        Columns = columns;
        Key = key;
    }

    public InputKind Kind { get; }

    /// <summary>The file the rows are read from (accounts.csv, ...).</summary>
    public string FileName { get; }

    /// <summary>The file name without ".csv": the API path segment (POST /api/v1/accounts) and the kind's name in messages.</summary>
    public string Name => FileName[..^".csv".Length];

    /// <summary>Every column, in the order docs/input-formats.md lists them (and files are written in).</summary>
    public IReadOnlyList<InputColumn> Columns { get; }

    /// <summary>The columns whose values identify a record (empty when the file has no key: costs, usage).</summary>
    public IReadOnlyList<string> Key { get; }

    /// <summary>Whether records name an account: then account ids are checked against the known accounts (all kinds but accounts and costs).</summary>
    public abstract bool NamesAccounts { get; }

    /// <summary>How many records of this kind <paramref name="data"/> holds (deferred ones not made, <see cref="TenureDataSet.CountOf"/>).</summary>
    public int CountIn(TenureDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.CountOf(Kind);
    }

    /// <summary>A copy of <paramref name="into"/> with this kind's records taken from <paramref name="from"/> (presence unchanged).</summary>
    public abstract TenureDataSet CopyRows(TenureDataSet into, TenureDataSet from);

    /// <summary>A copy of <paramref name="into"/> whose records of this kind are its own followed by those of <paramref name="from"/> (presence unchanged).</summary>
    public abstract TenureDataSet AppendRows(TenureDataSet into, TenureDataSet from);

    /// <summary>
    /// Calls <paramref name="add"/> with the account id of the records of this kind in <paramref name="data"/> (none for
    /// costs), in record order: every id at least once, before any id first named by a later record. A repeated id may be
    /// passed once only (usage held as a <see cref="UsageDayTable"/> passes each of its accounts once), so
    /// <paramref name="add"/> must not count calls.
    /// </summary>
    public abstract void ForEachAccountId(TenureDataSet data, Action<string?> add);

    /// <summary>
    /// Numbers the accounts this kind's records in <paramref name="data"/> name, for a directory being built
    /// (<see cref="Engine.AccountDirectory.Build"/>): <paramref name="known"/> gives a known id's number (called from several
    /// threads at once, while nothing is added) or <see cref="Engine.AccountDirectory.Unknown"/>, <paramref name="add"/> numbers
    /// an id not known yet (records in order). Returns each record's account number (-1: none); null for a kind that
    /// names no account, and for usage held as a table (grouped by its own account numbers).
    /// </summary>
    internal abstract int[]? NumberAccounts(TenureDataSet data, Func<string, int> known, Func<string, int> add);

    /// <summary>
    /// <paramref name="target"/> with this kind's records of <paramref name="source"/> that
    /// <paramref name="inSegment"/> keeps; a kind that names no account is emptied (it has no value per segment).
    /// </summary>
    public abstract TenureDataSet Filter(TenureDataSet target, TenureDataSet source, SegmentMembership inSegment);

    /// <summary>
    /// <see cref="Filter(TenureDataSet, TenureDataSet, SegmentMembership)"/> by numbered accounts, also giving the account index in <paramref name="byAccount"/>'s directory of
    /// each record kept (-1: none), in order; null for a kind that names no account. Used to number the accounts of the
    /// filtered data set from the whole one's directory (<see cref="Engine.AccountDirectory"/>) instead of hashing every id again.
    /// </summary>
    internal abstract TenureDataSet Filter(TenureDataSet target, TenureDataSet source, AccountMembership byAccount, out int[]? accounts);

    /// <summary>Hands <paramref name="directory"/> the account index of each of this kind's records in <paramref name="data"/> (<see cref="Engine.AccountDirectory.Keep"/>), under <see cref="KindDescription{T}.AccountIdOf"/>.</summary>
    internal abstract void KeepAccountIndexes(Engine.AccountDirectory directory, TenureDataSet data, int[] accounts);

    /// <summary>
    /// Whether a segment defers this kind's records (<see cref="Deferred"/>): a kind whose records go by their account
    /// alone. Not accounts.csv (its rows come first in a segment's directory), not costs (no account), not tasks (they go
    /// by their owner for the csm part).
    /// </summary>
    internal abstract bool Deferrable { get; }

    /// <summary>
    /// For a <see cref="Deferrable"/> kind: the accounts (numbers in <paramref name="byAccount"/>'s directory) that the
    /// records of <paramref name="source"/> the segment keeps name, each once, in the order those records first name them,
    /// and in <paramref name="count"/> how many records it keeps. That is what a segment's directory needs of the kind
    /// (<see cref="Engine.AccountDirectory.Narrowed"/>), worked out from the whole's records per account, kept with them,
    /// instead of the records narrowed.
    /// </summary>
    internal abstract int[] KeptAccounts(TenureDataSet source, AccountMembership byAccount, out int count);

    /// <summary>
    /// <paramref name="target"/> with this kind's records those of <paramref name="source"/> that <paramref name="byAccount"/>
    /// keeps (<paramref name="count"/> of them, <see cref="KeptAccounts"/>), narrowed when first read
    /// (<see cref="DeferredRows{T}"/>); their account numbers in <paramref name="directory"/>, the segment's
    /// (<paramref name="partOf"/>: the segment's number of each of the whole's), are then handed to it.
    /// </summary>
    internal abstract TenureDataSet Deferred(TenureDataSet target, TenureDataSet source, AccountMembership byAccount, int count, Engine.AccountDirectory directory, int[] partOf);

    /// <summary>Deconstructs into (kind, file name), as the list of kinds was once written.</summary>
    public void Deconstruct(out InputKind kind, out string fileName)
    {
        kind = Kind;
        fileName = FileName;
    }

    public override string ToString() => FileName;
}

/// <summary>Which records a segment keeps: by the record's account, and by its owner where a record has one of its own (tasks).</summary>
public abstract class SegmentMembership
{
    /// <summary>Whether a record of the account <paramref name="accountId"/> (null: no account) is in the segment.</summary>
    public abstract bool AccountIn(string? accountId);

    /// <summary>Whether a record owned by <paramref name="owner"/> (for the csm part) of account <paramref name="accountId"/> is in the segment.</summary>
    public abstract bool OwnedIn(string? owner, string? accountId);

    /// <summary>The same rules per numbered account, when the membership has them (null: records are asked about one by one).</summary>
    public virtual AccountMembership? ByAccount => null;
}

/// <summary>
/// A segment's rules per account of <paramref name="Accounts"/>: <paramref name="In"/>[a] whether the records of account
/// a are in the segment, <paramref name="InWithoutCsm"/>[a] the same for a record whose owner answers the csm part
/// (<paramref name="OwnerIn"/>); <paramref name="NoAccountIn"/> and <paramref name="NoAccountInWithoutCsm"/> for a record
/// that names no account, or one the directory does not know.
/// </summary>
public sealed record AccountMembership(
    Engine.AccountDirectory Accounts, bool[] In, bool[] InWithoutCsm, bool NoAccountIn, bool NoAccountInWithoutCsm, Func<string?, bool> OwnerIn)
{
    /// <summary>Whether a record of account index <paramref name="account"/> (-1: none) is in the segment.</summary>
    public bool AccountIn(int account) => account >= 0 ? In[account] : NoAccountIn;

    /// <summary>Whether a record owned by <paramref name="owner"/> of account index <paramref name="account"/> (-1: none) is in the segment.</summary>
    public bool OwnedIn(string? owner, int account) => OwnerIn(owner) && (account >= 0 ? InWithoutCsm[account] : NoAccountInWithoutCsm);
}

/// <summary>The description of an input kind whose records are <typeparamref name="T"/> in a <see cref="TenureDataSet"/>.</summary>
public sealed class KindDescription<T> : KindDescription
{
    private readonly Func<TenureDataSet, IReadOnlyList<T>> rowsOf;
    private readonly Func<TenureDataSet, IReadOnlyList<T>, TenureDataSet> withRows;
    private readonly Func<T, string?>? accountOf;
    private readonly Func<T, string?>? ownerOf;

    /// <param name="kind">The flag.</param>
    /// <param name="fileName">accounts.csv, ...</param>
    /// <param name="columns">Every column in documented order.</param>
    /// <param name="key">The key columns (names from <paramref name="columns"/>).</param>
    /// <param name="rowsOf">This kind's records in a data set.</param>
    /// <param name="withRows">A copy of a data set with this kind's records replaced.</param>
    /// <param name="accountOf">The account a record belongs to; null for a kind that names none (costs).</param>
    /// <param name="ownerOf">Who owns a record for the csm part of a segment, when not its account's csm (tasks: their owner).</param>
    public KindDescription(
        InputKind kind,
        string fileName,
        IReadOnlyList<InputColumn> columns,
        IReadOnlyList<string> key,
        Func<TenureDataSet, IReadOnlyList<T>> rowsOf,
        Func<TenureDataSet, IReadOnlyList<T>, TenureDataSet> withRows,
        Func<T, string?>? accountOf,
        Func<T, string?>? ownerOf = null)
        : base(kind, fileName, columns, key)
    {
        this.rowsOf = rowsOf;
        this.withRows = withRows;
        this.accountOf = accountOf;
        this.ownerOf = ownerOf;
    }

    public override bool NamesAccounts => accountOf is not null && Kind != InputKind.Accounts;

    /// <summary>
    /// The one delegate giving a record's account id (null for a kind that names none): pass this one to
    /// <see cref="Engine.AccountDirectory.GroupByAccount"/>, so the grouping is shared with the segment filter's (kept per delegate).
    /// </summary>
    public Func<T, string?>? AccountIdOf => accountOf;

    /// <summary>This kind's records in <paramref name="data"/>.</summary>
    public IReadOnlyList<T> RowsOf(TenureDataSet data) => rowsOf(data);

    /// <summary>A copy of <paramref name="data"/> with this kind's records replaced by <paramref name="rows"/> (presence unchanged).</summary>
    public TenureDataSet WithRows(TenureDataSet data, IReadOnlyList<T> rows) => withRows(data, rows);

    /// <summary>The account <paramref name="row"/> belongs to, or null.</summary>
    public string? AccountOf(T row) => accountOf?.Invoke(row);

    public override TenureDataSet CopyRows(TenureDataSet into, TenureDataSet from) => withRows(into, rowsOf(from));

    public override TenureDataSet AppendRows(TenureDataSet into, TenureDataSet from) =>
        rowsOf(from).Count == 0 ? into : withRows(into, [.. rowsOf(into), .. rowsOf(from)]);

    public override void ForEachAccountId(TenureDataSet data, Action<string?> add)
    {
        if (accountOf is null)
            return;
        var rows = rowsOf(data);
        if (rows is UsageDayTable table)
        {
            // Millions of rows over far fewer accounts: each account index once, in order of first appearance.
            table.ForEachAccountId(add);
            return;
        }
        foreach (var row in rows)
            add(accountOf(row));
    }

    public override TenureDataSet Filter(TenureDataSet target, TenureDataSet source, SegmentMembership inSegment)
    {
        if (accountOf is null)
            return withRows(target, []);
        if (inSegment.ByAccount is { } byAccount)
            return Filter(target, source, byAccount, out _);
        var rows = rowsOf(source);
        var kept = new List<T>();
        foreach (var row in rows)
        {
            bool keep = ownerOf is null ? inSegment.AccountIn(accountOf(row)) : inSegment.OwnedIn(ownerOf(row), accountOf(row));
            if (keep)
                kept.Add(row);
        }
        return withRows(target, kept);
    }

    internal override int[]? NumberAccounts(TenureDataSet data, Func<string, int> known, Func<string, int> add)
    {
        if (accountOf is null)
            return null;
        var rows = rowsOf(data);
        if (rows is UsageDayTable table)
        {
            // Millions of rows over far fewer accounts: each account id once, in order of first appearance. When every id
            // of the table is numbered already (accounts.csv lists them), that order numbers nothing: the pass over the
            // rows (80 MB for the peer's five million) is skipped for a look at each id.
            if (table.Count > table.AccountIds.Count && table.AccountIds.All(id => known(id) != Engine.AccountDirectory.Unknown))
                return null;
            table.ForEachAccountId(id => add(id));
            return null;
        }
        var numbers = Engine.AccountDirectory.Number(rows, accountOf, known, out var anyUnknown);
        if (anyUnknown)
        {
            for (var i = 0; i < numbers.Length; i++)
            {
                if (numbers[i] == Engine.AccountDirectory.Unknown)
                    numbers[i] = add(accountOf(rows[i])!);
            }
        }
        return numbers;
    }

    internal override void KeepAccountIndexes(Engine.AccountDirectory directory, TenureDataSet data, int[] accounts)
    {
        // Usage as a table is grouped by its own account numbers, not through the directory.
        if (accountOf is not null && rowsOf(data) is var rows and not UsageDayTable)
            directory.Keep(rows, accountOf, accounts);
    }

    internal override TenureDataSet Filter(TenureDataSet target, TenureDataSet source, AccountMembership byAccount, out int[]? accounts)
    {
        accounts = null;
        if (accountOf is null)
            return withRows(target, []);
        var rows = rowsOf(source);
        return withRows(target, rows is UsageDayTable table ? Filter(table, byAccount, out accounts) : Filter(rows, byAccount, out accounts));
    }

    /// <summary>The rows the segment keeps, in their order, by their account's number (kept by the shared directory), with those numbers.</summary>
    private T[] Filter(IReadOnlyList<T> rows, AccountMembership byAccount, out int[] keptAccounts)
    {
        var accounts = byAccount.Accounts.AccountIndexes(rows, accountOf!);
        var source = RowSpans.Of(rows);
        // Rented: a flag per row of the whole, read once more below.
        var rented = ScratchArrays.Flags.Rent(source.Length);
        var keep = rented.AsSpan(0, source.Length);
        var count = 0;
        for (var i = 0; i < source.Length; i++)
        {
            keep[i] = ownerOf is null ? byAccount.AccountIn(accounts[i]) : byAccount.OwnedIn(ownerOf(source[i]), accounts[i]);
            if (keep[i])
                count++;
        }
        // Sized once: a filtered data set is cached, and its lists should take their own size; an array, so that rows in
        // account order are their own grouping (AccountDirectory.GroupByAccount). Written through a span (no per-row
        // array-covariance check; millions of rows for a large segment).
        var kept = new T[count];
        var into = kept.AsSpan();
        keptAccounts = new int[count];
        var next = 0;
        for (var i = 0; i < source.Length; i++)
        {
            if (keep[i])
            {
                keptAccounts[next] = accounts[i];
                into[next++] = source[i];
            }
        }
        ScratchArrays.Flags.Return(rented);
        return kept;
    }

    internal override bool Deferrable => NamesAccounts && ownerOf is null;

    internal override int[] KeptAccounts(TenureDataSet source, AccountMembership byAccount, out int count)
    {
        if (!Deferrable)
            throw new InvalidOperationException($"{FileName} is not narrowed on first read.");
        var rows = rowsOf(source);
        // Per account of the whole's records (the directory's numbers; a table's own, then numbered), kept with them.
        int[]? numberOf = null;
        RowsPerAccount perAccount;
        if (rows is UsageDayTable table)
        {
            numberOf = byAccount.Accounts.AccountIndexes(table.AccountIds, TableId);
            perAccount = RowsPerAccount.Of(table);
        }
        else
        {
            perAccount = RowsPerAccount.Of(byAccount.Accounts.AccountIndexes(rows, accountOf!), byAccount.Accounts.Count);
        }
        var kept = new List<int>();
        long total = 0;
        foreach (var a in perAccount.FirstNamed)
        {
            var w = numberOf is null ? a : numberOf[a];
            if (!byAccount.AccountIn(w))
                continue;
            total += perAccount.Rows[a];
            if (w >= 0)
                kept.Add(w);
        }
        if (byAccount.NoAccountIn)
            total += perAccount.WithoutAccount;
        count = checked((int)total);
        return [.. kept];
    }

    internal override TenureDataSet Deferred(TenureDataSet target, TenureDataSet source, AccountMembership byAccount, int count, AccountDirectory directory, int[] partOf)
    {
        if (!Deferrable)
            throw new InvalidOperationException($"{FileName} is not narrowed on first read.");
        var rows = rowsOf(source);
        return withRows(target, new DeferredRows<T>(() =>
        {
            if (rows is UsageDayTable table)
                return Filter(table, byAccount, numbersWanted: false, out _);
            var kept = Filter(rows, byAccount, out var accounts);
            for (var i = 0; i < accounts.Length; i++)
                accounts[i] = accounts[i] >= 0 ? partOf[accounts[i]] : -1;
            directory.Keep(kept, accountOf!, accounts);
            return kept;
        }, count));
    }

    private static readonly Func<string, string?> TableId = id => id;

    /// <summary>The usage rows the segment keeps, still as ints (the same ids lists: only the rows are narrowed), with their accounts' numbers.</summary>
    private static IReadOnlyList<T> Filter(UsageDayTable table, AccountMembership byAccount, out int[] keptAccounts) =>
        Filter(table, byAccount, numbersWanted: true, out keptAccounts!);

    /// <summary><see cref="Filter(UsageDayTable, AccountMembership, out int[])"/>, the kept rows' account numbers made only when <paramref name="numbersWanted"/> (else null).</summary>
    private static IReadOnlyList<T> Filter(UsageDayTable table, AccountMembership byAccount, bool numbersWanted, out int[]? keptAccounts)
    {
        var ids = table.AccountIds;
        // The table's ids numbered once per directory (kept with it, like a list's account indexes).
        var numbered = byAccount.Accounts.AccountIndexes(ids, TableId);
        var inSegment = new bool[ids.Count];
        for (var a = 0; a < ids.Count; a++)
            inSegment[a] = byAccount.AccountIn(numbered[a]);
        // The rows in a few ranges at once (a large segment keeps millions, the largest part of a view's narrowing): each
        // range's kept rows counted first, so the kept rows take their own size (a filtered data set is cached), not the
        // whole table's, then copied to where the ranges before it end, in order. A range's kept rows are the sum of its
        // rows of each account the segment keeps, counted once per table instead of read again for every filter.
        var ranges = Math.Clamp(table.Count / UsageRangeRows, 1, Environment.ProcessorCount);
        var perAccount = RangeRowsPerAccount(table, ranges);
        var counts = new int[ranges + 1];
        for (var r = 0; r < ranges; r++)
        {
            var count = 0;
            for (var a = 0; a < inSegment.Length; a++)
            {
                if (inSegment[a])
                    count += perAccount[r][a];
            }
            counts[r + 1] = counts[r] + count;
        }
        var kept = new UsageDayCount[counts[ranges]];
        var keptOf = numbersWanted ? new int[counts[ranges]] : null;
        InParallel.For(ranges, r =>
        {
            var next = counts[r];
            foreach (ref readonly var row in RangeOf(table, r, ranges))
            {
                if (inSegment[row.Account])
                {
                    keptOf?[next] = numbered[row.Account];
                    kept[next++] = row;
                }
            }
        });
        keptAccounts = keptOf;
        return (IReadOnlyList<T>)(object)new UsageDayTable(kept, kept.Length, ids, table.UserIds);
    }

    /// <summary>Each usage table's rows per account index in each of its ranges (<see cref="RangeRowsPerAccount"/>), kept while the table lives.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<UsageDayTable, int[][]> RangeRows = [];

    /// <summary>How many of <paramref name="table"/>'s rows each account index has in each of <paramref name="ranges"/> ranges (<see cref="RangeOf"/>), counted once per table.</summary>
    private static int[][] RangeRowsPerAccount(UsageDayTable table, int ranges)
    {
        if (RangeRows.TryGetValue(table, out var kept) && kept.Length == ranges)
            return kept;
        var counts = new int[ranges][];
        InParallel.For(ranges, r =>
        {
            var count = new int[table.AccountIds.Count];
            foreach (ref readonly var row in RangeOf(table, r, ranges))
                count[row.Account]++;
            counts[r] = count;
        });
        RangeRows.AddOrUpdate(table, counts);
        return counts;
    }

    /// <summary>The fewest usage rows a range of <see cref="Filter(UsageDayTable, AccountMembership, out int[])"/> takes, so small tables are one range.</summary>
    private const int UsageRangeRows = 1 << 18;

    /// <summary>Range <paramref name="r"/> of <paramref name="ranges"/> about equal ranges of <paramref name="table"/>'s rows.</summary>
    private static ReadOnlySpan<UsageDayCount> RangeOf(UsageDayTable table, int r, int ranges)
    {
        var start = (int)((long)table.Count * r / ranges);
        var end = (int)((long)table.Count * (r + 1) / ranges);
        return table.Rows[start..end];
    }
}
