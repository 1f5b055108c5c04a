using Tenure.Metrics.Alerts;
using Tenure.Metrics.Inputs;

namespace Tenure.Web.ChurnRisk;

/// <summary>
/// The churn-risk alert rule's probabilities for one tenant: the latest result <see cref="ChurnRiskService"/> computed
/// (the model trained on the tenant's own history, refreshed after imports and ingests and daily). Null (the rule is
/// "not available") before the first result and when the tenant's history is too short to train; it never trains
/// itself, so an alert evaluation never waits for a model.
/// </summary>
public sealed class LatestChurnRisk(ChurnRiskService service, string tenant) : IChurnRiskSource
{
    public IReadOnlyDictionary<string, decimal>? ProbabilitiesAt(TenureDataSet data, DateTime at)
    {
        if (service.Latest(tenant) is not { Risk.TooShort: null } computed)
            return null;
        return computed.Risk.Accounts.ToDictionary(a => a.AccountId, a => (decimal)a.Probability, StringComparer.Ordinal);
    }
}
