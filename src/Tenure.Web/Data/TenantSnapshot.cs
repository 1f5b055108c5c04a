using Tenure.Metrics.Accounts;
using Tenure.Metrics.Inputs;

namespace Tenure.Web.Data;

/// <summary>
/// A tenant's stored data as of one data version, shared by every read until the data changes:
/// the data set for the metric engine and, built on first use, its rows grouped by account.
/// </summary>
public sealed class TenantSnapshot(string tenant, long version, TenureDataSet data)
{
    private readonly Lazy<AccountBook> accounts = new(() => AccountBook.Of(data), LazyThreadSafetyMode.ExecutionAndPublication);

    public string Tenant { get; } = tenant;

    /// <summary>The <c>StoredData.DataVersionAsync</c> value the data was loaded at.</summary>
    public long Version { get; } = version;

    public TenureDataSet Data { get; } = data;

    public AccountBook Accounts => accounts.Value;
}
