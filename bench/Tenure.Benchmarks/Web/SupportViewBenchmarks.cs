using BenchmarkDotNet.Attributes;

using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Inputs;
using Tenure.Web.Dashboards;

namespace Tenure.Benchmarks.Web;

/// <summary>
/// The support dashboard's first view under a new segment filter, as the server makes it (issue #13 item 3, ADR 0390):
/// the DuckDB peer's 100,000-account set (directory TENURE_BENCH_PEER, default /tmp/peer-100k, made by bench/peer.sh)
/// read once and its support view made over the whole set (as the server's warm-up makes it: the whole's agents and ticket
/// columns), then, per operation, the filter applied (a new segment data set), the segment's agents made, and the page's
/// cards and per-agent table computed for a year. <see cref="Agents"/>: the filter applied and the segment's agents made,
/// nothing computed.
/// </summary>
[MemoryDiagnoser]
public class SupportViewBenchmarks
{
    private TenureDataSet data = null!;
    private DashboardQuery query = null!;

    /// <summary>plan=pro (213,060 of the 500,000 tickets), region=emea (125,380), industry=healthcare (83,443).</summary>
    [Params("plan=pro", "region=emea", "industry=healthcare")]
    public string Filter { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        data = Metrics.PeerDataSet.Read();
        query = SegmentViewQuery.Year("2024-06-01", Filter);
        var whole = SegmentViewQuery.Year("2024-06-01");
        SupportDashboard.Build(new DashboardContext(data, whole, () => data));
    }

    [Benchmark]
    public int FirstView()
    {
        var filtered = query.Filter.Apply(data);
        return SupportDashboard.Build(new DashboardContext(data, query, () => filtered, segmentDataMade: () => true)).PerAgent.Rows.Count;
    }

    [Benchmark]
    public int Agents() => AgentDataSet.Of(query.Filter.Apply(data)).Surveys.Count;
}
