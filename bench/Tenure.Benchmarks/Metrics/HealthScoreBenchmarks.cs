using BenchmarkDotNet.Attributes;

using Tenure.Demo;
using Tenure.Metrics.Health;
using Tenure.Metrics.Inputs;

namespace Tenure.Benchmarks.Metrics;

/// <summary>
/// The account health score of every customer at one date (issue #10: 100,000 accounts in under 2 s from loaded
/// data), on the demo data set generated in memory: grouping the rows by account once (<see cref="HealthData.Of"/>)
/// and scoring (<see cref="HealthScores.At"/>), and the two together as a command or the API runs them.
/// </summary>
[MemoryDiagnoser]
public class HealthScoreBenchmarks
{
    private TenureDataSet data = new();
    private HealthData grouped = null!;
    private DateTime at;

    [Params(100_000)]
    public int Accounts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var demo = DemoDataGenerator.Generate(new DemoOptions { Accounts = Accounts, Seed = 42 });
        data = demo.ToTenureDataSet();
        at = demo.Options.AsOf;
        grouped = HealthData.Of(data);
    }

    [Benchmark]
    public int GroupByAccount() => HealthData.Of(data).AccountCount;

    [Benchmark]
    public int ScoreEveryCustomer() => HealthScores.At(grouped, HealthModel.Default, at).Count;

    [Benchmark]
    public int GroupAndScore() => HealthScores.At(HealthData.Of(data), HealthModel.Default, at).Count;
}
