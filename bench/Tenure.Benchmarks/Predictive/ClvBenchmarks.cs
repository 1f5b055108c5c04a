using BenchmarkDotNet.Attributes;

using Tenure.Predictive.Clv;

namespace Tenure.Benchmarks.Predictive;

/// <summary>BG/NBD and Gamma-Gamma on the CDNOW sample (2,357 customers, calibration weeks 1-39).</summary>
[MemoryDiagnoser]
public class ClvBenchmarks
{
    private IReadOnlyList<Transaction> transactions = [];
    private IReadOnlyList<CustomerSummary> summaries = [];
    private ClvModel model = null!;

    [GlobalSetup]
    public void Setup()
    {
        transactions = TransactionLogReader.Read(PredictiveData.Path("cdnow", "CDNOW_sample.txt"), new TransactionLogLayout("2", "3", "5", "yyyyMMdd"));
        summaries = CustomerSummaryBuilder.Build(transactions, new DateOnly(1997, 9, 30));
        model = ClvModel.Fit(summaries);
    }

    [Benchmark]
    public int Summarise() => CustomerSummaryBuilder.Build(transactions, new DateOnly(1997, 9, 30)).Count;

    [Benchmark]
    public double FitBgNbd() => BgNbdModel.Fit(summaries).LogLikelihood;

    [Benchmark]
    public double FitGammaGamma() => GammaGammaModel.Fit(summaries).LogLikelihood;

    /// <summary>Every customer's expected purchases, P(alive), spend and CLV over 39 weeks, undiscounted.</summary>
    [Benchmark]
    public double Predict39Weeks()
    {
        double total = 0;
        foreach (var s in summaries)
            total += model.Predict(s, 39).Clv ?? 0;
        return total;
    }

    /// <summary>The same with a 10 % annual discount rate: 39 weekly steps per customer.</summary>
    [Benchmark]
    public double Predict39WeeksDiscounted()
    {
        double total = 0;
        foreach (var s in summaries)
            total += model.Predict(s, 39, 0.10).Clv ?? 0;
        return total;
    }
}
