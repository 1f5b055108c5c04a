using System.Globalization;

using Tenure.Metrics.Periods;

namespace Tenure.Web.Dashboards;

/// <summary>One bar of the MRR movement waterfall: a level (opening, closing) or a movement (+ or −); <paramref name="ShortLabel"/> names it on a phone.</summary>
public sealed record WaterfallStep(string Label, decimal Amount, bool IsLevel, string? DrillLink, string? ShortLabel = null);

/// <summary>The customer-success KPI dashboard (issue #4, page 1).</summary>
public sealed record KpiDashboardModel(
    DashboardQuery Query,
    IReadOnlyList<MetricCard> Cards,
    IReadOnlyList<WaterfallStep> Waterfall,
    IReadOnlyList<ChartPoint> MrrTrend,
    string? WaterfallUnavailable);

public static class KpiDashboard
{
    public static readonly IReadOnlyList<string> CardMetrics =
    [
        "customers", "new-customers", "net-new-mrr", "new-mrr", "new-arr", "upsells", "downgrades",
        "contraction-mrr", "contraction-arr", "churned-customers", "churned-mrr", "churned-arr",
    ];

    private static readonly IReadOnlyList<string> Movements = ["mrr", "new-mrr", "expansion-mrr", "reactivation-mrr", "contraction-mrr", "churned-mrr"];

    public static KpiDashboardModel Build(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = context.Query;
        var ids = CardMetrics.Concat(Movements).Distinct().ToList();
        var trendFrom = query.Current.End.AddMonths(-12);
        MetricSeries cards;
        MetricSeries trend;
        if (query.Kind == PeriodKind.Month)
        {
            // One engine call: the 12 months of the trend end with the previous and the current month.
            cards = trend = context.Series(trendFrom, query.Current.End, Granularity.Month, ids);
        }
        else
        {
            cards = context.CurrentAndPrevious(ids);
            trend = context.Series(trendFrom, query.Current.End, Granularity.Month, ["mrr"]);
        }

        var current = cards["mrr", -1];
        IReadOnlyList<WaterfallStep> waterfall = [];
        string? unavailable = current.Unavailable;
        // No figure at either end (a filter no account has): no waterfall of zeros beside cards that say n/a.
        if (unavailable is null && (current.Value.Value is not null || cards["mrr", -2].Value.Value is not null))
        {
            decimal V(string id) => cards[id, -1].Value.Value ?? 0m;
            waterfall =
            [
                new("Opening", cards["mrr", -2].Value.Value ?? 0m, true, null, "Open"),
                new("New", V("new-mrr"), false, query.DrillLink("new-mrr")),
                new("Expansion", V("expansion-mrr"), false, query.DrillLink("expansion-mrr"), "Exp."),
                new("Reactivation", V("reactivation-mrr"), false, query.DrillLink("reactivation-mrr"), "React."),
                new("Contraction", -V("contraction-mrr"), false, query.DrillLink("contraction-mrr"), "Contr."),
                new("Churn", -V("churned-mrr"), false, query.DrillLink("churned-mrr")),
                new("Closing", V("mrr"), true, query.DrillLink("mrr"), "Close"),
            ];
        }
        var points = trend.Of("mrr").Select(r => new ChartPoint(r.Period.Start.ToString("MMM yy", CultureInfo.InvariantCulture), r.Value.Value)).ToList();
        return new KpiDashboardModel(query, context.Cards(cards, CardMetrics), waterfall, points, unavailable);
    }
}
