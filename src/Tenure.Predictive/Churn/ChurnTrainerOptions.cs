namespace Tenure.Predictive.Churn;

/// <summary>Which ML.NET learner fits the churn probability.</summary>
public enum ChurnLearner
{
    /// <summary>Gradient-boosted trees (ML.NET FastTree), Platt-calibrated. The default.</summary>
    FastTree,

    /// <summary>L-BFGS logistic regression on standardised features: a simpler, more transparent baseline.</summary>
    Logistic,
}

/// <summary>
/// Settings of the churn learner. The defaults are deliberately conservative (small trees, slow
/// learning, many examples per leaf) because churn tables are small and noisy; see docs/models/churn.md.
/// </summary>
public sealed record ChurnTrainerOptions
{
    public ChurnLearner Learner { get; init; } = ChurnLearner.FastTree;

    public int Trees { get; init; } = 300;

    public int Leaves { get; init; } = 8;

    public double LearningRate { get; init; } = 0.03;

    public int MinimumExamplesPerLeaf { get; init; } = 40;

    /// <summary>Seed for ML.NET and for the cross-validation folds: the same seed gives the same model and figures.</summary>
    public int Seed { get; init; } = 42;
}
