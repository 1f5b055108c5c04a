using BenchmarkDotNet.Attributes;

using Tenure.Demo;
using Tenure.Ingest;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;

namespace Tenure.Benchmarks.Metrics;

/// <summary>
/// Reading and computing on the demo data set (10,000 accounts, two years): every metric, monthly,
/// by csm, the shape of issue #2's benchmark at a tenth of its size. The full 100,000-account CLI
/// run is bench/metrics-100k.sh.
/// </summary>
[MemoryDiagnoser]
public class MetricEngineBenchmarks
{
    private string directory = "";
    private TenureDataSet data = new();

    [Params(10_000)]
    public int Accounts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        directory = Path.Combine(Path.GetTempPath(), $"tenure-bench-{Accounts}");
        if (!File.Exists(Path.Combine(directory, "usage.csv")))
            DemoCsvWriter.Write(new DemoOptions { Accounts = Accounts, Seed = 42 }, directory);
        data = DataSetReader.ReadDirectory(directory).DataSet ?? throw new InvalidOperationException("demo data did not read");
    }

    [Benchmark]
    public int ReadDirectory() => DataSetReader.ReadDirectory(directory).DataSet!.Subscriptions.Count;

    [Benchmark]
    public int ComputeAllMetricsMonthlyByCsm() =>
        MetricEngine.Compute(data, new MetricRequest(
            new DateTime(2024, 11, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc),
            Granularity.Month, SegmentBy.Csm)).Count;
}
