using Tenure.Metrics.Engine;
using Tenure.Metrics.Support;

namespace Tenure.Web.Settings;

/// <summary>
/// The options every dashboard figure of a workspace is computed with, from its settings on /settings: the churn
/// grace (<see cref="TenantChurnGraceSetting"/>) and the business calendar (<see cref="TenantBusinessCalendarSetting"/>).
/// One place, so a page, its cache key and the warm-up never disagree about which settings count.
/// </summary>
public sealed class WorkspaceMetricOptions(TenantChurnGraceSetting churnGrace, TenantBusinessCalendarSetting businessCalendar)
{
    public async Task<MetricOptions> GetAsync(string tenant, CancellationToken cancellationToken = default) =>
        (await churnGrace.OptionsAsync(tenant, cancellationToken)) with
        {
            BusinessCalendar = await businessCalendar.GetAsync(tenant, cancellationToken),
        };

    /// <summary>A text that differs whenever a workspace setting that changes a figure differs (for cache keys and warm-up stamps).</summary>
    public static string Key(MetricOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return $"grace={options.ChurnGraceDays}\ncalendar={BusinessCalendarJson.Write(options.BusinessCalendar)}";
    }
}
