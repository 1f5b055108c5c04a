using System.Globalization;

using Tenure.Metrics.Engine;
using Tenure.Metrics.Periods;

namespace Tenure.Web.Dashboards;

/// <summary>A signup cohort's row of the retention heatmap: its size and, per month since signup, logo and revenue retention in %.</summary>
public sealed record CohortRow(string Cohort, decimal NewCustomers, decimal StartingMrr, IReadOnlyList<decimal?> Logo, IReadOnlyList<decimal?> Revenue);

/// <summary>The SaaS dashboard (issue #4, page 2).</summary>
public sealed record SaasDashboardModel(DashboardQuery Query, IReadOnlyList<MetricCard> Cards, IReadOnlyList<CohortRow> Cohorts, int Months, string? CohortsUnavailable);

public static class SaasDashboard
{
    public static readonly IReadOnlyList<string> CardMetrics =
    [
        "daily-usage", "adoption-rate", "escalation-rate", "engagement", "mrr", "net-revenue-retention",
        "net-new-mrr", "clv", "cac", "churned-customers", "retention-rate", "happiness",
    ];

    public const int CohortMonths = 12;

    public static SaasDashboardModel Build(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var series = context.CurrentAndPrevious(CardMetrics);
        var (cohorts, unavailable) = Cohorts(context);
        return new SaasDashboardModel(context.Query, context.Cards(series, CardMetrics), cohorts, CohortMonths, unavailable);
    }

    /// <summary>
    /// The engine split by signup cohort over the 12 months ending with the period: cohort c's size is its
    /// new-customers in its signup month; month k's logo retention is its customers at the close of month
    /// c + k over that size, its revenue retention its mrr then over its mrr at the close of month c.
    /// </summary>
    public static (IReadOnlyList<CohortRow> Rows, string? Unavailable) Cohorts(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var end = PeriodCalendar.Floor(context.Query.Current.End.AddTicks(-1), Granularity.Month).AddMonths(1);
        var from = end.AddMonths(-CohortMonths);
        var results = MetricEngine.Compute(context.Filtered, new MetricRequest(from, end, Granularity.Month, SegmentBy.Cohort, ["new-customers", "customers", "mrr"], context.Options));
        if (results.FirstOrDefault(r => r.Unavailable is not null) is { } missing)
            return ([], missing.Unavailable);
        var months = PeriodCalendar.Split(from, end, Granularity.Month);
        var lookup = results.ToDictionary(r => (r.Metric, r.Segment, r.Period.Start), r => r.Value.Value);
        decimal? Get(string metric, string segment, DateTime month) => lookup.GetValueOrDefault((metric, segment, month));
        var rows = new List<CohortRow>();
        for (var i = 0; i < months.Count; i++)
        {
            var month = months[i].Start;
            var label = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var segment = "cohort=" + label;
            var size = Get("new-customers", segment, month) ?? 0m;
            var baseMrr = Get("mrr", segment, month) ?? 0m;
            var logo = new List<decimal?>();
            var revenue = new List<decimal?>();
            for (var k = 0; i + k < months.Count; k++)
            {
                var at = months[i + k].Start;
                logo.Add(size == 0m ? null : (Get("customers", segment, at) ?? 0m) * 100m / size);
                revenue.Add(baseMrr == 0m ? null : (Get("mrr", segment, at) ?? 0m) * 100m / baseMrr);
            }
            rows.Add(new CohortRow(label, size, baseMrr, logo, revenue));
        }
        return (rows, null);
    }
}
