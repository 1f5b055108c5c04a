using System.Collections.Concurrent;

using Microsoft.Extensions.Options;

using Tenure.Storage;
using Tenure.Web.Data;

namespace Tenure.Web.Live;

/// <summary>
/// Notices writes of other processes (<c>tenure import</c> beside the server, a second replica) for the tenants someone
/// watches live: every <see cref="LiveOptions.PollMilliseconds"/> it reads each watched tenant's stored data version
/// (one indexed single-row query per tenant, the one every read already makes). A version the cache does not hold starts
/// the cache's refresh, whose new snapshot is the event (<see cref="TenantChanges"/>), so a page re-read on the event
/// sees the new data. A tenant not loaded in memory gets its event straight away. No watched tenant: no query.
/// </summary>
public sealed partial class StoredVersionWatcher(
    TenureDatabase database, TenantDataCache cache, TenantChanges changes, IOptions<LiveOptions> options, ILogger<StoredVersionWatcher> logger) : BackgroundService
{
    /// <summary>The last stored version seen of watched tenants the cache has not loaded.</summary>
    private readonly ConcurrentDictionary<string, long> notLoaded = new(StringComparer.Ordinal);

    /// <summary>
    /// A stream of <paramref name="tenant"/> opened (subscribed) when the stored version was <paramref name="storedVersion"/>
    /// (read before subscribing): a tenant the cache has not loaded is compared with it, so a write right after the
    /// stream opened is not taken for the starting point.
    /// </summary>
    public void Opened(string tenant, long storedVersion)
    {
        if (cache.Loaded(tenant) is null)
            notLoaded.TryAdd(tenant, storedVersion);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.PollMilliseconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await CheckWatchedAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server is stopping.
        }
    }

    /// <summary>One look at every watched tenant's stored version.</summary>
    internal async Task CheckWatchedAsync(CancellationToken cancellationToken)
    {
        foreach (var tenant in notLoaded.Keys)
        {
            if (!changes.IsWatched(tenant))
                notLoaded.TryRemove(tenant, out _);
        }
        var watched = changes.WatchedTenants();
        foreach (var tenant in watched)
        {
            try
            {
                await CheckAsync(tenant, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogCheckFailed(e, tenant);
            }
        }
    }

    private async Task CheckAsync(string tenant, CancellationToken cancellationToken)
    {
        var stored = await StoredData.DataVersionAsync(database, tenant, cancellationToken);
        if (cache.Loaded(tenant) is { } snapshot)
        {
            notLoaded.TryRemove(tenant, out _);
            if (snapshot.Version != stored)
                await cache.GetAsync(tenant, cancellationToken); // starts the refresh; its new snapshot raises the event
            return;
        }
        if (notLoaded.TryGetValue(tenant, out var seen) && seen != stored)
            changes.Report(tenant, TenantChanges.Data, stored);
        notLoaded[tenant] = stored;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live updates: reading the stored data version of tenant {Tenant} failed; the next look retries")]
    private partial void LogCheckFailed(Exception exception, string tenant);
}
