using BenchmarkDotNet.Attributes;

using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;

namespace Tenure.Benchmarks.Metrics;

/// <summary>
/// The first request of a dashboard view under a new segment filter, as the server answers it: the DuckDB peer's
/// 100,000-account set (directory TENURE_BENCH_PEER, default /tmp/peer-100k, made by bench/peer.sh) read once and warmed
/// by requests over the whole set, then, per operation, the filter applied (a new segment data set, as a filter not seen
/// before makes) and the metrics a view asks for computed once over it, the segment's derivations included (ADR 0230).
/// </summary>
[MemoryDiagnoser]
public class FilteredRequestBenchmarks
{
    private static readonly string[] ViewMetrics = ["customers", "mrr", "nps", "first-response-time", "daily-usage", "net-revenue-retention"];

    private TenureDataSet data = null!;
    private SegmentFilter filter = null!;

    /// <summary>plan=pro (27 % of the accounts), csm=quinn (5 %), plan=basic + region=emea (14 %).</summary>
    [Params("plan=pro", "csm=quinn", "plan=basic&region=emea")]
    public string Filter { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        data = PeerDataSet.Read();
        var parts = Filter.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        filter = new SegmentFilter(Csm: parts.GetValueOrDefault("csm"), Plan: parts.GetValueOrDefault("plan"), Region: parts.GetValueOrDefault("region"));
        foreach (var metric in ViewMetrics)
            MetricEngine.Compute(data, Request(metric));
    }

    [Benchmark]
    public int FirstRequest()
    {
        var segment = filter.Apply(data);
        var count = 0;
        foreach (var metric in ViewMetrics)
            count += MetricEngine.Compute(segment, Request(metric)).Count;
        return count;
    }

    private static MetricRequest Request(string metric) =>
        new(new DateTime(2024, 11, 1), new DateTime(2024, 12, 1), Granularity.Month, SegmentBy.None, [metric]);
}
