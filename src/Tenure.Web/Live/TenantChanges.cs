using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;

using Microsoft.Extensions.Options;

using Tenure.Web.Data;

namespace Tenure.Web.Live;

/// <summary>
/// The one place to say "tenant T's pages show something new" and to hear it (docs/adr/0150-live-updates-over-sse.md).
/// Every new snapshot of <see cref="TenantDataCache"/> (an import, an ingest batch, a write of another process once
/// <see cref="StoredVersionWatcher"/> noticed it) is reported here by itself; a change the snapshot does not hold
/// (a task, a note, an alert) is reported by its writer with <see cref="Notify"/>.
/// <para>
/// Events are per tenant and coalesced: at most one per <see cref="LiveOptions.CoalesceMilliseconds"/>, changes
/// arriving meanwhile go out together. A tenant nobody listens to costs nothing: <see cref="Notify"/> returns at once.
/// Each listener holds at most one unsent event (the newest): a slow stream skips events, never piles them up.
/// </para>
/// <para>
/// Timers use the real clock (Stopwatch, Task.Delay), never the injected <see cref="TimeProvider"/>, whose "now" is
/// the business date (a test's fixed date must not stop events); that clock only stamps <see cref="TenantChange.OccurredAt"/>.
/// </para>
/// </summary>
public sealed class TenantChanges : IDisposable
{
    /// <summary>The tenant's data was reloaded (an import, a write of another process): anything may differ.</summary>
    public const string Data = "data";

    /// <summary>Usage events were added (an ingest batch), nothing else.</summary>
    public const string Usage = "usage";

    /// <summary>A survey answer was stored (report it if the answer is not already in the tenant's data version).</summary>
    public const string Surveys = "survey";

    /// <summary>A task was created, assigned, completed or commented on.</summary>
    public const string Tasks = "task";

    /// <summary>A note was written.</summary>
    public const string Notes = "note";

    /// <summary>An alert was opened or resolved.</summary>
    public const string Alerts = "alert";

    private readonly ConcurrentDictionary<string, TenantFeed> feeds = new(StringComparer.Ordinal);
    private readonly TenantDataCache cache;
    private readonly TimeProvider clock;
    private readonly TimeSpan coalesce;
    private readonly CancellationTokenSource stopping = new();

    public TenantChanges(TenantDataCache cache, IOptions<LiveOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(options);
        (this.cache, this.clock) = (cache, clock);
        coalesce = TimeSpan.FromMilliseconds(options.Value.CoalesceMilliseconds);
        cache.DataChanged += OnDataChanged;
    }

    /// <summary>
    /// Reports that <paramref name="tenant"/>'s pages show something new: every open page and stream of the tenant
    /// hears it within <see cref="LiveOptions.CoalesceMilliseconds"/>. Call it after the change is committed (a page
    /// re-read at once must see it). Cheap and never throws for a tenant nobody listens to; safe from any thread.
    /// </summary>
    /// <param name="tenant">The tenant whose data changed.</param>
    /// <param name="what">What changed, a short lowercase word (<see cref="Tasks"/>, <see cref="Notes"/>, <see cref="Surveys"/>, ...): listeners may use it to decide what to re-read.</param>
    public void Notify(string tenant, string what) => Report(tenant, what, 0);

    /// <summary>The tenants at least one stream listens to.</summary>
    public IReadOnlyList<string> WatchedTenants() =>
        [.. feeds.Values.Where(f => f.ListenerCount > 0).Select(f => f.Tenant)];

    /// <summary>Whether at least one stream listens to <paramref name="tenant"/>.</summary>
    public bool IsWatched(string tenant) => feeds.TryGetValue(tenant, out var feed) && feed.ListenerCount > 0;

    /// <summary>Starts listening to <paramref name="tenant"/>'s events; dispose the subscription to stop.</summary>
    public Subscription Subscribe(string tenant)
    {
        var feed = feeds.GetOrAdd(tenant, static t => new TenantFeed(t));
        var events = Channel.CreateBounded<TenantChange>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (feed.Gate)
            feed.Listeners.Add(events);
        return new Subscription(feed, events);
    }

    public void Dispose()
    {
        cache.DataChanged -= OnDataChanged;
        stopping.Cancel();
        stopping.Dispose();
    }

    /// <summary><see cref="Notify"/> with the data version the change made (0: not known), for the event's data_version.</summary>
    internal void Report(string tenant, string what, long dataVersion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        if (!feeds.TryGetValue(tenant, out var feed))
            return;
        TimeSpan wait;
        lock (feed.Gate)
        {
            if (feed.Listeners.Count == 0)
                return;
            if (!feed.Pending.Contains(what))
                feed.Pending.Add(what);
            feed.PendingVersion = Math.Max(feed.PendingVersion, dataVersion);
            if (feed.Scheduled)
                return; // goes out with the event already due
            feed.Scheduled = true;
            wait = feed.LastSentAt == 0 ? TimeSpan.Zero : coalesce - Stopwatch.GetElapsedTime(feed.LastSentAt);
        }
        if (wait <= TimeSpan.Zero)
            Send(feed);
        else
            _ = SendLaterAsync(feed, wait);
    }

    private void OnDataChanged(object? sender, TenantDataChangedEventArgs change) =>
        Report(change.Tenant, change.UsageOnly ? Usage : Data, change.Current.Version);

    private async Task SendLaterAsync(TenantFeed feed, TimeSpan wait)
    {
        try
        {
            await Task.Delay(wait, stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return; // the server is stopping
        }
        Send(feed);
    }

    private void Send(TenantFeed feed)
    {
        TenantChange change;
        Channel<TenantChange>[] listeners;
        lock (feed.Gate)
        {
            var version = Math.Max(feed.PendingVersion, cache.Loaded(feed.Tenant)?.Version ?? 0);
            change = new TenantChange(feed.Tenant, ++feed.Sequence, version, [.. feed.Pending], clock.GetUtcNow());
            feed.Pending.Clear();
            feed.PendingVersion = 0;
            feed.Scheduled = false;
            feed.LastSentAt = Stopwatch.GetTimestamp();
            listeners = [.. feed.Listeners];
        }
        foreach (var listener in listeners)
            listener.Writer.TryWrite(change);
    }

    /// <summary>A stream's hold on its tenant's events: <see cref="Events"/> until disposed.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly TenantFeed feed;
        private readonly Channel<TenantChange> events;
        private int disposed;

        internal Subscription(TenantFeed feed, Channel<TenantChange> events) => (this.feed, this.events) = (feed, events);

        /// <summary>The tenant's events from the subscription on; holds at most the newest unread one.</summary>
        public ChannelReader<TenantChange> Events => events.Reader;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) != 0)
                return;
            lock (feed.Gate)
                feed.Listeners.Remove(events);
            events.Writer.TryComplete();
        }
    }

    /// <summary>A tenant's listeners and the event being gathered; every field under <see cref="Gate"/>.</summary>
    internal sealed class TenantFeed(string tenant)
    {
        public readonly object Gate = new();
        public readonly string Tenant = tenant;
        public readonly List<Channel<TenantChange>> Listeners = [];
        public readonly List<string> Pending = [];
        public long PendingVersion;
        public bool Scheduled;
        public long LastSentAt;
        public long Sequence;

        public int ListenerCount
        {
            get
            {
                lock (Gate)
                    return Listeners.Count;
            }
        }
    }
}
