using Tenure.Metrics.Alerts;
using Tenure.Storage.Users;

namespace Tenure.Storage.Alerts;

/// <summary>
/// A workspace's alert rules, kept as the tenant setting <see cref="SettingName"/> in alerts.json form
/// (<see cref="AlertSettingsJson"/>); absent: the shipped rules.
/// </summary>
public static class AlertSettingsStore
{
    /// <summary>The tenant_settings name of the rules.</summary>
    public const string SettingName = "alert_rules";

    /// <summary>The tenant's rules: the stored ones, or <see cref="AlertSettings.Default"/>.</summary>
    public static async Task<AlertSettings> GetAsync(TenureDatabase database, string tenant, CancellationToken cancellationToken = default)
    {
        var stored = await TenantSettings.GetAsync(database, tenant, SettingName, cancellationToken);
        return stored is null ? AlertSettings.Default : AlertSettingsJson.Parse(stored, "the workspace setting alert_rules");
    }

    /// <summary>
    /// Validates alerts.json text and stores it (written out in full); returns what was stored. A null or blank
    /// text goes back to the shipped rules.
    /// </summary>
    /// <exception cref="AlertSettingsException">The text breaks a rule: nothing is saved.</exception>
    public static async Task<AlertSettings> SetAsync(TenureDatabase database, string tenant, string? json, string source = "alerts.json", CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            await TenantSettings.SetAsync(database, tenant, SettingName, null, cancellationToken);
            return AlertSettings.Default;
        }
        var settings = AlertSettingsJson.Parse(json, source);
        await TenantSettings.SetAsync(database, tenant, SettingName, AlertSettingsJson.Write(settings), cancellationToken);
        return settings;
    }
}
