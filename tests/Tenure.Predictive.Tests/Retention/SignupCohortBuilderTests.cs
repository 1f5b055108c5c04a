using Tenure.Metrics.Inputs;
using Tenure.Predictive.Retention;

namespace Tenure.Predictive.Tests.Retention;

public sealed class SignupCohortBuilderTests
{
    private static DateTime D(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);

    private static SubscriptionPeriod Paying(string account, DateTime start, DateTime? end) =>
        new($"S-{account}-{start:yyyyMMdd}", account, "basic", start, end, 100m, BillingInterval.Month);

    [Fact]
    public void Build_HandCountedSurvivors_PerSignupMonth()
    {
        // Known at 2024-07-01. A member survives month k while its first spell ends after signup + k months.
        SubscriptionPeriod[] subscriptions =
        [
            Paying("A1", D(2024, 1, 15), null),                 // never lost
            Paying("A2", D(2024, 1, 20), D(2024, 3, 20)),        // 03-20 <= 01-20 + 2 months: lost at 2
            Paying("A3", D(2024, 1, 31), D(2024, 3, 1)),         // 01-31 + 1 month = 02-29 < 03-01; + 2 = 03-31: lost at 2
            Paying("A4", D(2024, 1, 10), D(2024, 2, 5)),         // lost at 1
            Paying("A5", D(2024, 1, 5), D(2024, 3, 5)),          // with the next, one spell to 06-10:
            Paying("A5", D(2024, 3, 5), D(2024, 6, 10)),         // 06-10 > 01-05 + 5 months = 06-05: lost at 6
            Paying("A6", D(2024, 1, 8), D(2024, 8, 1)),          // ends after 07-01: unknown then, so open
            Paying("B1", D(2024, 3, 3), null),
            Paying("B2", D(2024, 3, 10), D(2024, 4, 9)),         // 04-09 <= 03-10 + 1 month: lost at 1
            Paying("C1", D(2024, 6, 12), null),                 // signed up, no whole month observed yet
            Paying("D1", D(2024, 7, 5), null),                  // after 07-01: not known then
        ];

        var cohorts = SignupCohortBuilder.Build(subscriptions, D(2024, 7, 1));

        Assert.Equal(["2024-01", "2024-03", "2024-06"], cohorts.Select(c => c.Name));
        // January: months 1-5 observed (01-01 + 6 months = 07-01 <= 07-01); 6 members, A4 gone at 1, A2 and A3 at 2.
        Assert.Equal([6, 5, 3, 3, 3, 3], cohorts[0].Survivors);
        // March: months 1-3 observed; B2 gone at 1.
        Assert.Equal([2, 1, 1, 1], cohorts[1].Survivors);
        // June: size only.
        Assert.Equal([1], cohorts[2].Survivors);
    }
}
