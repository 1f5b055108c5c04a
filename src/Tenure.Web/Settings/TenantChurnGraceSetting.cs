using Tenure.Metrics.Engine;
using Tenure.Metrics.Reporting;
using Tenure.Storage;
using Tenure.Storage.Users;

namespace Tenure.Web.Settings;

/// <summary>
/// The workspace's churn grace in days (tenant_settings.churn_grace_days, METRICS.md "Churn grace"), set on
/// /settings by a manager or admin and applied to every dashboard and API metric of the workspace.
/// </summary>
public sealed class TenantChurnGraceSetting(TenureDatabase database)
{
    /// <summary>How the settings page names the field in its messages.</summary>
    public const string FieldName = "Churn grace (days)";

    /// <summary>The workspace's churn grace; 0 when never set. A stored value that is not 0-365 days (only SetAsync writes it) reads as 0.</summary>
    public async Task<int> GetAsync(string tenant, CancellationToken cancellationToken = default)
    {
        var stored = await TenantSettings.GetAsync(database, tenant, TenantSettings.ChurnGraceDays, cancellationToken);
        try
        {
            return MetricRequestParser.ChurnGraceDays(stored, TenantSettings.ChurnGraceDays) ?? 0;
        }
        catch (MetricRequestException)
        {
            return 0;
        }
    }

    /// <summary>The options every metric of the workspace is computed with.</summary>
    public async Task<MetricOptions> OptionsAsync(string tenant, CancellationToken cancellationToken = default) =>
        new() { ChurnGraceDays = await GetAsync(tenant, cancellationToken) };

    /// <summary>
    /// Stores the grace typed on the settings page (blank or 0: no grace, the setting is removed); returns the
    /// error to show when it is not a whole number of days from 0 to 365 (nothing stored), else null.
    /// </summary>
    public async Task<string?> SetAsync(string tenant, string? text, CancellationToken cancellationToken = default)
    {
        int days;
        try
        {
            days = MetricRequestParser.ChurnGraceDays(text, FieldName) ?? 0;
        }
        catch (MetricRequestException e)
        {
            return e.Message + " Nothing was changed.";
        }
        await TenantSettings.SetAsync(database, tenant, TenantSettings.ChurnGraceDays, days == 0 ? null : days.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        return null;
    }
}
