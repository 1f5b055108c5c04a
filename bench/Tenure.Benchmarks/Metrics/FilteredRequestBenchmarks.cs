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
/// <see cref="FromOnePartsData"/> is the same view as a server with several filters answers it (ADR 0290): the rest of the
/// filter applied to the data of one of its parts, made by an earlier view.
/// </summary>
[MemoryDiagnoser]
public class FilteredRequestBenchmarks
{
    private static readonly string[] ViewMetrics = ["customers", "mrr", "nps", "first-response-time", "daily-usage", "net-revenue-retention"];

    private TenureDataSet data = null!;
    private SegmentFilter filter = null!;

    private TenureDataSet partData = null!;
    private SegmentFilter rest = null!;

    /// <summary>plan=pro (27 % of the accounts), csm=quinn (5 %), plan=basic + region=emea (14 %), industry=retail + csm=quinn (1 %).</summary>
    [Params("plan=pro", "csm=quinn", "plan=basic&region=emea", "industry=retail&csm=quinn")]
    public string Filter { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        data = PeerDataSet.Read();
        var parts = Filter.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        filter = new SegmentFilter(Csm: parts.GetValueOrDefault("csm"), Plan: parts.GetValueOrDefault("plan"),
            Industry: parts.GetValueOrDefault("industry"), Region: parts.GetValueOrDefault("region"));
        foreach (var metric in ViewMetrics)
            MetricEngine.Compute(data, Request(metric));
        // One filter: the whole data is where a view starts from. Several: the first part's data, as its own view left it.
        var firsts = filter.FirstNarrowings;
        (partData, rest) = firsts.Count == 0
            ? (data, filter)
            : (SegmentFilter.Of(firsts[0].By, firsts[0].Value).Apply(data), filter.Without(firsts[0].By));
        foreach (var metric in ViewMetrics)
            MetricEngine.Compute(partData, Request(metric));
    }

    [Benchmark]
    public int FromOnePartsData() => View(rest.Apply(partData));

    [Benchmark]
    public int FirstRequest() => View(filter.Apply(data));

    /// <summary>The filter alone: the segment's data made from the whole, nothing computed over it.</summary>
    [Benchmark]
    public int Narrow() => filter.Apply(data).Accounts.Count;

    /// <summary>The view's metrics computed once over its segment's data.</summary>
    private static int View(TenureDataSet segment)
    {
        var count = 0;
        foreach (var metric in ViewMetrics)
            count += MetricEngine.Compute(segment, Request(metric)).Count;
        return count;
    }

    private static MetricRequest Request(string metric) =>
        new(new DateTime(2024, 11, 1), new DateTime(2024, 12, 1), Granularity.Month, SegmentBy.None, [metric]);
}
