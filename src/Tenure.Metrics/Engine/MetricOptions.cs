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

    /// <summary>The most churn grace days a workspace may set (a year).</summary>
    public const int MaxChurnGraceDays = 365;

    /// <summary>
    /// Churn grace in days (METRICS.md "Churn grace"; workspace setting <c>churn_grace_days</c>, CLI
    /// <c>--churn-grace-days</c>), 0 to <see cref="MaxChurnGraceDays"/>. When an account's paid coverage
    /// ends and it pays again after a gap shorter than this, the gap is covered at the MRR it had just
    /// before the gap: no churn, no reactivation, it stays a customer, and the change at the new start is
    /// an expansion or a contraction (or none). A gap of exactly the grace or longer is churn at the
    /// original end, as without grace. 0 (default) changes nothing. The churn is shown as soon as coverage
    /// ends and disappears when a new paying period arrives within the grace: figures of the latest
    /// weeks can change as renewals come in.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 0 or more than <see cref="MaxChurnGraceDays"/>.</exception>
    public int ChurnGraceDays
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxChurnGraceDays);
            field = value;
        }
    }

    /// <summary>
    /// The workspace's business hours, for first-response-time-business and resolution-time-business
    /// (default: Monday-Friday 09:00-17:00 UTC, no holidays, per METRICS.md).
    /// </summary>
    public BusinessCalendar BusinessCalendar { get; init; } = BusinessCalendar.Default;
}
