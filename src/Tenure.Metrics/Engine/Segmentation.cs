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

    private Segmentation(SegmentBy by) => By = by;

    private string Label(string value) => KeyName(By) + "=" + value;

    public SegmentBy By { get; }

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

    /// <summary>The segment index for an attribute value (tasks split by owner use this), adding it when new.</summary>
    public int IndexOfValue(string? value)
    {
        if (By == SegmentBy.None) return 0;
        var key = string.IsNullOrWhiteSpace(value) ? NoneValue : value;
        if (valueIndex.TryGetValue(key, out var i))
            return i;
        if (frozen)
            throw new InvalidOperationException($"Segment '{Label(key)}' was not known when the segmentation was built.");
        i = labels.Count;
        labels.Add(Label(key));
        valueIndex.Add(key, i);
        return i;
    }

    /// <param name="by">The attribute to split by.</param>
    /// <param name="accounts">The numbered accounts.</param>
    /// <param name="firstPayingStart">Per account, the start of its first paying period (read only for cohorts).</param>
    /// <param name="tasks">CS tasks' owners and accounts: tasks split by owner when split by csm, else by their account.</param>
    public static Segmentation Build(SegmentBy by, AccountDirectory accounts, IReadOnlyList<DateTime?> firstPayingStart, IEnumerable<(string? Owner, string? AccountId)> tasks)
    {
        var segmentation = new Segmentation(by);
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
            var value = by switch
            {
                SegmentBy.Csm => account?.Csm,
                SegmentBy.Plan => account?.Plan,
                SegmentBy.Segment => account?.Segment,
                SegmentBy.Industry => account?.Industry,
                SegmentBy.Region => account?.Region,
                SegmentBy.Cohort => firstPayingStart[a] is { } first ? $"{first:yyyy-MM}" : null,
                _ => null,
            };
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
            if (by == SegmentBy.Csm) populated.Add(segmentation.IndexOfValue(owner));
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
