using BenchmarkDotNet.Attributes;

using Tenure.Demo;
using Tenure.Metrics.Alerts;
using Tenure.Metrics.Inputs;

namespace Tenure.Benchmarks.Metrics;

/// <summary>
/// Evaluating the shipped alert rules (issue #12) over the 100,000-account demo data set generated in memory, at
/// its as-of day: every rule (health at now and 30 days before, coverage ends, week-over-week usage, the 7-day
/// look-back over every answer and ticket), and the event rules alone (health-based rules off).
/// </summary>
[MemoryDiagnoser]
public class AlertEvaluationBenchmarks
{
    private TenureDataSet data = new();
    private DateTime at;
    private AlertSettings eventRulesOnly = AlertSettings.Default;

    [Params(100_000)]
    public int Accounts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var demo = DemoDataGenerator.Generate(new DemoOptions { Accounts = Accounts, Seed = 42 });
        data = demo.ToTenureDataSet();
        at = demo.Options.AsOf;
        eventRulesOnly = AlertSettingsJson.Parse("""{"rules":{"health-red":{"enabled":false},"health-drop":{"enabled":false},"renewal-risk":{"enabled":false},"usage-drop":{"enabled":false}}}""");
    }

    [Benchmark]
    public int EveryRule() => AlertEvaluator.Evaluate(data, AlertSettings.Default, at).Findings.Count;

    [Benchmark]
    public int EventRulesOnly() => AlertEvaluator.Evaluate(data, eventRulesOnly, at).Findings.Count;
}
