using Tenure.Metrics.Health;
using Tenure.Storage.Users;

namespace Tenure.Storage.Health;

/// <summary>
/// The workspace's health model as stored (<c>tenant_settings.health_model</c>, set on /settings): the one reading of it
/// for every path that scores, the pages (through Tenure.Web's <c>TenantHealthModelSetting</c>), the daily history, its
/// back-fill and the alert rules, so a stored trend or a health-drop alert never disagrees with the score on screen.
/// </summary>
public static class StoredHealthModel
{
    /// <summary>How errors name the setting: "Health model: factors.usage.weight: must be &gt;= 0".</summary>
    public const string Source = "Health model";

    /// <summary>
    /// The model and the text it was read from (null text: METRICS.md's default, also when the stored text no longer
    /// reads, a later version validating more strictly).
    /// </summary>
    public static Task<(HealthModel Model, string? Text)> ReadAsync(TenureDatabase database, string tenant, CancellationToken cancellationToken = default) =>
        ReadAsync(database, tenant, unreadable: null, cancellationToken);

    /// <summary>
    /// As <see cref="ReadAsync(TenureDatabase, string, CancellationToken)"/>, telling <paramref name="unreadable"/> the
    /// problem (field and rule) when a stored text no longer reads and the default is used instead.
    /// </summary>
    public static async Task<(HealthModel Model, string? Text)> ReadAsync(
        TenureDatabase database, string tenant, Action<string>? unreadable, CancellationToken cancellationToken = default)
    {
        var stored = await TenantSettings.GetAsync(database, tenant, TenantSettings.HealthModel, cancellationToken);
        if (stored is null) return (HealthModel.Default, null);
        try
        {
            return (HealthModelJson.Parse(stored, Source), stored);
        }
        catch (HealthModelException e)
        {
            unreadable?.Invoke(e.Message);
            return (HealthModel.Default, null);
        }
    }
}
