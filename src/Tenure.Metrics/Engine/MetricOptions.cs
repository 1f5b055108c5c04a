using Tenure.Metrics.Support;

namespace Tenure.Metrics.Engine;

/// <summary>The definitional choices a user may make; every default follows METRICS.md.</summary>
public sealed record MetricOptions
{
    /// <summary>
    /// Average customer lifespan in months for clv / clv-net. Null (default): 1 / monthly churn,
    /// where monthly churn = churn-rate / 100 / months in P.
    /// </summary>
    public decimal? LifespanMonths { get; init; }

    /// <summary>
    /// For clv-subscription: when set, the monthly churn is the mean churn-rate of this many whole
    /// calendar months before each period (ChartMogul's trailing form). Null: the period's own churn.
    /// </summary>
    public int? TrailingMonths { get; init; }

    /// <summary>Custom survey ids that count as satisfaction surveys (for happiness and the satisfaction balance).</summary>
    public IReadOnlySet<string> SatisfactionSurveys { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Days after a contract end within which a new paying period still counts as a renewal.</summary>
    public int RenewalGraceDays { get; init; } = 30;

    /// <summary>
    /// The workspace's business hours, for first-response-time-business and resolution-time-business
    /// (default: Monday-Friday 09:00-17:00 UTC, no holidays, per METRICS.md).
    /// </summary>
    public BusinessCalendar BusinessCalendar { get; init; } = BusinessCalendar.Default;
}
