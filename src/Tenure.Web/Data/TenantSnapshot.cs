using System.Collections.Concurrent;

using Tenure.Metrics.Accounts;
using Tenure.Metrics.Health;
using Tenure.Metrics.Inputs;

namespace Tenure.Web.Data;

/// <summary>
/// A tenant's stored data as of one data version, shared by every read until the data changes:
/// the data set for the metric engine and, built on first use, its rows grouped by account (and for the health score).
/// </summary>
public sealed class TenantSnapshot(string tenant, long version, TenureDataSet data)
{
    private readonly Lazy<AccountBook> accounts = new(() => AccountBook.Of(data), LazyThreadSafetyMode.ExecutionAndPublication);

    public string Tenant { get; } = tenant;

    /// <summary>The <c>StoredData.DataVersionAsync</c> value the data was loaded at.</summary>
    public long Version { get; } = version;

    public TenureDataSet Data { get; } = data;

    public AccountBook Accounts => accounts.Value;

    // The rows grouped for the health score, per churn grace, built once on first use (health API, health history).
    private readonly ConcurrentDictionary<int, Lazy<HealthData>> health = new();

    /// <summary>The data grouped for the health score with the workspace's churn grace <paramref name="churnGraceDays"/>; built once per grace.</summary>
    public HealthData HealthData(int churnGraceDays) =>
        health.GetOrAdd(churnGraceDays, g => new Lazy<HealthData>(() => Metrics.Health.HealthData.Of(Data, g), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}
