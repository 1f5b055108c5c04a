using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Tenure.Predictive.Churn;

/// <summary>
/// Exact per-feature contributions of a logistic churn model: the model's log-odds is
/// bias + sum over slots of w x (a slot is one number of the feature vector: a standardised value,
/// a missing flag, a bin or category indicator). Measured against the average training account
/// (every slot at its training mean), the log-odds of an account is the average's log-odds plus,
/// per table feature, the sum of w x (slot - mean) over that feature's slots; these sums are the
/// contributions, and they add up exactly.
/// </summary>
internal sealed class LinearExplainer
{
    private readonly string featuresColumn;
    private readonly float[] weights;
    private readonly double[] means;
    private readonly int[] featureOfSlot;
    private readonly int featureCount;

    private LinearExplainer(string featuresColumn, float[] weights, double[] means, int[] featureOfSlot, int featureCount, double averageLogOdds)
    {
        this.featuresColumn = featuresColumn;
        this.weights = weights;
        this.means = means;
        this.featureOfSlot = featureOfSlot;
        this.featureCount = featureCount;
        AverageLogOdds = averageLogOdds;
    }

    /// <summary>The log-odds of churn of the average training account (every slot at its mean).</summary>
    public double AverageLogOdds { get; }

    /// <summary>An explainer for a logistic model; null for any other learner.</summary>
    public static LinearExplainer? TryCreate(ITransformer transformer, IDataView training, IReadOnlyList<(string Column, int Feature)> parts, string featuresColumn)
    {
        if (transformer is not IEnumerable<ITransformer> chain
            || chain.LastOrDefault() is not BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> last)
            return null;
        var linear = last.Model.SubModel;
        var weights = linear.Weights.ToArray();
        var scored = transformer.Transform(training);
        var schema = scored.Schema;
        var featureOfSlot = new List<int>(weights.Length);
        foreach (var (column, feature) in parts)
        {
            var size = schema[column].Type is VectorDataViewType vector ? vector.Size : 1;
            for (var s = 0; s < size; s++)
                featureOfSlot.Add(feature);
        }
        if (featureOfSlot.Count != weights.Length)
            return null; // not the layout this class was written for: no explanation rather than a wrong one
        var means = new double[weights.Length];
        long rows = 0;
        foreach (var row in scored.GetColumn<VBuffer<float>>(schema[featuresColumn]))
        {
            var dense = row.DenseValues().GetEnumerator();
            for (var s = 0; dense.MoveNext(); s++)
                means[s] += dense.Current;
            rows++;
        }
        var average = (double)linear.Bias;
        for (var s = 0; s < means.Length; s++)
        {
            means[s] /= rows;
            average += weights[s] * means[s];
        }
        var featureCount = parts.Count == 0 ? 0 : parts.Max(p => p.Feature) + 1;
        return new LinearExplainer(featuresColumn, weights, means, [.. featureOfSlot], featureCount, average);
    }

    /// <summary>Per row, per table feature (in the table's feature order), its contribution to the log-odds of churn.</summary>
    public double[][] Contributions(IDataView scored, int featureTotal)
    {
        var result = new List<double[]>();
        foreach (var row in scored.GetColumn<VBuffer<float>>(scored.Schema[featuresColumn]))
        {
            var contributions = new double[Math.Max(featureTotal, featureCount)];
            var dense = row.DenseValues().GetEnumerator();
            for (var s = 0; dense.MoveNext(); s++)
                contributions[featureOfSlot[s]] += weights[s] * (dense.Current - means[s]);
            result.Add(contributions);
        }
        return [.. result];
    }
}
