using BenchmarkDotNet.Attributes;

using Tenure.Demo;
using Tenure.Ingest;
using Tenure.Metrics.Inputs;
using Tenure.Predictive.Churn;

namespace Tenure.Benchmarks.Predictive;

/// <summary>
/// The churn model on IBM Telco (7,043 rows, 19 features): training FastTree and logistic regression,
/// scoring every row; and the feature builder on the 10,000-account demo data set.
/// </summary>
[MemoryDiagnoser]
public class ChurnBenchmarks
{
    private ChurnTable telco = null!;
    private ChurnModel fastTree = null!;
    private TenureDataSet demo = new();

    [GlobalSetup]
    public void Setup()
    {
        telco = ChurnTable.ReadForTraining(PredictiveData.Path("telco-churn", "Telco-Customer-Churn.csv"), "customerID", "Churn", []);
        fastTree = ChurnTrainer.Train(telco, "customerID", "Churn");
        var directory = Path.Combine(Path.GetTempPath(), "tenure-bench-10000");
        if (!File.Exists(Path.Combine(directory, "usage.csv")))
            DemoCsvWriter.Write(new DemoOptions { Accounts = 10_000, Seed = 42 }, directory);
        demo = DataSetReader.ReadDirectory(directory).DataSet ?? throw new InvalidOperationException("demo data did not read");
    }

    [Benchmark]
    public int ReadTelco() => ChurnTable.ReadForTraining(PredictiveData.Path("telco-churn", "Telco-Customer-Churn.csv"), "customerID", "Churn", []).RowCount;

    [Benchmark]
    public int TrainFastTree() => ChurnTrainer.Train(telco, "customerID", "Churn").Info.TrainingRows;

    [Benchmark]
    public int TrainLogistic() => ChurnTrainer.Train(telco, "customerID", "Churn", new ChurnTrainerOptions { Learner = ChurnLearner.Logistic }).Info.TrainingRows;

    [Benchmark]
    public float ScoreTelco() => fastTree.Score(telco)[0];

    /// <summary>Features of every account active at the snapshot (10,000-account demo, usage, tickets, surveys).</summary>
    [Benchmark]
    public int BuildFeaturesDemo() => ChurnFeatureBuilder.Build(demo, new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc)).Rows.Count;
}
