using System.Collections.Concurrent;

using Tenure.Ingest;
using Tenure.Metrics.Accounts;
using Tenure.Metrics.Health;
using Tenure.Metrics.Inputs;

namespace Tenure.Web.Data;

/// <summary>
/// A tenant's stored data as of one data version, shared by every read until the data changes: the data set for
/// the metric engine and, built on first use, its rows grouped by account and its account ids. Never changed once
/// made; a newer version is a new snapshot (<see cref="TenantDataCache"/>).
/// </summary>
public sealed class TenantSnapshot
{
    private readonly Lazy<AccountBook> accounts;
    private readonly Lazy<AccountIndex> accountIds;

    /// <summary>The data loaded from the database at <paramref name="version"/>.</summary>
    public TenantSnapshot(string tenant, long version, TenureDataSet data)
        : this(tenant, version, data, basis: null)
    {
    }

    /// <summary>
    /// <paramref name="data"/> at <paramref name="version"/>, made in memory from <paramref name="basis"/> by changes
    /// that leave its accounts as they were (usage, survey answers): the account ids are shared with it when the account
    /// rows are; <paramref name="usageOnly"/> says only usage changed since the basis (<see cref="RowsVersion"/>).
    /// </summary>
    public TenantSnapshot(string tenant, long version, TenureDataSet data, TenantSnapshot? basis, bool usageOnly = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        Tenant = tenant;
        Version = version;
        Data = data;
        LoadedVersion = basis?.LoadedVersion ?? version;
        RowsVersion = basis is not null && usageOnly ? basis.RowsVersion : version;
        // A view of the data's rows grouped by account, the groupings the engine keeps for the same data set.
        accounts = new(() => AccountBook.Of(data), LazyThreadSafetyMode.ExecutionAndPublication);
        accountIds = basis is not null && ReferenceEquals(basis.Data.Accounts, data.Accounts)
            ? basis.accountIds
            : new(() => AccountIndex.Of(data.Accounts).From("the stored accounts"), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Tenant { get; }

    /// <summary>Bytes estimated per usage row: a <see cref="UsageDay"/> in an array (two references, a date, a count).</summary>
    public const long UsageRowBytes = 32;

    /// <summary>Bytes estimated per usage row held as a table, as a load holds usage (<see cref="UsageDayTable"/>: four ints).</summary>
    public const long TableUsageRowBytes = 16;

    /// <summary>Bytes estimated per row of any other kind: a record of a dozen fields (its ids are shared strings).</summary>
    public const long RecordBytes = 160;

    /// <summary>Bytes estimated per row for the rows grouped by account and the other structures built on first use.</summary>
    public const long IndexBytesPerRow = 24;

    /// <summary>
    /// The memory this snapshot holds, estimated from its row counts (<see cref="UsageRowBytes"/> or <see cref="TableUsageRowBytes"/>, <see cref="RecordBytes"/>,
    /// <see cref="IndexBytesPerRow"/>): what the cache's bound (<c>Tenure:Cache:MaxBytes</c>) counts.
    /// </summary>
    public long EstimatedBytes
    {
        get
        {
            var data = Data;
            long records = (long)data.Accounts.Count + data.Subscriptions.Count + data.Invoices.Count + data.Users.Count
                + data.Surveys.Count + data.Tickets.Count + data.Costs.Count + data.Offers.Count + data.Referrals.Count
                + data.Milestones.Count + data.Programs.Count + data.Tasks.Count + data.Notes.Count;
            var usageRowBytes = data.Usage is UsageDayTable ? TableUsageRowBytes : UsageRowBytes;
            return records * RecordBytes + data.Usage.Count * usageRowBytes + (records + data.Usage.Count) * IndexBytesPerRow;
        }
    }

    /// <summary>The data version (<c>StoredData.DataVersionAsync</c>) the data is exactly the stored data of.</summary>
    public long Version { get; }

    /// <summary>
    /// The version last loaded from the database: <see cref="Version"/> for a loaded snapshot, older when the changes
    /// since were applied in memory.
    /// </summary>
    public long LoadedVersion { get; }

    /// <summary>
    /// The version of the last change to anything but usage (a load, or a survey answer applied in memory):
    /// <see cref="Version"/>, or older when only usage changed since.
    /// </summary>
    public long RowsVersion { get; }

    public TenureDataSet Data { get; }

    public AccountBook Accounts => accounts.Value;

    // The rows grouped for the health score, per churn grace, built once on first use (health API, health history).
    private readonly ConcurrentDictionary<int, Lazy<HealthData>> health = new();

    /// <summary>The data grouped for the health score with the workspace's churn grace <paramref name="churnGraceDays"/>; built once per grace.</summary>
    public HealthData HealthData(int churnGraceDays) =>
        health.GetOrAdd(churnGraceDays, g => new Lazy<HealthData>(() => Metrics.Health.HealthData.Of(Data, g), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>The ids of <see cref="TenureDataSet.Accounts"/>, described in errors as "the stored accounts".</summary>
    public AccountIndex AccountIds => accountIds.Value;
}
