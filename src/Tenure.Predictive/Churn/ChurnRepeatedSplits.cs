namespace Tenure.Predictive.Churn;

/// <summary>One seeded held-out split of <see cref="ChurnRepeatedSplits"/>: the learner and plain logistic regression on the same rows.</summary>
public readonly record struct SplitScores(int Seed, double RocAuc, double BaselineRocAuc, double Brier, double BaselineBrier);

/// <summary>
/// The learner against plain logistic regression over several seeded held-out splits (the stratified split of
/// <see cref="ChurnHoldOutEvaluation.Split"/> with seeds <c>seed, seed + 1, ...</c>): one split's figure moves by about a
/// point of ROC AUC with the rows it happens to hold out, so the mean over splits, both learners on the same rows of each,
/// is the honest comparison.
/// </summary>
public sealed record ChurnRepeatedSplits(double HeldOutShare, IReadOnlyList<SplitScores> Splits)
{
    public double MeanRocAuc => Splits.Average(s => s.RocAuc);

    public double MeanBaselineRocAuc => Splits.Average(s => s.BaselineRocAuc);

    public double MeanBrier => Splits.Average(s => s.Brier);

    public double MeanBaselineBrier => Splits.Average(s => s.BaselineBrier);

    /// <summary>Splits on which the learner's ROC AUC is above plain logistic regression's.</summary>
    public int Wins => Splits.Count(s => s.RocAuc > s.BaselineRocAuc);

    /// <summary>Runs <paramref name="repeats"/> splits, seeds from the options' seed up.</summary>
    /// <exception cref="ArgumentException">Fewer than 2 repeats, or what <see cref="ChurnHoldOutEvaluation.Split"/> refuses.</exception>
    public static ChurnRepeatedSplits Evaluate(ChurnTable table, double heldOutShare, int repeats, ChurnTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new ChurnTrainerOptions();
        if (repeats < 2)
            throw new ArgumentException($"Repeated splits need at least 2 repeats; got {repeats}.", nameof(repeats));
        if (!(heldOutShare > 0 && heldOutShare < 1))
            throw new ArgumentException($"The held-out share must be between 0 and 1 (exclusive); got {heldOutShare}.", nameof(heldOutShare));
        if (table.Labels is not { } labels)
            throw new ArgumentException("Repeated splits need a labelled table.", nameof(table));
        var splits = new List<SplitScores>(repeats);
        for (var r = 0; r < repeats; r++)
        {
            var seed = options.Seed + r;
            var (training, heldOut) = ChurnHoldOutEvaluation.Split(labels, heldOutShare, seed);
            var trainTable = table.Subset(training);
            var testTable = table.Subset(heldOut);
            var testLabels = testTable.Labels!;
            var testChurned = testLabels.Count(l => l);
            if (testChurned == 0 || testChurned == heldOut.Length)
                throw new ArgumentException($"The held-out rows of seed {seed} need churned and retained accounts; {testChurned} of {heldOut.Length} churned.", nameof(table));
            var scores = ChurnTrainer.Train(trainTable, "id", "label", options with { Seed = seed }).Score(testTable);
            var baseline = ChurnTrainer.Train(trainTable, "id", "label", new ChurnTrainerOptions { Learner = ChurnLearner.Logistic, Seed = seed }).Score(testTable);
            splits.Add(new SplitScores(
                seed,
                ClassifierMetrics.RocAuc(scores, testLabels)!.Value,
                ClassifierMetrics.RocAuc(baseline, testLabels)!.Value,
                ClassifierMetrics.Brier(scores, testLabels)!.Value,
                ClassifierMetrics.Brier(baseline, testLabels)!.Value));
        }
        return new ChurnRepeatedSplits(heldOutShare, splits);
    }
}
