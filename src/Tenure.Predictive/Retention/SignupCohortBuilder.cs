using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Predictive.Accounts;

namespace Tenure.Predictive.Retention;

/// <summary>
/// Builds monthly signup cohorts from Tenure's own subscriptions, for the sBG projection.
/// An account's signup is the start of its first paying period (METRICS.md cohort: the month of the
/// account's first paying period). It survives k months while its first unbroken spell of paying
/// coverage still covers signup + k months; the sBG story has no way back, so a customer who leaves
/// and returns counts as lost at the first departure.
/// </summary>
public static class SignupCohortBuilder
{
    /// <summary>
    /// One <see cref="CohortSurvivors"/> per signup month up to <paramref name="asOf"/>, named yyyy-MM,
    /// oldest first. Month k of a cohort is observed only once every member can have reached it:
    /// cohort month start + (k + 1) months &lt;= <paramref name="asOf"/>. Cohorts with no observed
    /// month are still returned (size only). Only knowledge up to <paramref name="asOf"/> is used.
    /// </summary>
    public static IReadOnlyList<CohortSurvivors> Build(IEnumerable<SubscriptionPeriod> subscriptions, DateTime asOf) =>
        Build(FirstSpells(PayingHistory.PayingPeriodsByAccount(subscriptions).Values), asOf);

    /// <summary>
    /// <see cref="Build(IEnumerable{SubscriptionPeriod}, DateTime)"/> over <paramref name="data"/>'s subscriptions. Each account's
    /// first spell of paying coverage is worked out once per data set and kept with it (a dashboard asks for every period it
    /// shows, each with its own <paramref name="asOf"/>): the first spell as known at any date follows from it. A segment's
    /// are the whole data set's for its accounts once the whole's are known (<see cref="DataSetDerivations.PerAccount"/>): a
    /// new filter's SaaS page does not work out every account's paying periods again.
    /// </summary>
    public static IReadOnlyList<CohortSurvivors> Build(TenureDataSet data, DateTime asOf) =>
        Build(DataSetDerivations.GetOrAdd(data, "predictive/first-paying-spells", FirstSpells), asOf);

    /// <summary>Each account's first spell of paying coverage with everything known (<see cref="PayingHistory.FirstSpell"/>).</summary>
    private static CoverageSpell[] FirstSpells(IEnumerable<List<SubscriptionPeriod>> payingByAccount) =>
        [.. payingByAccount.Select(PayingHistory.FirstSpell).OfType<CoverageSpell>()];

    private static CoverageSpell[] FirstSpells(TenureDataSet data)
    {
        var (_, _, offsets) = DataSetDerivations.GroupedByAccount(data, data.Subscriptions, InputKinds.Subscriptions.AccountIdOf!);
        if (offsets[^1] != data.Subscriptions.Count)
        {
            // Periods naming no account are left out of the grouping by account: by their ids instead.
            return FirstSpells(PayingHistory.PayingPeriodsByAccount(data.Subscriptions).Values);
        }
        var ofEachAccount = DataSetDerivations.PerAccount(data, "predictive/first-paying-spell-of-each-account", InputKinds.Subscriptions,
            periods => PayingHistory.SortedPaying(periods) is { } paying ? PayingHistory.FirstSpell(paying) : null);
        var spells = new List<CoverageSpell>(ofEachAccount.Length);
        foreach (var spell in ofEachAccount)
        {
            if (spell is { } known)
                spells.Add(known);
        }
        return [.. spells];
    }

    private static IReadOnlyList<CohortSurvivors> Build(CoverageSpell[] firstSpells, DateTime asOf)
    {
        var members = new SortedDictionary<DateTime, List<(DateTime Signup, DateTime? FirstSpellEnd)>>();
        foreach (var first in firstSpells)
        {
            // The first spell known at asOf (PayingHistory.Spells with knownAt) starts where this one does, when that is
            // before asOf; it is this one when it ended by then (its periods all started and ended by then), and open
            // otherwise (the period that carried it past asOf started by then, its end not known yet).
            if (first.Start >= asOf)
                continue;
            var signup = first.Start;
            var month = new DateTime(signup.Year, signup.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            if (!members.TryGetValue(month, out var list))
                members[month] = list = [];
            list.Add((signup, first.End is { } end && end <= asOf ? end : null));
        }

        var cohorts = new List<CohortSurvivors>(members.Count);
        foreach (var (month, list) in members)
        {
            var observed = 0;
            while (month.AddMonths(observed + 2) <= asOf)
                observed++;
            // A member survives month k while its first spell ends after signup + k months: it is lost at the first such
            // k that does not hold (beyond the observed months when it never does). Survivors at k: those lost after k.
            var lostAt = new int[observed + 2];
            foreach (var (signup, end) in list)
                lostAt[end is { } e ? Math.Min(FirstMonthNotCovered(signup, e), observed + 1) : observed + 1]++;
            var counts = new int[observed + 1];
            counts[0] = list.Count;
            var survivors = lostAt[observed + 1];
            for (var k = observed; k >= 1; k--)
            {
                counts[k] = survivors;
                survivors += lostAt[k];
            }
            cohorts.Add(new CohortSurvivors(month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), counts));
        }
        return cohorts;
    }

    /// <summary>The smallest k &gt;= 1 with <paramref name="end"/> &lt;= <paramref name="signup"/> + k months (AddMonths rises with k).</summary>
    private static int FirstMonthNotCovered(DateTime signup, DateTime end)
    {
        var k = Math.Max(1, (end.Year - signup.Year) * 12 + end.Month - signup.Month - 1);
        while (k > 1 && end <= signup.AddMonths(k - 1))
            k--;
        while (end > signup.AddMonths(k))
            k++;
        return k;
    }
}
