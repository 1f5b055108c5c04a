namespace Tenure.Web.Data;

/// <summary>
/// A tenant's data moved to a new snapshot (<see cref="TenantDataCache.DataChanged"/>): from <see cref="Previous"/>
/// (null on the tenant's first load) to <see cref="Current"/>, which readers already see.
/// </summary>
public sealed class TenantDataChangedEventArgs(string tenant, TenantSnapshot? previous, TenantSnapshot current) : EventArgs
{
    public string Tenant { get; } = tenant;

    public TenantSnapshot? Previous { get; } = previous;

    public TenantSnapshot Current { get; } = current;

    /// <summary>
    /// Whether only usage changed since <see cref="Previous"/> (the change was applied in memory); false for a load,
    /// after which anything may differ, and for other changes applied in memory (survey answers).
    /// </summary>
    public bool UsageOnly => Previous is not null && Current.RowsVersion == Previous.RowsVersion;
}
