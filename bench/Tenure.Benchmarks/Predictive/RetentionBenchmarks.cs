using BenchmarkDotNet.Attributes;

using Tenure.Predictive.Retention;

namespace Tenure.Benchmarks.Predictive;

/// <summary>
/// The sBG fit on the Fader &amp; Hardie (2007) cohorts, on 36 monthly cohorts of an sBG(0.7, 2.5), and on 24 monthly
/// cohorts with one churn rate for every customer (the geometric limit, ADR 0265).
/// </summary>
[MemoryDiagnoser]
public class RetentionBenchmarks
{
    private CohortSurvivors highEnd = null!;
    private CohortSurvivors[] monthly = [];
    private CohortSurvivors[] oneRate = [];

    [GlobalSetup]
    public void Setup()
    {
        highEnd = SurvivorTableReader.Read(PredictiveData.Path("retention-sbg", "survivors.csv")).Single(c => c.Name == "highend").Take(7);
        var model = new ShiftedBetaGeometricModel(0.7, 2.5);
        monthly = Enumerable.Range(0, 36).Select(c => new CohortSurvivors($"m{c}",
            Enumerable.Range(0, 37 - c).Select(t => (int)Math.Round(1000 * model.Survival(t))).ToArray())).ToArray();
        oneRate = Enumerable.Range(0, 24).Select(c => new CohortSurvivors($"r{c}",
            Enumerable.Range(0, 25 - c).Select(t => (int)Math.Round(4000 * Math.Pow(1 - 0.033, t))).ToArray())).ToArray();
    }

    [Benchmark]
    public double FitHighEndYears1To7() => ShiftedBetaGeometricModel.Fit([highEnd]).LogLikelihood;

    [Benchmark]
    public double FitPooled36MonthlyCohorts() => ShiftedBetaGeometricModel.Fit(monthly).LogLikelihood;

    [Benchmark]
    public double FitPooled24CohortsOneChurnRate() => ShiftedBetaGeometricModel.Fit(oneRate).LogLikelihood;
}
