using BenchmarkDotNet.Attributes;

using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;

namespace Tenure.Benchmarks.Metrics;

/// <summary>
/// One metric request over a warm data set, as the server answers a view's query once the tenant is loaded: the DuckDB
/// peer's 100,000-account set (directory TENURE_BENCH_PEER, default /tmp/peer-100k, made by bench/peer.sh) read once,
/// its per-data-set derivations built by a first request in the setup, then one metric monthly over two years (ADR 0225).
/// </summary>
[MemoryDiagnoser]
public class WarmRequestBenchmarks
{
    private TenureDataSet data = null!;

    [Params("customers", "first-contact-resolution-rate", "first-response-time", "backlog")]
    public string Metric { get; set; } = "";

    [Params(SegmentBy.None, SegmentBy.Csm)]
    public SegmentBy By { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        data = PeerDataSet.Read();
        Request();
    }

    [Benchmark]
    public int Request() =>
        MetricEngine.Compute(data, new MetricRequest(new DateTime(2023, 1, 1), new DateTime(2025, 1, 1), Granularity.Month, By, [Metric])).Count;
}
