namespace Tenure.Predictive.Churn;

/// <summary>The figures of one cross-validation fold, measured on the rows held out of its training.</summary>
public readonly record struct FoldMetrics(int Fold, int Rows, int Churned, double RocAuc, double PrAuc, double LogLoss);

/// <summary>
/// Stratified k-fold cross-validation of the churn learner: every row is scored once by a model
/// that did not see it. Per-fold figures and their mean, plus the pooled out-of-fold figures and
/// the calibration by decile of the pooled predictions.
/// </summary>
public sealed record ChurnEvaluation(
    int Rows,
    int Churned,
    int Folds,
    IReadOnlyList<FoldMetrics> PerFold,
    double MeanRocAuc,
    double StdDevRocAuc,
    double MeanPrAuc,
    double MeanLogLoss,
    double PooledRocAuc,
    double PooledPrAuc,
    double PooledLogLoss,
    IReadOnlyList<CalibrationBin> Calibration,
    IReadOnlyList<float> OutOfFoldProbabilities)
{
    /// <summary>Brier score of the pooled out-of-fold predictions.</summary>
    public double PooledBrier => ClassifierMetrics.Brier(OutOfFoldProbabilities, Labels)!.Value;

    /// <summary>Row-weighted mean |predicted - observed| over the deciles of <see cref="Calibration"/>.</summary>
    public double CalibrationError => ClassifierMetrics.CalibrationError(Calibration)!.Value;

    private IReadOnlyList<bool> Labels { get; init; } = [];

    /// <summary>
    /// Runs <paramref name="folds"/>-fold cross-validation. Folds are stratified: churned and
    /// retained rows are each shuffled with the options' seed and dealt round-robin, so every fold
    /// has the table's churn rate.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 folds, no labels, or fewer rows of a class than folds.</exception>
    public static ChurnEvaluation CrossValidate(ChurnTable table, int folds, ChurnTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new ChurnTrainerOptions();
        if (folds < 2)
            throw new ArgumentException("Cross-validation needs at least 2 folds.", nameof(folds));
        if (table.Labels is not { } labels)
            throw new ArgumentException("Cross-validation needs a labelled table.", nameof(table));
        var churned = labels.Count(l => l);
        if (churned < folds || table.RowCount - churned < folds)
            throw new ArgumentException($"Each of the {folds} folds needs churned and retained rows; the table has {churned} churned of {table.RowCount}.", nameof(table));

        var fold = AssignFolds(labels, folds, options.Seed);
        var oof = new float[table.RowCount];
        var perFold = new List<FoldMetrics>(folds);
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, table.RowCount).Where(i => fold[i] != f).ToArray();
            var test = Enumerable.Range(0, table.RowCount).Where(i => fold[i] == f).ToArray();
            var model = ChurnTrainer.Train(table.Subset(train), "id", "label", options);
            var testTable = table.Subset(test);
            var scores = model.Score(testTable);
            for (var i = 0; i < test.Length; i++)
                oof[test[i]] = scores[i];
            var testLabels = testTable.Labels!;
            perFold.Add(new FoldMetrics(
                f + 1,
                test.Length,
                testLabels.Count(l => l),
                ClassifierMetrics.RocAuc(scores, testLabels)!.Value,
                ClassifierMetrics.PrAuc(scores, testLabels)!.Value,
                ClassifierMetrics.LogLoss(scores, testLabels)!.Value));
        }
        var aucs = perFold.Select(m => m.RocAuc).ToArray();
        var mean = aucs.Average();
        var sd = Math.Sqrt(aucs.Sum(a => (a - mean) * (a - mean)) / (aucs.Length - 1));
        return new ChurnEvaluation(
            table.RowCount,
            churned,
            folds,
            perFold,
            mean,
            sd,
            perFold.Average(m => m.PrAuc),
            perFold.Average(m => m.LogLoss),
            ClassifierMetrics.RocAuc(oof, labels)!.Value,
            ClassifierMetrics.PrAuc(oof, labels)!.Value,
            ClassifierMetrics.LogLoss(oof, labels)!.Value,
            ClassifierMetrics.CalibrationByDecile(oof, labels),
            oof)
        { Labels = labels };
    }

    private static int[] AssignFolds(IReadOnlyList<bool> labels, int folds, int seed)
    {
        var random = new Random(seed);
        var fold = new int[labels.Count];
        foreach (var cls in new[] { true, false })
        {
            var rows = Enumerable.Range(0, labels.Count).Where(i => labels[i] == cls).ToArray();
            random.Shuffle(rows);
            for (var k = 0; k < rows.Length; k++)
                fold[rows[k]] = k % folds;
        }
        return fold;
    }
}
