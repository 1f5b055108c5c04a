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
        Build(PayingHistory.PayingPeriodsByAccount(subscriptions).Values, asOf);

    /// <summary>
    /// <see cref="Build(IEnumerable{SubscriptionPeriod}, DateTime)"/> over <paramref name="data"/>'s subscriptions, whose
    /// paying periods by account are kept with the data set (a dashboard asks for every period it shows).
    /// </summary>
    public static IReadOnlyList<CohortSurvivors> Build(TenureDataSet data, DateTime asOf) =>
        Build(PayingHistory.PayingPeriodsByAccount(data).Select(p => p.Value), asOf);

    private static IReadOnlyList<CohortSurvivors> Build(IEnumerable<List<SubscriptionPeriod>> payingByAccount, DateTime asOf)
    {
        var members = new SortedDictionary<DateTime, List<(DateTime Signup, DateTime? FirstSpellEnd)>>();
        foreach (var periods in payingByAccount)
        {
            var spells = PayingHistory.Spells(periods, asOf);
            if (spells.Count == 0 || spells[0].Start >= asOf)
                continue;
            var signup = spells[0].Start;
            var month = new DateTime(signup.Year, signup.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            if (!members.TryGetValue(month, out var list))
                members[month] = list = [];
            list.Add((signup, spells[0].End));
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
