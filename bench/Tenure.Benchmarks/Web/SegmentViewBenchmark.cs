using BenchmarkDotNet.Attributes;

using Tenure.Metrics.Inputs;
using Tenure.Web.Dashboards;

namespace Tenure.Benchmarks.Web;

/// <summary>
/// What the segment views' benchmarks share: the DuckDB peer's 100,000-account set (directory TENURE_BENCH_PEER, default
/// /tmp/peer-100k, made by bench/peer.sh; or a database it was imported into, TENURE_BENCH_DB: <see cref="Metrics.PeerDataSet"/>)
/// read once, the page's view of the whole set made first (<see cref="WarmWhole"/>, as the server's warm-up makes it), and
/// the year around 2024-06-01 under one segment filter (<see cref="Filter"/>).
/// </summary>
[MemoryDiagnoser]
public abstract class SegmentViewBenchmark
{
    private static readonly DateTime Now = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    protected TenureDataSet Data { get; private set; } = null!;

    /// <summary>The filtered view each operation makes.</summary>
    protected DashboardQuery Query { get; private set; } = null!;

    /// <summary>
    /// plan=pro (213,060 of the 500,000 tickets), region=emea (125,380), industry=healthcare (83,443); segment=mid-market
    /// holds the same accounts as plan=pro in the peer's set (the slowest of bench/first-support-views.txt on the server).
    /// TENURE_BENCH_FILTERS, filters separated by spaces, replaces these; a filter may name its own period and date
    /// (<c>region=na&amp;period=month&amp;date=2024-03-10</c>).
    /// </summary>
    [ParamsSource(nameof(Filters))]
    public string Filter { get; set; } = "";

    public static IEnumerable<string> Filters =>
        Environment.GetEnvironmentVariable("TENURE_BENCH_FILTERS") is { Length: > 0 } filters
            ? filters.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : ["plan=pro", "region=emea", "industry=healthcare", "segment=mid-market"];

    [GlobalSetup]
    public void Setup()
    {
        Data = Metrics.PeerDataSet.Read();
        Query = Year("2024-06-01", Filter);
        WarmWhole(Data);
    }

    /// <summary>Makes the page's view of the whole set (over <paramref name="data"/>, e.g. for <see cref="Year"/>), as the server's warm-up does.</summary>
    protected abstract void WarmWhole(TenureDataSet data);

    /// <summary>The filter applied (a new segment data set) and the context a page of <see cref="Query"/> is made in over it.</summary>
    protected DashboardContext NewSegmentContext()
    {
        var filtered = Query.Filter.Apply(Data);
        return new DashboardContext(Data, Query, () => filtered, segmentDataMade: () => true);
    }

    /// <summary>The view of the year around <paramref name="date"/> (yyyy-MM-dd) under <paramref name="filter"/> (key=value, or several joined by &amp;; null: the whole set), or of the period and date the filter names.</summary>
    protected static DashboardQuery Year(string date, string? filter = null)
    {
        var parts = (filter ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        return DashboardQuery.Parse(name => name switch
        {
            "period" => parts.GetValueOrDefault(name) ?? "year",
            "date" => parts.GetValueOrDefault(name) ?? date,
            _ => parts.GetValueOrDefault(name),
        }, Now, out _);
    }
}
