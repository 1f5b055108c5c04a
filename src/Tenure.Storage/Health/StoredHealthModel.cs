using Tenure.Metrics.Health;
using Tenure.Storage.Users;

namespace Tenure.Storage.Health;

/// <summary>
/// The workspace's health model as stored (<c>tenant_settings.health_model</c>, set on /settings), for the paths that
/// score without a person watching: the daily history, its back-fill and the alert rules. They must score with the
/// same model as the pages, or a stored trend and a health-drop alert would disagree with the score on screen.
/// </summary>
public static class StoredHealthModel
{
    /// <summary>
    /// The model and the text it was read from (null text: METRICS.md's default, also when the stored text no longer
    /// reads, as the pages do).
    /// </summary>
    public static async Task<(HealthModel Model, string? Text)> ReadAsync(TenureDatabase database, string tenant, CancellationToken cancellationToken = default)
    {
        var stored = await TenantSettings.GetAsync(database, tenant, TenantSettings.HealthModel, cancellationToken);
        if (stored is null) return (HealthModel.Default, null);
        try
        {
            return (HealthModelJson.Parse(stored, "Health model"), stored);
        }
        catch (HealthModelException)
        {
            return (HealthModel.Default, null);
        }
    }
}
