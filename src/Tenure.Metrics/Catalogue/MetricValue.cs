namespace Tenure.Metrics.Catalogue;

/// <summary>
/// One computed figure. <see cref="Value"/> is null when it has no value (a zero denominator, no
/// observations), never NaN or infinity. Ratio metrics carry their numerator and denominator;
/// duration metrics carry the median and p90 of their observations; a few carry a breakdown
/// (backlog: blocked / unblocked; tasks-completed: per category).
/// </summary>
public readonly record struct MetricValue(
    decimal? Value,
    decimal? Numerator = null,
    decimal? Denominator = null,
    decimal? Median = null,
    decimal? P90 = null,
    IReadOnlyDictionary<string, decimal>? Breakdown = null)
{
    public static MetricValue None => new(null);

    public static MetricValue Of(decimal value) => new(value);

    /// <summary>numerator / denominator x <paramref name="scale"/>; no value when the denominator is 0.</summary>
    public static MetricValue Ratio(decimal numerator, decimal denominator, decimal scale = 100m) =>
        new(denominator == 0m ? null : numerator * scale / denominator, numerator, denominator);
}
