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
        var transformer = Pipeline(ml, table, options).Fit(data);
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
        return new ChurnModel(ml, transformer, data.Schema, info);
    }

    private static IEstimator<ITransformer> Pipeline(MLContext ml, ChurnTable table, ChurnTrainerOptions options)
    {
        var features = new List<string>();
        IEstimator<ITransformer> pipeline = new EstimatorChain<ITransformer>();
        for (var i = 0; i < table.NumericValues.Length; i++)
        {
            var name = ChurnDataView.ColumnName(FeatureKind.Numeric, i);
            if (table.NumericValues[i].Any(float.IsNaN))
            {
                var flag = name + "_missing";
                pipeline = pipeline
                    .Append(ml.Transforms.IndicateMissingValues(flag, name))
                    .Append(ml.Transforms.Conversion.ConvertType(flag, flag, DataKind.Single));
                features.Add(flag);
            }
            pipeline = pipeline.Append(ml.Transforms.ReplaceMissingValues(name, name, MissingValueReplacingEstimator.ReplacementMode.Mean));
            features.Add(name);
        }
        for (var i = 0; i < table.CategoricalValues.Length; i++)
        {
            var name = ChurnDataView.ColumnName(FeatureKind.Categorical, i);
            pipeline = pipeline.Append(ml.Transforms.Categorical.OneHotEncoding(name, name, OneHotEncodingEstimator.OutputKind.Indicator));
            features.Add(name);
        }
        pipeline = pipeline.Append(ml.Transforms.Concatenate("Features", [.. features]));

        return options.Learner switch
        {
            ChurnLearner.Logistic => pipeline
                .Append(ml.Transforms.NormalizeMeanVariance("Features"))
                .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
                {
                    LabelColumnName = ChurnDataView.LabelColumn,
                    FeatureColumnName = "Features",
                    L2Regularization = 1f,
                    L1Regularization = 0f,
                })),
            _ => pipeline.Append(ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                LabelColumnName = ChurnDataView.LabelColumn,
                FeatureColumnName = "Features",
                NumberOfTrees = options.Trees,
                NumberOfLeaves = options.Leaves,
                LearningRate = options.LearningRate,
                MinimumExampleCountPerLeaf = options.MinimumExamplesPerLeaf,
                Seed = options.Seed,
                NumberOfThreads = 1,
            })),
        };
    }
}
