namespace Tenure.Metrics.Health;

/// <summary>How the points of the present factors become the score.</summary>
public enum HealthAggregation
{
    /// <summary>Default (Vitally / ChurnZero): sum(points x weight) / sum(weight) over present factors.</summary>
    WeightedMean,

    /// <summary>Totango: the lowest points of the present factors.</summary>
    WorstFactor,
}
