using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Alerts;

/// <summary>
/// Where the churn-risk rule gets each account's probability of churning: the extension point for the churn
/// model (Tenure.Predictive). Until a model is trained there is none, and the rule reports
/// <see cref="ChurnRisk.NotAvailable"/> instead of opening or resolving anything.
/// </summary>
public interface IChurnRiskSource
{
    /// <summary>
    /// Each account's probability (0-1) of churning, as of <paramref name="at"/>, by account id; null when no
    /// model is trained (the rule is then not available). Accounts missing from the map are not scored.
    /// </summary>
    IReadOnlyDictionary<string, decimal>? ProbabilitiesAt(TenureDataSet data, DateTime at);
}

/// <summary>The churn-risk rule's messages.</summary>
public static class ChurnRisk
{
    /// <summary>What the rule reports while no churn model exists.</summary>
    public const string NotAvailable = "not available until the churn model is trained";
}
