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
        return DataSetDerivations.GetOrAdd(data, "predictive/paying-periods-by-account",
            d => (IReadOnlyList<KeyValuePair<string, List<SubscriptionPeriod>>>)[.. PayingPeriodsByAccount(d.Subscriptions).OrderBy(p => p.Key, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The merged coverage spells of periods sorted by start. With <paramref name="knownAt"/>, the
    /// history is cut at that instant as it was known then: periods starting after it are ignored and
    /// an end after it is unknown, so such a period reads as open.
    /// </summary>
    public static List<CoverageSpell> Spells(IReadOnlyList<SubscriptionPeriod> sortedPaying, DateTime? knownAt = null)
    {
        var spells = new List<CoverageSpell>();
        DateTime? start = null;
        DateTime? end = null; // null = open
        foreach (var p in sortedPaying)
        {
            if (knownAt is { } k && p.Start > k)
                break;
            DateTime? pEnd = p.End is { } e && (knownAt is not { } k2 || e <= k2) ? e : null;
            if (start is null)
            {
                start = p.Start;
                end = pEnd;
                continue;
            }
            if (end is not { } current || p.Start <= current)
            {
                if (end is not null && (pEnd is null || pEnd > end))
                    end = pEnd;
                continue;
            }
            spells.Add(new CoverageSpell(start.Value, end));
            start = p.Start;
            end = pEnd;
        }
        if (start is not null)
            spells.Add(new CoverageSpell(start.Value, end));
        return spells;
    }

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
