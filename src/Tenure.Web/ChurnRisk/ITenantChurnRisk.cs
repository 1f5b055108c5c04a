namespace Tenure.Web.ChurnRisk;

/// <summary>
/// The latest churn risk computed for a tenant, as the health paths read it: the screens' health
/// (<c>WorkspaceHealth</c>) and the daily health history (<c>HealthHistoryRecorder</c>) feed its probabilities into the
/// optional churn-risk factor, so the stored history and the score on screen agree. <see cref="ChurnRiskService"/> is
/// the one implementation; never computes on the caller's path.
/// </summary>
public interface ITenantChurnRisk
{
    /// <summary>The latest result computed for the tenant, whatever its version or day; null before the first.</summary>
    ComputedChurnRisk? Latest(string tenant);

    /// <summary>Starts bringing the tenant's result up to date without waiting.</summary>
    void Refresh(string tenant);
}
