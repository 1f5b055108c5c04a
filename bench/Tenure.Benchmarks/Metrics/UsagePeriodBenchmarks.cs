using BenchmarkDotNet.Attributes;

using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;

namespace Tenure.Benchmarks.Metrics;

/// <summary>
/// A request for the usage metrics over a period no grid holds (a dashboard's custom period), as a warm server answers it:
/// the DuckDB peer's 100,000-account set (TENURE_BENCH_PEER, default /tmp/peer-100k, made by bench/peer.sh), its five
/// million usage rows held as a table of ints (how a server loads them since ADR 0350) or as an array of
/// <see cref="UsageDay"/> values (how it loaded them before), the data set's derivations built by a first request.
/// </summary>
[MemoryDiagnoser]
public class UsagePeriodBenchmarks
{
    private static readonly string[] UsageMetrics = ["daily-usage", "adoption-rate", "dau"];

    private TenureDataSet data = null!;

    [Params("table", "array")]
    public string Held { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var read = PeerDataSet.Read();
        data = Held == "table" ? read with { Usage = UsageDayTable.From(read.Usage) } : read with { Usage = read.Usage.ToArray() };
        MetricEngine.Compute(data, Request(new DateTime(2023, 2, 1), new DateTime(2023, 5, 1)));
    }

    /// <summary>The usage metrics over 2024-03-07..2024-07-15 and the same length before it, as one custom period's view asks.</summary>
    [Benchmark]
    public int CustomPeriod() =>
        MetricEngine.Compute(data, Request(new DateTime(2024, 3, 7), new DateTime(2024, 7, 15))).Count
        + MetricEngine.Compute(data, Request(new DateTime(2023, 10, 29), new DateTime(2024, 3, 7))).Count;

    private static MetricRequest Request(DateTime from, DateTime to) => new(from, to, Granularity.Range, SegmentBy.None, UsageMetrics);
}
