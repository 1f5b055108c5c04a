using Tenure.Metrics.Inputs;
using Tenure.Web.Dashboards;

namespace Tenure.Web.Tests.Dashboards;

/// <summary>The SaaS dashboard's projected retention beside the signup cohorts' actual survival, on hand-made subscriptions.</summary>
public sealed class RetentionOutlookTests
{
    private static DateTime D(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);

    private static SubscriptionPeriod Paying(string account, DateTime start, DateTime? end) =>
        new($"S-{account}-{start:yyyyMMdd}", account, "basic", start, end, 100m, BillingInterval.Month);

    [Fact]
    public void Build_ActualIsTheObservedCohortsSurvivors_AndTheProjectionStartsAtOneHundred()
    {
        SubscriptionPeriod[] subscriptions =
        [
            Paying("A1", D(2024, 1, 15), null),
            Paying("A2", D(2024, 1, 20), D(2024, 3, 20)),    // lost at month 2
            Paying("A3", D(2024, 1, 31), D(2024, 3, 1)),     // lost at month 2 (01-31 + 2 months = 03-31)
            Paying("A4", D(2024, 1, 10), D(2024, 2, 5)),     // lost at month 1
            Paying("A5", D(2024, 1, 5), D(2024, 6, 10)),     // lost at month 6, after what is observed
            Paying("A6", D(2024, 1, 8), null),
            Paying("B1", D(2024, 3, 3), null),
            Paying("B2", D(2024, 3, 10), D(2024, 4, 9)),     // lost at month 1
            Paying("C1", D(2024, 6, 12), null),              // no whole month after signup yet: not fitted
        ];
        var data = new TenureDataSet
        {
            Accounts = [.. subscriptions.Select(s => s.AccountId).Distinct().Select(id => new Account(id, id, D(2023, 12, 1)))],
            Subscriptions = subscriptions,
            Present = InputKind.Accounts | InputKind.Subscriptions,
        };
        // June 2024: known at 07-01, January's cohort observed for months 1-5, March's for 1-3.
        var query = DashboardQuery.Default(D(2024, 7, 15));
        var (model, unavailable) = RetentionOutlook.Build(new DashboardContext(data, query, () => data));

        Assert.Null(unavailable);
        Assert.NotNull(model);
        Assert.Equal(2, model.Cohorts);
        Assert.Equal(8, model.Customers);
        // Survivors over the sizes of the cohorts observed to month k: (5 + 1) / 8, (3 + 1) / 8, (3 + 1) / 8, 3 / 6, 3 / 6.
        decimal?[] actual = [100m, 75m, 50m, 50m, 50m, 50m];
        Assert.Equal(actual, model.Actual.Take(6));
        Assert.All(model.Actual.Skip(6), a => Assert.Null(a));
        Assert.Equal(100m, model.Projected[0]);
        Assert.Equal(RetentionOutlook.HorizonMonths + 1, model.Projected.Count);
        for (var k = 1; k < model.Projected.Count; k++)
            Assert.True(model.Projected[k] < model.Projected[k - 1]);
    }
}
