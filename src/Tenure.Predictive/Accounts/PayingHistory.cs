using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Subscriptions;

namespace Tenure.Predictive.Accounts;

/// <summary>A stretch of paying coverage [Start, End); End is null while open.</summary>
public readonly record struct CoverageSpell(DateTime Start, DateTime? End)
{
    public bool Covers(DateTime instant) => instant >= Start && (End is not { } end || instant < end);
}

/// <summary>
/// Per account, its paying subscription periods (METRICS.md: amount x quantity - discount &gt; 0,
/// covering [start_date, end_date)) and the merged spells during which it is an active customer.
/// Periods that touch (one ends the instant the next starts) or overlap are one spell.
/// </summary>
public static class PayingHistory
{
    /// <summary>Paying periods grouped by account id (ordinal), each list ordered by start.</summary>
    public static Dictionary<string, List<SubscriptionPeriod>> PayingPeriodsByAccount(IEnumerable<SubscriptionPeriod> subscriptions)
    {
        var byAccount = new Dictionary<string, List<SubscriptionPeriod>>(StringComparer.Ordinal);
        foreach (var s in subscriptions)
        {
            if (!NormalisedMrr.IsPaying(s))
                continue;
            if (!byAccount.TryGetValue(s.AccountId, out var list))
                byAccount[s.AccountId] = list = [];
            list.Add(s);
        }
        foreach (var list in byAccount.Values)
            list.Sort((x, y) => x.Start.CompareTo(y.Start));
        return byAccount;
    }

    /// <summary>
    /// <see cref="PayingPeriodsByAccount(IEnumerable{SubscriptionPeriod})"/> of <paramref name="data"/>'s subscriptions, the
    /// accounts in ordinal id order, worked out once per data set and kept with it (<see cref="DataSetDerivations"/>: the
    /// churn model's training and the SaaS dashboard's retention outlook both read it). Shared: not to be changed.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, List<SubscriptionPeriod>>> PayingPeriodsByAccount(TenureDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return DataSetDerivations.GetOrAdd(data, "predictive/paying-periods-by-account", GroupPaying);
    }

    /// <summary>
    /// The same lists as <see cref="PayingPeriodsByAccount(IEnumerable{SubscriptionPeriod})"/>, from the engine's grouping of the
    /// subscriptions by account (kept with the data set; a segment's numbered from the whole's) instead of a dictionary of
    /// every period's account id: each account's periods in their order in the file, then sorted by start alike.
    /// </summary>
    private static IReadOnlyList<KeyValuePair<string, List<SubscriptionPeriod>>> GroupPaying(TenureDataSet data)
    {
        var (ids, rows, offsets) = DataSetDerivations.GroupedByAccount(data, data.Subscriptions, InputKinds.Subscriptions.AccountIdOf!);
        if (offsets[^1] != data.Subscriptions.Count)
        {
            // Periods naming no account (none read from a file do) are left out of the grouping: by their ids instead.
            return [.. PayingPeriodsByAccount(data.Subscriptions).OrderBy(p => p.Key, StringComparer.Ordinal)];
        }
        var byAccount = new List<KeyValuePair<string, List<SubscriptionPeriod>>>();
        for (var a = 0; a + 1 < offsets.Length; a++)
        {
            if (SortedPaying(rows.AsSpan(offsets[a], offsets[a + 1] - offsets[a])) is { } paying)
                byAccount.Add(new(ids[a], paying));
        }
        byAccount.Sort((x, y) => string.CompareOrdinal(x.Key, y.Key));
        return byAccount;
    }

    /// <summary>The paying periods of <paramref name="periods"/> (one account's), in their order then sorted by start; null when none pays.</summary>
    public static List<SubscriptionPeriod>? SortedPaying(ReadOnlySpan<SubscriptionPeriod> periods)
    {
        List<SubscriptionPeriod>? paying = null;
        foreach (var period in periods)
        {
            if (NormalisedMrr.IsPaying(period))
                (paying ??= []).Add(period);
        }
        paying?.Sort((x, y) => x.Start.CompareTo(y.Start));
        return paying;
    }

    /// <summary>
    /// The merged coverage spells of periods sorted by start. With <paramref name="knownAt"/>, the
    /// history is cut at that instant as it was known then: periods starting after it are ignored and
    /// an end after it is unknown, so such a period reads as open.
    /// </summary>
    public static List<CoverageSpell> Spells(IReadOnlyList<SubscriptionPeriod> sortedPaying, DateTime? knownAt = null)
    {
        ArgumentNullException.ThrowIfNull(sortedPaying);
        var spells = new List<CoverageSpell>();
        var next = 0;
        while (NextSpell(sortedPaying, ref next, knownAt, out var spell))
            spells.Add(spell);
        return spells;
    }

    /// <summary>
    /// The first of <see cref="Spells"/> of <paramref name="sortedPaying"/> with everything known (the first unbroken stretch
    /// of paying coverage), without working out the others; null when there is no period.
    /// </summary>
    public static CoverageSpell? FirstSpell(IReadOnlyList<SubscriptionPeriod> sortedPaying)
    {
        ArgumentNullException.ThrowIfNull(sortedPaying);
        var next = 0;
        return NextSpell(sortedPaying, ref next, null, out var spell) ? spell : null;
    }

    /// <summary>
    /// The spell that starts with period <paramref name="next"/> (moved past it): the periods after it that start before
    /// its end so far (or while it is open) merge into it. False when no period is left, or the next one starts after
    /// <paramref name="knownAt"/>.
    /// </summary>
    private static bool NextSpell(IReadOnlyList<SubscriptionPeriod> sorted, ref int next, DateTime? knownAt, out CoverageSpell spell)
    {
        spell = default;
        if (next >= sorted.Count || (knownAt is { } k && sorted[next].Start > k))
            return false;
        var start = sorted[next].Start;
        var end = KnownEnd(sorted[next++], knownAt); // null = open
        while (next < sorted.Count)
        {
            var p = sorted[next];
            if ((knownAt is { } k2 && p.Start > k2) || (end is { } current && p.Start > current))
                break;
            var pEnd = KnownEnd(p, knownAt);
            if (end is not null && (pEnd is null || pEnd > end))
                end = pEnd;
            next++;
        }
        spell = new CoverageSpell(start, end);
        return true;
    }

    /// <summary>A period's end as known at <paramref name="knownAt"/>: an end after it is not known yet (null, as open).</summary>
    private static DateTime? KnownEnd(SubscriptionPeriod period, DateTime? knownAt) =>
        period.End is { } e && (knownAt is not { } k || e <= k) ? e : null;

    /// <summary>Whether any spell covers <paramref name="instant"/>.</summary>
    public static bool IsActive(IReadOnlyList<CoverageSpell> spells, DateTime instant)
    {
        foreach (var s in spells)
        {
            if (s.Covers(instant))
                return true;
        }
        return false;
    }
}
