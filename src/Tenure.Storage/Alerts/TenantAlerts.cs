using Tenure.Metrics.Alerts;
using Tenure.Metrics.Health;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Reporting;
using Tenure.Storage.Health;
using Tenure.Storage.Users;

namespace Tenure.Storage.Alerts;

/// <summary>
/// Evaluating a tenant's alerts end to end, the one path for `tenure import`, `tenure alerts evaluate`, the
/// server's hourly run and its after-ingest run: the workspace's rules, churn grace and health model, the pure evaluation
/// (<see cref="AlertEvaluator"/>) over the given data at now, then <see cref="AlertStore.ApplyAsync"/>.
/// </summary>
public static class TenantAlerts
{
    /// <summary>Evaluates and applies; <paramref name="data"/> is the tenant's stored data (loaded when null).</summary>
    public static Task<(AlertEvaluation Evaluation, AlertChanges Changes)> EvaluateAsync(TenureDatabase database, string tenant, DateTime now,
        TenureDataSet? data = null, IChurnRiskSource? churn = null, CancellationToken cancellationToken = default) =>
        EvaluateAsync(database, tenant, now, data, churn, healthData: null, cancellationToken);

    /// <summary>
    /// Evaluates and applies, with <paramref name="healthData"/> giving <paramref name="data"/>'s rows grouped by account
    /// for a churn grace (a server's loaded snapshot keeps them; null groups them here).
    /// </summary>
    public static async Task<(AlertEvaluation Evaluation, AlertChanges Changes)> EvaluateAsync(TenureDatabase database, string tenant, DateTime now,
        TenureDataSet? data, IChurnRiskSource? churn, Func<int, HealthData>? healthData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        var settings = await AlertSettingsStore.GetAsync(database, tenant, cancellationToken);
        var grace = ChurnGrace(await TenantSettings.GetAsync(database, tenant, TenantSettings.ChurnGraceDays, cancellationToken));
        data ??= await StoredData.LoadAsync(database, tenant, cancellationToken);
        var (model, _) = await StoredHealthModel.ReadAsync(database, tenant, cancellationToken);
        var evaluation = AlertEvaluator.Evaluate(data, settings, now, grace, model, churn, healthData?.Invoke(grace));
        var changes = await AlertStore.ApplyAsync(database, tenant, evaluation, cancellationToken);
        return (evaluation, changes);
    }

    /// <summary>The stored churn grace (validated when it was set); 0 when absent or unreadable.</summary>
    private static int ChurnGrace(string? stored)
    {
        try
        {
            return MetricRequestParser.ChurnGraceDays(stored, "churn_grace_days") ?? 0;
        }
        catch (MetricRequestException)
        {
            return 0;
        }
    }
}
