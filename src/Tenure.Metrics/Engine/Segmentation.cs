using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Engine;

/// <summary>
/// Which segment each account belongs to. Segment labels are "csm=ann", "plan=pro", "cohort=2024-03";
/// an account without the attribute is in "csm=(none)". Without a split there is one segment, "all".
/// </summary>
public sealed class Segmentation
{
    public const string AllLabel = "all";
    public const string NoneValue = "(none)";

    // Segment index by attribute value ("(none)" for a blank one): the label is the split's key name, "=" and the value,
    // so values and labels match one to one, and a label is made once per segment instead of once per account.
    private readonly Dictionary<string, int> valueIndex = new(StringComparer.Ordinal);
    private readonly List<string> labels = [];

    private bool frozen;
    private bool[] populated = [true];

    private Segmentation(SegmentBy by, SegmentBy within = SegmentBy.None)
    {
        By = by;
        Within = within;
    }

    private string Label(string value) => KeyName(By) + "=" + value;

    public SegmentBy By { get; }

    /// <summary>
    /// With a split (<see cref="By"/>), the attribute whose each value it is made within (<see cref="MetricRequest.Within"/>);
    /// <see cref="SegmentBy.None"/>: a plain split. Within another attribute, a segment's value is both values joined by
    /// <see cref="WithinSeparator"/> (<see cref="WithinValue"/>): "csm=pro\u001Fann" is csm ann's among the plan pro accounts.
    /// </summary>
    public SegmentBy Within { get; }

    /// <summary>What joins a value of <see cref="Within"/>'s attribute to one of <see cref="By"/>'s in a segment's value.</summary>
    public const char WithinSeparator = '\u001F';

    /// <summary>The value of the segment of the split's value <paramref name="value"/> among the accounts whose <see cref="Within"/> attribute is <paramref name="within"/> (blank: "(none)").</summary>
    public static string WithinValue(string? within, string? value) =>
        (string.IsNullOrWhiteSpace(within) ? NoneValue : within) + WithinSeparator + (string.IsNullOrWhiteSpace(value) ? NoneValue : value);

    /// <summary>The segment index of each account.</summary>
    public int[] OfAccount { get; private set; } = [];

    /// <summary>The label of each segment index.</summary>
    public IReadOnlyList<string> Labels => labels;

    public int Count => labels.Count;

    /// <summary>How many segments a metric's results name per period: "all", plus each populated segment when split.</summary>
    public int ResultCount => By == SegmentBy.None ? 1 : 1 + populated.Count(p => p);

    /// <summary>True when some account (or task) is in segment <paramref name="segment"/>; empty segments are not printed.</summary>
    public bool IsPopulated(int segment) => populated[segment];

    public static string KeyName(SegmentBy by) => by switch
    {
        SegmentBy.Csm => "csm",
        SegmentBy.Plan => "plan",
        SegmentBy.Segment => "segment",
        SegmentBy.Industry => "industry",
        SegmentBy.Region => "region",
        SegmentBy.Cohort => "cohort",
        _ => AllLabel,
    };

    /// <summary>"csm, plan, segment, industry, region, cohort": the splits <see cref="TryParseKey"/> accepts besides "all", for messages.</summary>
    public static string KeyNames { get; } = string.Join(", ", Enum.GetValues<SegmentBy>().Where(b => b != SegmentBy.None).Select(KeyName));

    /// <summary>
    /// The split <paramref name="text"/> names by its <see cref="KeyName"/> (any case, surrounding blanks
    /// ignored); blank or "all" means <see cref="SegmentBy.None"/>. False for any other text.
    /// </summary>
    public static bool TryParseKey(string? text, out SegmentBy by)
    {
        by = SegmentBy.None;
        if (string.IsNullOrWhiteSpace(text) || string.Equals(text.Trim(), AllLabel, StringComparison.OrdinalIgnoreCase))
            return true;
        var name = text.Trim();
        foreach (var candidate in Enum.GetValues<SegmentBy>())
        {
            if (candidate != SegmentBy.None && string.Equals(KeyName(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                by = candidate;
                return true;
            }
        }
        return false;
    }

    /// <summary>The segment index for an attribute value (within another attribute, the values joined: <see cref="WithinValue"/>), adding it when new.</summary>
    public int IndexOfValue(string? value)
    {
        if (By == SegmentBy.None) return 0;
        var key = string.IsNullOrWhiteSpace(value) ? NoneKey : value;
        if (valueIndex.TryGetValue(key, out var i))
            return i;
        if (frozen)
            throw new InvalidOperationException($"Segment '{Label(key)}' was not known when the segmentation was built.");
        i = labels.Count;
        labels.Add(Label(key));
        valueIndex.Add(key, i);
        return i;
    }

    /// <summary>The key of the "(none)" segment: the one of accounts not in the data (within another attribute, "(none)" in both).</summary>
    private string NoneKey => Within == SegmentBy.None ? NoneValue : WithinValue(null, null);

    /// <summary>The segment of a task owned by <paramref name="owner"/> on <paramref name="accountId"/> when split by csm: its owner's (within another attribute, among its account's).</summary>
    public int OfTask(AccountDirectory accounts, string? owner, string? accountId)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        if (Within == SegmentBy.None)
            return IndexOfValue(owner);
        var account = accountId is null ? -1 : accounts.IndexOf(accountId);
        return IndexOfValue(WithinValue(account >= 0 ? AttributeOf(accounts.Accounts[account], Within) : null, owner));
    }

    /// <summary>The account's value of the attribute <paramref name="by"/> (csm, plan, segment, industry or region) as accounts.csv gives it; null for none, for a null account, and for any other split.</summary>
    public static string? AttributeOf(Account? account, SegmentBy by) => by switch
    {
        SegmentBy.Csm => account?.Csm,
        SegmentBy.Plan => account?.Plan,
        SegmentBy.Segment => account?.Segment,
        SegmentBy.Industry => account?.Industry,
        SegmentBy.Region => account?.Region,
        _ => null,
    };

    /// <param name="by">The attribute to split by.</param>
    /// <param name="accounts">The numbered accounts.</param>
    /// <param name="firstPayingStart">Per account, the start of its first paying period (read only for cohorts).</param>
    /// <param name="tasks">CS tasks' owners and accounts: tasks split by owner when split by csm, else by their account.</param>
    /// <param name="within">An account attribute (not cohort) the split is made within (<see cref="Within"/>); none: a plain split.</param>
    /// <exception cref="ArgumentException">A split within a cohort or within nothing split, or a value holding <see cref="WithinSeparator"/>.</exception>
    public static Segmentation Build(SegmentBy by, AccountDirectory accounts, IReadOnlyList<DateTime?> firstPayingStart, IEnumerable<(string? Owner, string? AccountId)> tasks,
        SegmentBy within = SegmentBy.None)
    {
        if (within != SegmentBy.None && (by is SegmentBy.None or SegmentBy.Cohort || within == SegmentBy.Cohort || within == by))
            throw new ArgumentException($"A split by {KeyName(by)} is not made within {KeyName(within)}.", nameof(within));
        var segmentation = new Segmentation(by, within);
        if (by == SegmentBy.None)
        {
            segmentation.labels.Add(AllLabel);
            segmentation.OfAccount = new int[accounts.Count];
            return segmentation;
        }

        var of = new int[accounts.Count];
        for (var a = 0; a < accounts.Count; a++)
        {
            var account = accounts.Accounts[a];
            var value = by == SegmentBy.Cohort ? (firstPayingStart[a] is { } first ? $"{first:yyyy-MM}" : null) : AttributeOf(account, by);
            if (within != SegmentBy.None)
            {
                var outer = AttributeOf(account, within);
                // Joined values must split back into the two they were: a value holding the separator is refused.
                if (outer?.Contains(WithinSeparator, StringComparison.Ordinal) == true || value?.Contains(WithinSeparator, StringComparison.Ordinal) == true)
                    throw new ArgumentException($"Account {account?.AccountId}'s {KeyName(within)} or {KeyName(by)} holds the character U+001F: no split within another is made.", nameof(within));
                value = WithinValue(outer, value);
            }
            of[a] = segmentation.IndexOfValue(value);
        }
        segmentation.OfAccount = of;
        // Every segment exists before any grid is sized: the "(none)" bucket for unknown accounts and,
        // for a csm split, the task owners.
        var populated = new HashSet<int>(of);
        var none = segmentation.IndexOfValue(null);
        foreach (var (owner, accountId) in tasks)
        {
            // Split by csm, tasks go to their owner; otherwise to their account (none when they have none).
            if (owner?.Contains(WithinSeparator, StringComparison.Ordinal) == true && within != SegmentBy.None)
                throw new ArgumentException("A task owner holds the character U+001F: no split within another is made.", nameof(within));
            if (by == SegmentBy.Csm) populated.Add(segmentation.OfTask(accounts, owner, accountId));
            else if (accountId is null || accounts.IndexOf(accountId) < 0) populated.Add(none);
        }
        segmentation.populated = [.. Enumerable.Range(0, segmentation.Count).Select(populated.Contains)];
        segmentation.frozen = true;
        return segmentation;
    }

    /// <summary>The segment of <paramref name="accountId"/>; unknown accounts go to "(none)".</summary>
    public int Of(AccountDirectory accounts, string? accountId)
    {
        return OfIndex(accountId is null ? -1 : accounts.IndexOf(accountId));
    }

    /// <summary>The segment of account index <paramref name="account"/>; -1 (an account not in the data) goes to "(none)".</summary>
    public int OfIndex(int account) => account >= 0 ? OfAccount[account] : IndexOfValue(null);
}
