using Tenure.Metrics.Accounts;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Web.Dashboards;

namespace Tenure.Web.Tests.Dashboards;

/// <summary>
/// The workspace's churn grace reaches every dashboard figure and drill-down. The data is the late
/// renewal: 95,604 a year (MRR 95,604 / 12 = 7,967) ends 2026-01-01, renewed 2026-01-07 at 74,268 a year
/// (MRR 74,268 / 12 = 6,189); plus a monthly account at 500 throughout.
/// </summary>
public sealed class ChurnGraceDashboardTests
{
    private static readonly DateTime Now = new(2026, 2, 10, 0, 0, 0, DateTimeKind.Utc);

    private static readonly TenureDataSet Data = new()
    {
        Accounts = [new Account("acme", "Acme", Utc(2024, 12, 1)), new Account("beta", "Beta", Utc(2024, 12, 1))],
        Subscriptions =
        [
            new SubscriptionPeriod("y1", "acme", "pro", Utc(2025, 1, 1), Utc(2026, 1, 1), 95_604m, BillingInterval.Year),
            new SubscriptionPeriod("y2", "acme", "pro", Utc(2026, 1, 7), Utc(2027, 1, 7), 74_268m, BillingInterval.Year),
            new SubscriptionPeriod("m1", "beta", "basic", Utc(2025, 1, 1), null, 500m, BillingInterval.Month),
        ],
        Present = InputKind.Accounts | InputKind.Subscriptions,
    };

    private static DateTime Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);

    private static DashboardContext January(int graceDays)
    {
        var query = DashboardQuery.Parse(k => k switch { "period" => "month", "date" => "2026-01-01", _ => null }, Now, out var error);
        Assert.Null(error);
        return new DashboardContext(Data, query, () => Data, new MetricOptions { ChurnGraceDays = graceDays });
    }

    private static Dictionary<string, decimal?> Cards(DashboardContext context, params string[] ids) =>
        context.Cards(context.CurrentAndPrevious(ids), ids).ToDictionary(c => c.MetricId, c => c.Value);

    [Fact]
    public void Cards_FollowTheWorkspaceGrace()
    {
        string[] ids = ["churned-mrr", "reactivation-mrr", "contraction-mrr", "customers", "mrr", "churned-customers"];
        var none = Cards(January(0), ids);
        Assert.Equal(7_967m, none["churned-mrr"]);
        Assert.Equal(6_189m, none["reactivation-mrr"]);
        var grace = Cards(January(7), ids);
        Assert.Equal(0m, grace["churned-mrr"]);
        Assert.Equal(0m, grace["reactivation-mrr"]);
        Assert.Equal(1_778m, grace["contraction-mrr"]); // 7,967 - 6,189
        Assert.Equal(2m, grace["customers"]);
        Assert.Equal(6_689m, grace["mrr"]);            // 6,189 + 500
    }

    [Theory]
    [InlineData("contraction-mrr", 1_778)]
    [InlineData("churned-mrr", 0)]
    [InlineData("mrr", 6_689)]
    public void Drilldown_WithTheGrace_AddsUpToItsCard(string drill, int total)
    {
        var summaries = AccountsList.Summaries(AccountBook.Of(Data), Now);
        var query = AccountsQuery.Parse(k => k switch { "drill" => drill, "from" => "2026-01-01", "to" => "2026-02-01", _ => null }, null);
        var model = AccountsList.Build(Data, summaries, query, Now, AccountsList.Choices(Data), new MetricOptions { ChurnGraceDays = 7 });
        Assert.NotNull(model.Drill);
        Assert.True(model.Drill!.AddsUp);
        Assert.Equal((decimal)total, model.Rows.Sum(r => r.DrillAmount ?? 0m));
    }
}
