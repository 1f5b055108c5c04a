using BenchmarkDotNet.Attributes;

using Tenure.Metrics.Inputs;
using Tenure.Web.Dashboards;

namespace Tenure.Benchmarks.Web;

/// <summary>
/// The SaaS dashboard's first view under a new segment filter, as the server makes it (issue #13 item 3): the DuckDB peer's
/// 100,000-account set (directory TENURE_BENCH_PEER, default /tmp/peer-100k, made by bench/peer.sh) read once and its SaaS
/// view made over the whole set for a year (as the server's warm-up makes it), then, per operation, the filter applied (a
/// new segment data set) and the page made for another year: its cards, cohorts, trailing CLV and retention projection.
/// <see cref="Projection"/>: the filter applied and the retention projection alone.
/// </summary>
[MemoryDiagnoser]
public class SaasViewBenchmarks
{
    private TenureDataSet data = null!;
    private DashboardQuery query = null!;

    /// <summary>plan=pro, region=emea, industry=healthcare (the support view's benchmark's filters).</summary>
    [Params("plan=pro", "region=emea", "industry=healthcare")]
    public string Filter { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        data = Metrics.PeerDataSet.Read();
        query = SegmentViewQuery.Year("2024-06-01", Filter);
        var whole = SegmentViewQuery.Year("2023-06-01");
        SaasDashboard.Build(new DashboardContext(data, whole, () => data));
    }

    [Benchmark]
    public int FirstView()
    {
        var filtered = query.Filter.Apply(data);
        return SaasDashboard.Build(new DashboardContext(data, query, () => filtered, segmentDataMade: () => true)).Cards.Count;
    }

    [Benchmark]
    public int Projection()
    {
        var filtered = query.Filter.Apply(data);
        return RetentionOutlook.Build(new DashboardContext(data, query, () => filtered, segmentDataMade: () => true)).Model?.Cohorts ?? 0;
    }
}
