using System.Globalization;

using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Periods;

namespace Tenure.Web.Dashboards;

/// <summary>
/// A signup cohort's row of the retention heatmap: its size (new customers, and their new MRR) and, per month since
/// signup, logo and revenue retention in % of that size. M0 is 100 % of the cohort by definition; losses (and
/// expansion) count from M1, the close of the month after signup.
/// </summary>
public sealed record CohortRow(string Cohort, decimal NewCustomers, decimal StartingMrr, IReadOnlyList<decimal?> Logo, IReadOnlyList<decimal?> Revenue);

/// <summary>The SaaS dashboard (issue #4, page 2).</summary>
public sealed record SaasDashboardModel(DashboardQuery Query, IReadOnlyList<MetricCard> Cards, IReadOnlyList<CohortRow> Cohorts, int Months, string? CohortsUnavailable,
    RetentionOutlookModel? Projection = null, string? ProjectionUnavailable = null);

public static class SaasDashboard
{
    public static readonly IReadOnlyList<string> CardMetrics =
    [
        "daily-usage", "adoption-rate", "escalation-rate", "engagement", "mrr", "net-revenue-retention",
        "net-new-mrr", "clv", "cac", "churned-customers", "retention-rate", "happiness",
    ];

    public const int CohortMonths = 12;

    /// <summary>The months the CLV card covers: CLV needs a year of purchases and churn, one month swings it.</summary>
    public const int ClvMonths = 12;

    public static SaasDashboardModel Build(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The cohorts need the segment's data: made first, the cards are computed from it too (DashboardContext). Then the
        // page's four parts at once, each over the segment's data and the derivations it shares (built once, by whichever
        // part asks first): on an idle server a view's first request has both cores.
        _ = context.Filtered;
        (IReadOnlyList<CohortRow> Rows, string? Unavailable) cohorts = ([], null);
        List<MetricCard> cards = [];
        MetricCard? trailingClv = null;
        (RetentionOutlookModel? Model, string? Unavailable) projection = default;
        InParallel.Invoke(
            () => cohorts = Cohorts(context),
            () => cards = [.. context.Cards(context.CurrentAndPrevious(CardMetrics), CardMetrics)],
            () => trailingClv = TrailingClv(context),
            () => projection = RetentionOutlook.Build(context));
        var clv = cards.FindIndex(c => c.MetricId == "clv");
        if (clv >= 0 && trailingClv is not null) cards[clv] = trailingClv;
        // Without cohorts (no subscriptions) there is nothing to project either.
        var (model, projectionUnavailable) = cohorts.Unavailable is null ? projection : (null, null);
        return new SaasDashboardModel(context.Query, cards, cohorts.Rows, CohortMonths, cohorts.Unavailable, model, projectionUnavailable);
    }

    /// <summary>
    /// The CLV card over the 12 months ending with the period (one range, as GET /api/v1/metrics?metric=clv&amp;period=range
    /// over those dates), compared with the 12 months ending with the previous period.
    /// </summary>
    public static MetricCard TrailingClv(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = context.Query;
        MetricResult Over(DateTime end) => context.Series(end.AddMonths(-ClvMonths), end, Granularity.Range, ["clv"])["clv", 0];
        MetricResult current = null!, previous = null!;
        var currentFrom = query.Current.End.AddMonths(-ClvMonths);
        if (query.Previous.End == currentFrom)
        {
            // The two ranges meet (a year's, or a custom range of twelve months): one pass over the rows, cut where they meet.
            var both = context.Series(query.Previous.End.AddMonths(-ClvMonths), query.Current.End, Granularity.Range, ["clv"], [currentFrom]);
            (previous, current) = (both["clv", 0], both["clv", 1]);
        }
        else
        {
            // Two overlapping ranges over the rows (no grid holds a range): at once, on a server with a core to spare.
            InParallel.Invoke(() => current = Over(query.Current.End), () => previous = Over(query.Previous.End));
        }
        var trailing = query with
        {
            Kind = PeriodKind.Custom,
            Current = current.Period,
            Previous = previous.Period,
        };
        var card = MetricCard.Of("clv", current, previous, trailing, context.Present, context.Currency);
        return card with { Name = $"{card.Name}, trailing {ClvMonths} months ({DashboardQuery.Label(current.Period, PeriodKind.Custom)})" };
    }

    /// <summary>
    /// The engine split by signup cohort over the 12 months ending with the period: cohort c's size is its
    /// new-customers in its signup month and their new-mrr; M0 is 100 % of that size; month k (k &gt;= 1) is its
    /// customers at the close of month c + k over the size (logo), its mrr then over its new MRR (revenue). A
    /// customer who joins and leaves in the signup month counts in the size and is lost at M1.
    /// </summary>
    public static (IReadOnlyList<CohortRow> Rows, string? Unavailable) Cohorts(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var end = PeriodCalendar.Floor(context.Query.Current.End.AddTicks(-1), Granularity.Month).AddMonths(1);
        var from = end.AddMonths(-CohortMonths);
        var results = MetricEngine.Compute(context.Filtered, new MetricRequest(from, end, Granularity.Month, SegmentBy.Cohort, ["new-customers", "new-mrr", "customers", "mrr"], context.Options));
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
            var baseMrr = Get("new-mrr", segment, month) ?? 0m;
            List<decimal?> logo = [size == 0m ? null : 100m];
            List<decimal?> revenue = [baseMrr == 0m ? null : 100m];
            for (var k = 1; i + k < months.Count; k++)
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
