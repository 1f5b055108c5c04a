using System.Globalization;

using Tenure.Metrics.Benchmarks;
using Tenure.Metrics.Periods;

namespace Tenure.Web.Dashboards;

/// <summary>A benchmark next to a figure: what it says, where from, and whether the figure meets it (null: a typical value, nothing to meet).</summary>
public sealed record BenchmarkCheck(Benchmark Benchmark, bool? Met)
{
    public string Source => Benchmark.Year is { } year ? $"{Benchmark.Source}, {year}" : Benchmark.Source;
}

/// <summary>A headline metric on the executive dashboard: its card, its weekly trend and the benchmarks it is held against.</summary>
public sealed record HeadlineTrend(MetricCard Card, IReadOnlyList<ChartPoint> Weekly, IReadOnlyList<BenchmarkCheck> Benchmarks);

/// <summary>The executive dashboard (issue #4, page 3).</summary>
public sealed record ExecutiveDashboardModel(
    DashboardQuery Query,
    IReadOnlyList<MetricCard> Cards,
    IReadOnlyList<ChartPoint> WorkFocus,
    IReadOnlyList<HeadlineTrend> Headlines,
    BenchmarkIndustry? Industry,
    IReadOnlyList<BenchmarkIndustry> Industries);

public static class ExecutiveDashboard
{
    public static readonly IReadOnlyList<string> CardMetrics = ["tasks-completed", "overdue-tasks"];

    public static readonly IReadOnlyList<string> HeadlineMetrics =
    [
        "customers", "mrr", "net-new-mrr", "churn-rate", "gross-mrr-churn-rate", "net-mrr-churn-rate",
        "net-revenue-retention", "nps", "csat", "response-rate",
    ];

    public const int Weeks = 12;

    /// <summary>The page model, each headline held against the benchmarks of <paramref name="industry"/> (null: any industry's).</summary>
    public static ExecutiveDashboardModel Build(DashboardContext context, BenchmarkCatalogue benchmarks, BenchmarkIndustry? industry)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(benchmarks);
        var query = context.Query;
        var ids = CardMetrics.Concat(HeadlineMetrics).ToList();
        var series = context.CurrentAndPrevious(ids);
        // The last 12 ISO weeks up to the period's end (the last one cut at the end when it is not a Monday).
        var weeksFrom = PeriodCalendar.Floor(query.Current.End.AddTicks(-1), Granularity.Week).AddDays(-7 * (Weeks - 1));
        var weekly = context.Series(weeksFrom, query.Current.End, Granularity.Week, HeadlineMetrics);

        var cards = context.Cards(series, CardMetrics);
        var focus = cards[0].Breakdown is { } breakdown
            ? breakdown.OrderByDescending(kv => kv.Value).Select(kv => new ChartPoint(kv.Key, kv.Value)).ToList()
            : [];
        var headlines = HeadlineMetrics.Select(id =>
        {
            var card = MetricCard.Of(id, series[id, -1], series[id, -2], query, context.Present, context.Currency);
            var points = weekly.Of(id).Select(r => new ChartPoint(r.Period.Start.ToString("dd MMM", CultureInfo.InvariantCulture), r.Value.Value)).ToList();
            var checks = benchmarks.For(id, industry?.Key).Select(b => new BenchmarkCheck(b, b.IsMetBy(card.Value))).ToList();
            return new HeadlineTrend(card, points, checks);
        }).ToList();
        return new ExecutiveDashboardModel(query, cards, focus, headlines, industry, benchmarks.Industries);
    }
}
