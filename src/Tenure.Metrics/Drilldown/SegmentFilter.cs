using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Drilldown;

/// <summary>
/// A choice of accounts by their attributes (csm, plan, segment, industry, region): the segment a
/// dashboard is filtered to. Values compare exactly, as segment labels do; <see cref="Segmentation.NoneValue"/>
/// ("(none)") matches an account without the attribute. An empty filter is every account ("all").
/// </summary>
public sealed record SegmentFilter(
    string? Csm = null,
    string? Plan = null,
    string? Segment = null,
    string? Industry = null,
    string? Region = null)
{
    public static SegmentFilter All { get; } = new();

    /// <summary>The attributes that are set, in the order csm, plan, segment, industry, region.</summary>
    public IReadOnlyList<(SegmentBy By, string Value)> Parts
    {
        get
        {
            var parts = new List<(SegmentBy, string)>(5);
            if (!string.IsNullOrWhiteSpace(Csm)) parts.Add((SegmentBy.Csm, Csm));
            if (!string.IsNullOrWhiteSpace(Plan)) parts.Add((SegmentBy.Plan, Plan));
            if (!string.IsNullOrWhiteSpace(Segment)) parts.Add((SegmentBy.Segment, Segment));
            if (!string.IsNullOrWhiteSpace(Industry)) parts.Add((SegmentBy.Industry, Industry));
            if (!string.IsNullOrWhiteSpace(Region)) parts.Add((SegmentBy.Region, Region));
            return parts;
        }
    }

    public bool IsEmpty => Parts.Count == 0;

    /// <summary>The filter of the one part <paramref name="by"/> = <paramref name="value"/>.</summary>
    public static SegmentFilter Of(SegmentBy by, string value) => All.With(by, value);

    /// <summary>This filter without its <paramref name="by"/> part.</summary>
    public SegmentFilter Without(SegmentBy by) => With(by, null);

    /// <summary>
    /// The parts this filter's data may be narrowed by first: for each part p of them,
    /// <c>Without(p.By).Apply(Of(p.By, p.Value).Apply(data))</c> is <c>Apply(data)</c> row for row, so a view with several
    /// filters could start from the data another view narrowed by one of them (the server does not yet: the segment would
    /// keep that data alive, docs/adr/0290; bench/'s filtered-request benchmark measures it). Every part but csm, when
    /// there are several: a task goes by its owner for the csm part and by its account for the others, so narrowing by
    /// csm first would drop the accounts of the tasks a csm owns on other csms' accounts, and the other parts could no
    /// longer match them.
    /// </summary>
    public IReadOnlyList<(SegmentBy By, string Value)> FirstNarrowings =>
        Parts is { Count: > 1 } parts ? [.. parts.Where(p => p.By != SegmentBy.Csm)] : [];

    private SegmentFilter With(SegmentBy by, string? value) => by switch
    {
        SegmentBy.Csm => this with { Csm = value },
        SegmentBy.Plan => this with { Plan = value },
        SegmentBy.Segment => this with { Segment = value },
        SegmentBy.Industry => this with { Industry = value },
        SegmentBy.Region => this with { Region = value },
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, "a segment filter has csm, plan, segment, industry and region parts"),
    };

    /// <summary>
    /// When exactly one attribute is set: the split that has it as a segment and that segment's label
    /// ("csm=ann"), so the figure is the engine's own segment figure (the API's `by=csm`, segment csm=ann).
    /// </summary>
    public (SegmentBy By, string Label)? SingleSegment =>
        Parts is [var (by, value)] ? (by, Segmentation.KeyName(by) + "=" + value) : null;

    /// <summary>True when the account's attributes match every set part; a null account (ids seen only in other files) has no attributes.</summary>
    public bool Matches(Account? account) => Matches(Parts, account);

    /// <summary><see cref="Matches(Account?)"/> for a filter of <paramref name="parts"/> (<see cref="Parts"/>, made once for many accounts).</summary>
    private static bool Matches(IReadOnlyList<(SegmentBy By, string Value)> parts, Account? account)
    {
        for (var p = 0; p < parts.Count; p++)
        {
            var (by, value) = parts[p];
            var attribute = Segmentation.AttributeOf(account, by);
            if (!string.Equals(string.IsNullOrWhiteSpace(attribute) ? Segmentation.NoneValue : attribute, value, StringComparison.Ordinal))
                return false;
        }
        return true;
    }

    /// <summary>
    /// The part of <paramref name="data"/> in this segment, with the engine's segment rules: a record
    /// belongs to its account's segment (records of accounts not in accounts.csv have no attributes);
    /// tasks go by their owner for the csm part and by their account for the others; costs carry no
    /// account, so they are emptied (a cost metric has no value per segment) but stay present.
    /// The empty filter returns <paramref name="data"/> itself. The kinds whose records go by their account alone are
    /// narrowed when first read (<see cref="DeferredRows{T}"/>; <see cref="TenureDataSet.Deferred"/>), their counts known now.
    /// </summary>
    public TenureDataSet Apply(TenureDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (IsEmpty) return data;
        var byAccount = new Membership(this, data).ByAccount;
        var kinds = InputKinds.All;
        var numbers = new int[]?[kinds.Count];
        var counts = new int[kinds.Count];
        // The kinds whose records go by their account alone are narrowed when a view first reads them (a support view
        // never reads usage, invoices or subscriptions, most of the rows): only how many records the segment keeps of
        // them and the accounts those name, from the whole's counts per account. The others (accounts, tasks, costs) now,
        // each on its own, at once on the cores a view's first request finds idle.
        var parts = new TenureDataSet?[kinds.Count];
        InParallel.For(kinds.Count, k =>
        {
            if (kinds[k].Deferrable)
                numbers[k] = kinds[k].KeptAccounts(data, byAccount, out counts[k]);
            else
                parts[k] = kinds[k].Filter(data, data, byAccount, out numbers[k]);
        });
        var filtered = data;
        for (var k = 0; k < kinds.Count; k++)
        {
            if (parts[k] is { } part)
                filtered = kinds[k].CopyRows(filtered, part);
        }

        // The segment's accounts numbered from the whole data set's directory (its numbers of the records kept; of a
        // deferred kind, each account its kept records name once, in order, which numbers them alike), and each record's
        // account index handed over, instead of every record's id looked up again when the segment is first asked.
        var directory = AccountDirectory.Narrowed(byAccount.Accounts, filtered.Accounts, numbers, out var partOf, out var wholeOf);
        for (var k = 0; k < kinds.Count; k++)
        {
            if (kinds[k].Deferrable)
            {
                filtered = kinds[k].Deferred(filtered, data, byAccount, counts[k], directory, partOf);
                continue;
            }
            // Each kind's numbers are its own (made by its Filter for this call): turned into the segment's in place.
            if (numbers[k] is not { } accounts)
                continue;
            for (var i = 0; i < accounts.Length; i++)
                accounts[i] = accounts[i] >= 0 ? partOf[accounts[i]] : -1;
            kinds[k].KeepAccountIndexes(directory, filtered, accounts);
        }
        SharedDerivations.Adopt(filtered, directory, data, wholeOf);
        return filtered;
    }

    /// <summary>The filter's rules over one data set's accounts.</summary>
    private sealed class Membership : SegmentMembership
    {
        private readonly SegmentFilter filter;
        private readonly SegmentFilter withoutCsm;
        private readonly TenureDataSet data;
        private readonly Lazy<AccountMembership> byAccount;
        private readonly Lazy<Dictionary<string, Account>> byId;

        public Membership(SegmentFilter filter, TenureDataSet data)
        {
            this.filter = filter;
            this.data = data;
            byAccount = new Lazy<AccountMembership>(MatchEachAccount);
            withoutCsm = filter with { Csm = null };
            byId = new Lazy<Dictionary<string, Account>>(() =>
            {
                var accounts = new Dictionary<string, Account>(data.Accounts.Count, StringComparer.Ordinal);
                foreach (var a in data.Accounts) accounts.TryAdd(a.AccountId, a);
                return accounts;
            });
        }

        private Account? AccountOf(string? accountId) =>
            accountId is not null && byId.Value.TryGetValue(accountId, out var a) ? a : null;

        public override bool AccountIn(string? accountId) => filter.Matches(AccountOf(accountId));

        public override bool OwnedIn(string? owner, string? accountId) => OwnerIn(owner) && withoutCsm.Matches(AccountOf(accountId));

        private bool OwnerIn(string? owner) =>
            string.IsNullOrWhiteSpace(filter.Csm) || string.Equals(string.IsNullOrWhiteSpace(owner) ? Segmentation.NoneValue : owner, filter.Csm, StringComparison.Ordinal);

        /// <summary>
        /// The rules per account of the data set's shared directory (<see cref="SharedDerivations"/>): each account's
        /// attributes are matched once, and a record's account is its number, kept per kind, instead of its id hashed
        /// per record (millions of hashes for one filter of a 100,000-account tenant).
        /// </summary>
        public override AccountMembership ByAccount => byAccount.Value;

        private AccountMembership MatchEachAccount()
        {
            var directory = SharedDerivations.Of(data).Accounts;
            var accounts = directory.Accounts;
            var inSegment = new bool[accounts.Count];
            var inWithoutCsm = new bool[accounts.Count];
            // The parts made once, not once per account (a list each).
            (SegmentBy, string)[] parts = [.. filter.Parts], partsWithoutCsm = [.. withoutCsm.Parts];
            for (var a = 0; a < accounts.Count; a++)
            {
                inSegment[a] = Matches(parts, accounts[a]);
                inWithoutCsm[a] = Matches(partsWithoutCsm, accounts[a]);
            }
            return new AccountMembership(directory, inSegment, inWithoutCsm, filter.Matches(null), withoutCsm.Matches(null), OwnerIn);
        }
    }
}
