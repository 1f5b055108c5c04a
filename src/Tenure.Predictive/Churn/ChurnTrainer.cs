using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Transforms;

namespace Tenure.Predictive.Churn;

/// <summary>
/// Trains the churn classifier on a labelled <see cref="ChurnTable"/> with ML.NET: numeric features
/// get their missing values replaced by the training mean plus a 0/1 "was missing" feature,
/// categorical features are one-hot encoded (a value unseen in training encodes as all zeros),
/// and the learner of <see cref="ChurnTrainerOptions"/> outputs a calibrated probability.
/// </summary>
public static class ChurnTrainer
{
    private const string FeaturesColumn = "Features";

    /// <exception cref="ArgumentException">The table has no labels, or only one class.</exception>
    public static ChurnModel Train(ChurnTable table, string idColumn, string labelColumn, ChurnTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new ChurnTrainerOptions();
        if (table.Labels is null)
            throw new ArgumentException("Training needs a labelled table.", nameof(table));
        var churned = table.Labels.Count(l => l);
        if (churned == 0 || churned == table.RowCount)
            throw new ArgumentException($"Training needs both churned and retained accounts; the table has {churned} churned of {table.RowCount}.", nameof(table));

        var ml = new MLContext(options.Seed);
        var data = new ChurnDataView(table, withLabel: true);
        var (estimator, parts) = Pipeline(ml, table, options);
        var transformer = estimator.Fit(data);
        var info = new ChurnModelInfo
        {
            IdColumn = idColumn,
            LabelColumn = labelColumn,
            Features = table.Features,
            IgnoredColumns = table.IgnoredColumns,
            Learner = options.Learner,
            TrainingRows = table.RowCount,
            TrainingChurned = churned,
        };
        return new ChurnModel(ml, transformer, data.Schema, info, LinearExplainer.TryCreate(transformer, data, parts, FeaturesColumn));
    }

    /// <summary>The pipeline, and for each column concatenated into the features the table feature it comes from.</summary>
    private static (IEstimator<ITransformer> Estimator, List<(string Column, int Feature)> Parts) Pipeline(MLContext ml, ChurnTable table, ChurnTrainerOptions options)
    {
        var parts = new List<(string Column, int Feature)>();
        var binned = options.Learner == ChurnLearner.BinnedLogistic;
        var logged = options.Learner == ChurnLearner.LogisticWithLogs;
        IEstimator<ITransformer> pipeline = new EstimatorChain<ITransformer>();
        for (var i = 0; i < table.NumericValues.Length; i++)
        {
            var name = ChurnDataView.ColumnName(FeatureKind.Numeric, i);
            var values = table.NumericValues[i];
            if (values.Any(float.IsNaN))
            {
                var flag = name + "_missing";
                pipeline = pipeline
                    .Append(ml.Transforms.IndicateMissingValues(flag, name))
                    .Append(ml.Transforms.Conversion.ConvertType(flag, flag, DataKind.Single));
                parts.Add((flag, i));
            }
            pipeline = pipeline.Append(ml.Transforms.ReplaceMissingValues(name, name, MissingValueReplacingEstimator.ReplacementMode.Mean));
            parts.Add((name, i));
            if (logged && HasLogScale(values, options.Bins))
            {
                // log(1 + x) beside x: the model can bend where churn falls fast at first, then slowly (tenure,
                // charges, usage counts). Negative values at scoring time count as 0.
                var log = name + "_log";
                pipeline = pipeline.Append(ml.Transforms.Expression(log, "x => log(1 + max(x, 0))", name));
                parts.Add((log, i));
            }
            if (binned && values.Where(v => !float.IsNaN(v)).Distinct().Count() > options.Bins)
            {
                // The bin's index (0..1 from NormalizeBinning) becomes a key, then one indicator per bin.
                var bin = name + "_bin";
                pipeline = pipeline
                    .Append(ml.Transforms.NormalizeBinning(bin, name, maximumBinCount: options.Bins, fixZero: false))
                    .Append(ml.Transforms.Conversion.MapValueToKey(bin))
                    .Append(ml.Transforms.Categorical.OneHotEncoding(bin, bin, OneHotEncodingEstimator.OutputKind.Indicator));
                parts.Add((bin, i));
            }
        }
        for (var i = 0; i < table.CategoricalValues.Length; i++)
        {
            var name = ChurnDataView.ColumnName(FeatureKind.Categorical, i);
            pipeline = pipeline.Append(ml.Transforms.Categorical.OneHotEncoding(name, name, OneHotEncodingEstimator.OutputKind.Indicator));
            parts.Add((name, table.NumericValues.Length + i));
        }
        pipeline = pipeline.Append(ml.Transforms.Concatenate(FeaturesColumn, [.. parts.Select(p => p.Column)]));

        IEstimator<ITransformer> estimator = options.Learner switch
        {
            ChurnLearner.Logistic or ChurnLearner.BinnedLogistic or ChurnLearner.LogisticWithLogs => pipeline
                .Append(ml.Transforms.NormalizeMeanVariance(FeaturesColumn))
                .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
                {
                    LabelColumnName = ChurnDataView.LabelColumn,
                    FeatureColumnName = FeaturesColumn,
                    L2Regularization = options.L2Regularization ?? (binned ? 10f : 1f),
                    L1Regularization = 0f,
                })),
            _ => pipeline.Append(ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                LabelColumnName = ChurnDataView.LabelColumn,
                FeatureColumnName = FeaturesColumn,
                NumberOfTrees = options.Trees,
                NumberOfLeaves = options.Leaves,
                LearningRate = options.LearningRate,
                MinimumExampleCountPerLeaf = options.MinimumExamplesPerLeaf,
                Seed = options.Seed,
                NumberOfThreads = 1,
            })),
        };
        return (estimator, parts);
    }

    /// <summary>
    /// Whether a numeric feature gets a log(1 + x) slot under <see cref="ChurnLearner.LogisticWithLogs"/>: its known
    /// values are all 0 or more and it has more than <paramref name="distinct"/> distinct ones (a count, an amount, a
    /// duration; not a 0/1 flag or a small code).
    /// </summary>
    public static bool HasLogScale(IReadOnlyList<float> values, int distinct)
    {
        var seen = new HashSet<float>();
        foreach (var v in values)
        {
            if (float.IsNaN(v))
                continue;
            if (v < 0)
                return false;
            seen.Add(v);
        }
        return seen.Count > distinct;
    }
}
