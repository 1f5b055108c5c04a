namespace Tenure.Web.Data;

/// <summary>
/// The data-changed point of the cache: whoever needs to act when a tenant's data changes (the alert rules,
/// <see cref="Alerts.AlertMonitor"/>) subscribes here instead of polling. Raised after a snapshot at a new
/// data version is loaded (an import, an ingest, a CLI import picked up by the warm-up's version check), on the
/// loading thread; handlers must be quick (queue the work).
/// </summary>
public sealed partial class TenantDataCache
{
    /// <summary>A tenant's data was loaded at a data version the cache did not hold before.</summary>
    public event Action<TenantSnapshot>? DataChanged;

    private void OnDataChanged(TenantSnapshot snapshot) => DataChanged?.Invoke(snapshot);
}
