using System.Collections.Concurrent;
using System.Diagnostics;

using Tenure.Storage;

namespace Tenure.Web.Data;

/// <summary>
/// Keeps each tenant's data set in memory so reads do not reload the database per request: every
/// read asks for the tenant's data version (one cheap query) and reloads only when it changed.
/// Concurrent readers of a stale tenant wait for one reload instead of each loading the data.
/// </summary>
public sealed partial class TenantDataCache(TenureDatabase database, ILogger<TenantDataCache> logger)
{
    private readonly ConcurrentDictionary<string, Slot> slots = new(StringComparer.Ordinal);

    /// <summary>The tenant's data as currently stored.</summary>
    public async Task<TenantSnapshot> GetAsync(string tenant, CancellationToken cancellationToken = default)
    {
        var version = await StoredData.DataVersionAsync(database, tenant, cancellationToken);
        var slot = slots.GetOrAdd(tenant, static _ => new Slot());
        if (slot.Snapshot is { } current && current.Version == version)
            return current;

        await slot.Gate.WaitAsync(cancellationToken);
        try
        {
            if (slot.Snapshot is { } loaded && loaded.Version == version)
                return loaded;
            var clock = Stopwatch.StartNew();
            // The version was read before loading: a write in between leaves newer data under the older
            // version, which the next read reloads; never older data under a newer version.
            var data = await StoredData.LoadAsync(database, tenant, cancellationToken);
            var snapshot = new TenantSnapshot(tenant, version, data);
            slot.Snapshot = snapshot;
            LogLoaded(tenant, version, data.Accounts.Count, clock.ElapsedMilliseconds);
            OnDataChanged(snapshot);
            return snapshot;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    private sealed class Slot
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public volatile TenantSnapshot? Snapshot;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded tenant {Tenant} at data version {Version}: {Accounts} accounts in {Milliseconds} ms")]
    private partial void LogLoaded(string tenant, long version, int accounts, long milliseconds);
}
