namespace Tenure.Predictive.Churn;

/// <summary>Which ML.NET learner fits the churn probability.</summary>
public enum ChurnLearner
{
    /// <summary>Gradient-boosted trees (ML.NET FastTree), Platt-calibrated.</summary>
    FastTree,

    /// <summary>L-BFGS logistic regression on standardised features: the plain baseline.</summary>
    Logistic,

    /// <summary>
    /// The default (ADR 0095): L-BFGS logistic regression on standardised features plus, for every numeric
    /// feature with more distinct values than <see cref="ChurnTrainerOptions.Bins"/>, its quantile bin
    /// one-hot encoded, so the model can bend where churn is not linear in a number (the first months of
    /// tenure, very high charges). Calibrated by its own maximum-likelihood fit; every prediction splits
    /// exactly into per-feature contributions (<see cref="ChurnModel.Explain"/>).
    /// </summary>
    BinnedLogistic,

    /// <summary>
    /// L-BFGS logistic regression on standardised features plus, for every numeric feature whose values are all 0 or
    /// more and that has more than <see cref="ChurnTrainerOptions.Bins"/> distinct values, log(1 + value) as a second
    /// slot (ADR 0175), so churn can fall fast over the first months of tenure and slowly after. Calibrated by its own
    /// maximum-likelihood fit; every prediction splits exactly into per-feature contributions.
    /// </summary>
    LogisticWithLogs,
}

/// <summary>
/// Settings of the churn learner. The defaults were chosen on the Telco held-out split and 5-fold
/// cross-validation (docs/models/churn.md, ADR 0095).
/// </summary>
public sealed record ChurnTrainerOptions
{
    public ChurnLearner Learner { get; init; } = ChurnLearner.BinnedLogistic;

    public int Trees { get; init; } = 300;

    public int Leaves { get; init; } = 8;

    public double LearningRate { get; init; } = 0.03;

    public int MinimumExamplesPerLeaf { get; init; } = 40;

    /// <summary>Quantile bins per numeric feature for <see cref="ChurnLearner.BinnedLogistic"/> (default 10).</summary>
    public int Bins { get; init; } = 10;

    /// <summary>
    /// L2 penalty of the logistic learners: 1 for <see cref="ChurnLearner.Logistic"/> (unchanged), 10 for
    /// <see cref="ChurnLearner.BinnedLogistic"/>, whose bin indicators need the stronger shrinkage; null picks those.
    /// </summary>
    public float? L2Regularization { get; init; }

    /// <summary>Seed for ML.NET and for the cross-validation folds and held-out split: the same seed gives the same model and figures.</summary>
    public int Seed { get; init; } = 42;
}
