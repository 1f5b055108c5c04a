using BenchmarkDotNet.Attributes;

using Tenure.Predictive.Retention;

namespace Tenure.Benchmarks.Predictive;

/// <summary>The sBG fit on the Fader &amp; Hardie (2007) cohorts, and on 36 monthly cohorts.</summary>
[MemoryDiagnoser]
public class RetentionBenchmarks
{
    private CohortSurvivors highEnd = null!;
    private CohortSurvivors[] monthly = [];

    [GlobalSetup]
    public void Setup()
    {
        highEnd = SurvivorTableReader.Read(PredictiveData.Path("retention-sbg", "survivors.csv")).Single(c => c.Name == "highend").Take(7);
        var model = new ShiftedBetaGeometricModel(0.7, 2.5);
        monthly = Enumerable.Range(0, 36).Select(c => new CohortSurvivors($"m{c}",
            Enumerable.Range(0, 37 - c).Select(t => (int)Math.Round(1000 * model.Survival(t))).ToArray())).ToArray();
    }

    [Benchmark]
    public double FitHighEndYears1To7() => ShiftedBetaGeometricModel.Fit([highEnd]).LogLikelihood;

    [Benchmark]
    public double FitPooled36MonthlyCohorts() => ShiftedBetaGeometricModel.Fit(monthly).LogLikelihood;
}
