namespace Tenure.Predictive.Churn;

/// <summary>
/// The churn learner measured once on a fixed held-out share of the rows: trained on the rest, scored on
/// the held-out rows it never saw. Beside it, the plain logistic regression (<see cref="ChurnLearner.Logistic"/>)
/// trained and scored on the same split, so a figure can be read against the baseline rather than the split's luck.
/// </summary>
/// <param name="Rows">Rows of the table.</param>
/// <param name="Churned">Churned rows of the table.</param>
/// <param name="HeldOutShare">The share held out (0.3 for a 70/30 split).</param>
/// <param name="TrainingRows">Rows trained on.</param>
/// <param name="HeldOutRows">Rows held out and scored.</param>
/// <param name="HeldOutChurned">Churned rows among them.</param>
/// <param name="RocAuc">ROC AUC on the held-out rows.</param>
/// <param name="PrAuc">Average precision on the held-out rows.</param>
/// <param name="LogLoss">Mean log loss on the held-out rows.</param>
/// <param name="Brier">Brier score on the held-out rows.</param>
/// <param name="CalibrationError">Row-weighted mean |predicted - observed| over the deciles.</param>
/// <param name="Calibration">Calibration by decile of the held-out predictions.</param>
/// <param name="BaselineRocAuc">ROC AUC of plain logistic regression on the same split.</param>
/// <param name="BaselineBrier">Brier score of plain logistic regression on the same split.</param>
/// <param name="TrainingCv">
/// The learner cross-validated on the training rows alone (<see cref="TrainingCvFolds"/> stratified folds, the same
/// seed): the figures any choice of learner or setting should be made on, never the held-out rows.
/// </param>
/// <param name="BaselineTrainingCvRocAuc">Plain logistic regression's mean ROC AUC over the same folds of the training rows.</param>
public sealed record ChurnHoldOutEvaluation(
    int Rows,
    int Churned,
    double HeldOutShare,
    int TrainingRows,
    int HeldOutRows,
    int HeldOutChurned,
    double RocAuc,
    double PrAuc,
    double LogLoss,
    double Brier,
    double CalibrationError,
    IReadOnlyList<CalibrationBin> Calibration,
    double BaselineRocAuc,
    double BaselineBrier,
    ChurnEvaluation TrainingCv,
    double BaselineTrainingCvRocAuc)
{
    /// <summary>Folds of the cross-validation on the training rows.</summary>
    public const int TrainingCvFolds = 5;

    /// <summary>
    /// Splits the table once, stratified and seeded: churned and retained rows are each shuffled with the
    /// options' seed (<see cref="Random.Shuffle{T}(T[])"/> on the row numbers in file order) and the first
    /// round(share x class size) of each are held out, so the held-out rows have the table's churn rate and
    /// the same seed always holds out the same rows. Seed 42 and share 0.3 are the documented Telco split.
    /// </summary>
    /// <exception cref="ArgumentException">A share outside (0, 1), no labels, or a side of the split without both classes.</exception>
    public static ChurnHoldOutEvaluation Evaluate(ChurnTable table, double heldOutShare = 0.3, ChurnTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new ChurnTrainerOptions();
        if (!(heldOutShare > 0 && heldOutShare < 1))
            throw new ArgumentException($"The held-out share must be between 0 and 1 (exclusive); got {heldOutShare}.", nameof(heldOutShare));
        if (table.Labels is not { } labels)
            throw new ArgumentException("A held-out evaluation needs a labelled table.", nameof(table));
        var (training, heldOut) = Split(labels, heldOutShare, options.Seed);
        var trainTable = table.Subset(training);
        var testTable = table.Subset(heldOut);
        var testLabels = testTable.Labels!;
        var testChurned = testLabels.Count(l => l);
        if (testChurned == 0 || testChurned == heldOut.Length)
            throw new ArgumentException($"The held-out rows need churned and retained accounts; {testChurned} of {heldOut.Length} churned.", nameof(table));

        var baselineOptions = new ChurnTrainerOptions { Learner = ChurnLearner.Logistic, Seed = options.Seed };
        var scores = ChurnTrainer.Train(trainTable, "id", "label", options).Score(testTable);
        var baseline = ChurnTrainer.Train(trainTable, "id", "label", baselineOptions).Score(testTable);
        var trainingCv = ChurnEvaluation.CrossValidate(trainTable, TrainingCvFolds, options);
        var baselineCv = ChurnEvaluation.CrossValidate(trainTable, TrainingCvFolds, baselineOptions);
        var calibration = ClassifierMetrics.CalibrationByDecile(scores, testLabels);
        return new ChurnHoldOutEvaluation(
            table.RowCount,
            labels.Count(l => l),
            heldOutShare,
            training.Length,
            heldOut.Length,
            testChurned,
            ClassifierMetrics.RocAuc(scores, testLabels)!.Value,
            ClassifierMetrics.PrAuc(scores, testLabels)!.Value,
            ClassifierMetrics.LogLoss(scores, testLabels)!.Value,
            ClassifierMetrics.Brier(scores, testLabels)!.Value,
            ClassifierMetrics.CalibrationError(calibration)!.Value,
            calibration,
            ClassifierMetrics.RocAuc(baseline, testLabels)!.Value,
            ClassifierMetrics.Brier(baseline, testLabels)!.Value,
            trainingCv,
            baselineCv.MeanRocAuc);
    }

    /// <summary>The training and held-out row numbers of the seeded stratified split, each ascending.</summary>
    public static (int[] Training, int[] HeldOut) Split(IReadOnlyList<bool> labels, double heldOutShare, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var random = new Random(seed);
        var held = new bool[labels.Count];
        foreach (var cls in new[] { true, false })
        {
            var rows = Enumerable.Range(0, labels.Count).Where(i => labels[i] == cls).ToArray();
            random.Shuffle(rows);
            foreach (var r in rows.Take((int)Math.Round(rows.Length * heldOutShare, MidpointRounding.AwayFromZero)))
                held[r] = true;
        }
        return (Enumerable.Range(0, labels.Count).Where(i => !held[i]).ToArray(), Enumerable.Range(0, labels.Count).Where(i => held[i]).ToArray());
    }
}
