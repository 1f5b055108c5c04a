namespace Tenure.Predictive.Churn;

/// <summary>What a saved churn model needs to score a new file, and how it was trained.</summary>
public sealed record ChurnModelInfo
{
    /// <summary>
    /// The format version this Tenure writes: 2 added the binned_logistic learner (ADR 0095), 3 the
    /// logistic_with_logs learner (ADR 0175); version 1 and 2 files load unchanged.
    /// </summary>
    public const int CurrentVersion = 3;

    /// <summary>The format version of the model file.</summary>
    public int Version { get; init; } = CurrentVersion;

    public required string IdColumn { get; init; }

    public required string LabelColumn { get; init; }

    public required IReadOnlyList<FeatureColumn> Features { get; init; }

    public IReadOnlyList<string> IgnoredColumns { get; init; } = [];

    public required ChurnLearner Learner { get; init; }

    public int TrainingRows { get; init; }

    public int TrainingChurned { get; init; }
}
