namespace Tenure.Metrics.Health;

/// <summary>
/// The factors of the account health score (METRICS.md "Account health score"), in the order every
/// surface lists them, then the optional ones. The ids are a contract (command, API, health.json): add, never rename.
/// </summary>
public enum HealthFactor
{
    Usage,
    Sentiment,
    Support,
    RevenueTrend,
    Engagement,
    Renewal,

    /// <summary>
    /// Optional (docs/health.md): the churn model's probability of churning within 90 days, fed in per account
    /// from outside the engine; points = lin(p; 1, 0) = 100 x (1 - p). Listed only when health.json configures it.
    /// </summary>
    ChurnRisk,
}

/// <summary>The ids of <see cref="HealthFactor"/> and their order.</summary>
public static class HealthFactors
{
    /// <summary>Every factor, in the order usage, sentiment, support, revenue-trend, engagement, renewal.</summary>
    public static IReadOnlyList<HealthFactor> All { get; } =
        [HealthFactor.Usage, HealthFactor.Sentiment, HealthFactor.Support, HealthFactor.RevenueTrend, HealthFactor.Engagement, HealthFactor.Renewal];

    public static int Count => All.Count;

    /// <summary>Factors outside METRICS.md's six that a health model may switch on: churn-risk.</summary>
    public static IReadOnlyList<HealthFactor> Optional { get; } = [HealthFactor.ChurnRisk];

    /// <summary>The six contract factors, then the optional ones: every id health.json accepts.</summary>
    public static IReadOnlyList<HealthFactor> Known { get; } = [.. All, .. Optional];

    /// <summary>The factor's id as METRICS.md writes it: usage, sentiment, support, revenue-trend, engagement, renewal.</summary>
    public static string Id(this HealthFactor factor) => factor switch
    {
        HealthFactor.Usage => "usage",
        HealthFactor.Sentiment => "sentiment",
        HealthFactor.Support => "support",
        HealthFactor.RevenueTrend => "revenue-trend",
        HealthFactor.Engagement => "engagement",
        HealthFactor.Renewal => "renewal",
        HealthFactor.ChurnRisk => "churn-risk",
        _ => throw new ArgumentOutOfRangeException(nameof(factor), factor, "Unknown health factor."),
    };

    /// <summary>The factor with id <paramref name="id"/> (exact, lower case; optional ids too), or false.</summary>
    public static bool TryParse(string? id, out HealthFactor factor)
    {
        foreach (var f in Known)
        {
            if (string.Equals(f.Id(), id, StringComparison.Ordinal))
            {
                factor = f;
                return true;
            }
        }
        factor = default;
        return false;
    }
}
