using System.Collections.Concurrent;
using System.Diagnostics;

using Microsoft.Extensions.Options;

using Tenure.Metrics.Inputs;
using Tenure.Storage;
using Tenure.Web.Hosting;

namespace Tenure.Web.Data;

/// <summary>
/// Keeps each tenant's data set in memory so reads do not reload the database per request, and keeps it
/// current without making reads wait (docs/adr/0105-snapshots-updated-in-place-of-reloads.md):
/// <list type="bullet">
/// <item>Every read asks for the tenant's data version (one cheap query). A current snapshot is returned as is;
/// a stale one is returned too, and a refresh is started: a read waits only for the tenant's very first load.</item>
/// <item>One refresh at a time per tenant; changes arriving meanwhile are published together, at most one new
/// snapshot per <see cref="RefreshInterval"/>.</item>
/// <item>Usage added through this process (<see cref="UsageAddedAsync"/>) is applied to the snapshot in memory
/// (<see cref="UsageIngest.ApplyTo"/>) without re-reading the database, and so are survey answers
/// (<see cref="ChangesStoredAsync"/>, <see cref="StoredChange"/>); any other change (an import, a write of
/// another process) is a full reload, read in one database snapshot with its version.</item>
/// <item>A write through this process waits (at most <see cref="WriteVisibleWait"/>) until its change is in the
/// snapshot, so a client that got its answer reads its own write.</item>
/// </list>
/// <see cref="DataChanged"/> is the one place to hear that a tenant's data changed.
/// Memory is bounded (docs/adr/0160-warm-tenants-bounded-by-bytes.md): past <see cref="CacheOptions.MaxBytes"/> of
/// snapshots (<see cref="TenantSnapshot.EstimatedBytes"/>), the tenants read least recently are dropped
/// (<see cref="Dropped"/>) and loaded again on their next read.
/// </summary>
public sealed partial class TenantDataCache : IDisposable
{
    /// <summary>Least time between two new snapshots of a tenant: changes arriving meanwhile are published together.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a stored version that no change reported to this cache explains is waited for before the tenant is
    /// reloaded: the report of a concurrent write may be a moment behind its commit; a write of another process
    /// (<c>tenure import</c> beside the server) never reports.
    /// </summary>
    public static readonly TimeSpan UnreportedVersionWait = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a write through this process waits for its change to be visible to reads before answering anyway.</summary>
    public static readonly TimeSpan WriteVisibleWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Usage increments held per tenant until the next snapshot (bounds memory under a burst); past it they are
    /// dropped and the tenant is reloaded instead.
    /// </summary>
    public const int MaxPendingIncrements = 250_000;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// How long after a change applied in memory the tenant's data is written as its snapshot file (SQLite, ADR 0205),
    /// so that a restart loads the file instead of every row; changes meanwhile go into the same write.
    /// </summary>
    public static readonly TimeSpan SnapshotSaveDelay = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, TenantSlot> slots = new(StringComparer.Ordinal);
    private readonly TenureDatabase database;
    private readonly Func<string, CancellationToken, Task<(TenureDataSet Data, long Version)>> load;
    private readonly ILogger<TenantDataCache> logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly CancellationToken stoppingToken;
    private readonly long maxBytes;
    private readonly Func<string, TenureDataSet, long, CancellationToken, Task<bool>>? saveSnapshot;
    private readonly TimeSpan saveDelay;
    private long readClock;

    /// <summary>With the default bound (<see cref="CacheOptions.MaxBytes"/>).</summary>
    public TenantDataCache(TenureDatabase database, ILogger<TenantDataCache> logger)
        : this(database, Options.Create(new CacheOptions()), logger)
    {
    }

    public TenantDataCache(TenureDatabase database, IOptions<CacheOptions> options, ILogger<TenantDataCache> logger)
        : this(database, logger, (tenant, cancellationToken) => StoredData.LoadVersionedAsync(database, tenant, cancellationToken, logger), options?.Value.MaxBytes ?? throw new ArgumentNullException(nameof(options)),
            (tenant, data, version, cancellationToken) => StoredData.SaveSnapshotAsync(database, tenant, data, version, cancellationToken, logger), SnapshotSaveDelay)
    {
    }

    /// <summary>
    /// With the full load replaced (tests hold a reload open with it), the bound given, and the write of a snapshot
    /// file after changes applied in memory (none when null) with its delay.
    /// </summary>
    internal TenantDataCache(TenureDatabase database, ILogger<TenantDataCache> logger, Func<string, CancellationToken, Task<(TenureDataSet Data, long Version)>> load, long maxBytes = long.MaxValue,
        Func<string, TenureDataSet, long, CancellationToken, Task<bool>>? saveSnapshot = null, TimeSpan saveDelay = default)
    {
        this.database = database;
        this.logger = logger;
        this.load = load;
        this.maxBytes = maxBytes;
        this.saveSnapshot = saveSnapshot;
        this.saveDelay = saveDelay;
        stoppingToken = stopping.Token;
    }

    /// <summary>
    /// Raised after a tenant's snapshot moved to another data version (its first load included), once per new
    /// snapshot, after readers can see it. Several changes may arrive as one. Raised on a background thread:
    /// a handler must return quickly (queue its work) and should not throw (an exception is logged and ignored).
    /// </summary>
    public event EventHandler<TenantDataChangedEventArgs>? DataChanged;

    /// <summary>
    /// Raised with the tenant's name after its snapshot was dropped to keep within <see cref="CacheOptions.MaxBytes"/>:
    /// what was computed from it may go too (<see cref="Dashboards.DashboardCache.Drop"/>). Same rules as <see cref="DataChanged"/>.
    /// </summary>
    public event EventHandler<string>? Dropped;

    /// <summary>The estimated bytes of every snapshot held (<see cref="TenantSnapshot.EstimatedBytes"/>).</summary>
    public long HeldBytes => slots.Values.Sum(s => s.Snapshot?.EstimatedBytes ?? 0);

    /// <summary>
    /// The tenant's data: the newest snapshot in memory, which is the stored data or at most one refresh behind it
    /// (a refresh is started when the stored version moved on). Waits only when the tenant was never loaded.
    /// </summary>
    public async Task<TenantSnapshot> GetAsync(string tenant, CancellationToken cancellationToken = default)
    {
        var stored = await StoredData.DataVersionAsync(database, tenant, cancellationToken);
        var slot = SlotOf(tenant);
        slot.LastRead = Interlocked.Increment(ref readClock);
        if (slot.Snapshot is { } current)
        {
            if (current.Version != stored)
                Request(slot, await ConfirmedAsync(tenant, stored, current, cancellationToken));
            return current;
        }
        return await WaitForAsync(slot, stored).WaitAsync(cancellationToken);
    }

    /// <summary>The tenant's data at the stored version or later: waits for the refresh (the dashboards' warm-up, tests).</summary>
    public async Task<TenantSnapshot> GetCurrentAsync(string tenant, CancellationToken cancellationToken = default)
    {
        var stored = await StoredData.DataVersionAsync(database, tenant, cancellationToken);
        var slot = SlotOf(tenant);
        slot.LastRead = Interlocked.Increment(ref readClock);
        if (slot.Snapshot is { } current && current.Version > stored)
            Request(slot, stored = await ConfirmedAsync(tenant, stored, current, cancellationToken));
        return await WaitForAsync(slot, stored).WaitAsync(cancellationToken);
    }

    /// <summary>The tenant's newest snapshot in memory without asking the database, or null when it was never loaded.</summary>
    public TenantSnapshot? Loaded(string tenant) => slots.TryGetValue(tenant, out var slot) ? slot.Snapshot : null;

    /// <summary>
    /// Usage that <see cref="UsageIngest.AddAsync"/> stored: applied to the tenant's snapshot in memory, and waited
    /// for (at most <see cref="WriteVisibleWait"/>) so the writer's next read sees it.
    /// </summary>
    public async Task UsageAddedAsync(string tenant, UsageAdded added, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(added);
        var slot = SlotOf(tenant);
        AddPending(slot, [new PendingWrite(added.Version, added.Increments, null)]);
        await WaitVisibleAsync(slot, added.Version, cancellationToken);
    }

    /// <summary>
    /// Changes a write of this process stored, one per data version it wrote (a survey answer: its response, then its
    /// send): applied to the tenant's snapshot in memory (<see cref="StoredChange.ApplyTo"/>) in version order, and
    /// waited for (at most <see cref="WriteVisibleWait"/>) so the writer's next read sees them. A change that cannot
    /// be applied (its rows are not in the snapshot) makes the refresh a reload. Changes already told to
    /// <see cref="ChangeStored"/> are not applied twice.
    /// </summary>
    public async Task ChangesStoredAsync(string tenant, IReadOnlyList<StoredChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
            return;
        var slot = SlotOf(tenant);
        AddPending(slot, [.. changes.Select(c => new PendingWrite(c.Version, null, c))]);
        await WaitVisibleAsync(slot, changes.Max(c => c.Version), cancellationToken);
    }

    /// <summary>
    /// A change a write of this process just committed, told at once (without waiting for it to be visible): a refresh
    /// that finds its version stored applies it instead of waiting for a report and then reloading, which is what a
    /// version nobody told of gets (a write of another process).
    /// </summary>
    public void ChangeStored(string tenant, StoredChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        AddPending(SlotOf(tenant), [new PendingWrite(change.Version, null, change)]);
    }

    /// <summary>
    /// Files <paramref name="writes"/> as pending by their versions (once each; versions the snapshot has are skipped),
    /// unless the tenant was never loaded (its first read loads everything). Past <see cref="MaxPendingIncrements"/>,
    /// or for a write without a version, what is pending is given up for a reload through the newest version.
    /// </summary>
    private static void AddPending(TenantSlot slot, IReadOnlyList<PendingWrite> writes)
    {
        var newest = writes.Max(w => w.Version);
        lock (slot.Gate)
        {
            if (slot.Snapshot is null && slot.Refreshing is null)
                return;
            if (writes.Any(w => w.Version <= 0))
            {
                slot.ReloadThrough = Math.Max(slot.ReloadThrough, newest); // no version known for it: only a reload is sure
            }
            else if (slot.PendingIncrements + writes.Sum(w => w.Increments) > MaxPendingIncrements)
            {
                slot.Pending.Clear();
                slot.PendingIncrements = 0;
                slot.ReloadThrough = Math.Max(slot.ReloadThrough, newest);
            }
            else if (slot.ReloadThrough < newest)
            {
                foreach (var write in writes)
                {
                    if (write.Version > (slot.Snapshot?.Version ?? 0) && slot.Pending.TryAdd(write.Version, write))
                        slot.PendingIncrements += write.Increments;
                }
            }
            slot.Stored = Math.Max(slot.Stored, newest);
        }
    }

    /// <summary>
    /// Any other change this process stored for the tenant (an import through the API): the tenant is reloaded, and
    /// the change waited for (at most <see cref="WriteVisibleWait"/>) so the writer's next read sees it.
    /// </summary>
    public async Task ChangedAsync(string tenant, CancellationToken cancellationToken = default)
    {
        var stored = await StoredData.DataVersionAsync(database, tenant, cancellationToken);
        var slot = SlotOf(tenant);
        lock (slot.Gate)
        {
            if (slot.Snapshot is null && slot.Refreshing is null)
                return;
            slot.ReloadThrough = Math.Max(slot.ReloadThrough, stored);
        }
        await WaitVisibleAsync(slot, stored, cancellationToken);
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
    }

    private TenantSlot SlotOf(string tenant) => slots.GetOrAdd(tenant, static t => new TenantSlot(t));

    /// <summary>
    /// The stored version, read again when it was below the snapshot's: a snapshot is published only after its
    /// version was committed, so a read that started before the publication may see an older version, but a read
    /// started after it never does unless the database went back (a restore).
    /// </summary>
    private async Task<long> ConfirmedAsync(string tenant, long stored, TenantSnapshot current, CancellationToken cancellationToken) =>
        stored < current.Version ? await StoredData.DataVersionAsync(database, tenant, cancellationToken) : stored;

    private async Task WaitVisibleAsync(TenantSlot slot, long version, CancellationToken cancellationToken)
    {
        lock (slot.Gate)
        {
            // Never loaded: nothing to wait for, the tenant's first read loads everything stored (a write must not start
            // a full load of a tenant nobody reads).
            if (slot.Snapshot is null && slot.Refreshing is null)
                return;
        }
        try
        {
            await WaitForAsync(slot, version).WaitAsync(WriteVisibleWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Stored all the same: the answer goes out, and reads see the change when the refresh is done.
            LogSlowRefresh(slot.Tenant, version, (long)WriteVisibleWait.TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The refresh failed (logged there); the write itself is stored and is answered as such.
        }
    }

    /// <summary>Notes that the stored version is <paramref name="stored"/> and makes sure a refresh runs.</summary>
    private void Request(TenantSlot slot, long stored)
    {
        lock (slot.Gate)
        {
            if (slot.Snapshot is { } current && stored < current.Version)
            {
                slot.Rewound = true; // the database holds older data than loaded (a restore): only a reload tells (ConfirmedAsync)
                slot.Stored = stored;
            }
            else
            {
                slot.Stored = Math.Max(slot.Stored, stored);
            }
            StartRefresh(slot);
        }
    }

    /// <summary>A snapshot at <paramref name="version"/> or later (or the newest one after a restore went back).</summary>
    private Task<TenantSnapshot> WaitForAsync(TenantSlot slot, long version)
    {
        lock (slot.Gate)
        {
            if (slot.Snapshot is { } current && current.Version >= version && !slot.Rewound)
                return Task.FromResult(current);
            slot.Stored = Math.Max(slot.Stored, version);
            var done = new TaskCompletionSource<TenantSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
            slot.Waiters.Add((version, done));
            StartRefresh(slot);
            return done.Task;
        }
    }

    /// <summary>Starts the tenant's refresh loop unless it runs (call under the slot's gate).</summary>
    private void StartRefresh(TenantSlot slot)
    {
        if (slot.Refreshing is null && (slot.Snapshot is null || slot.Snapshot.Version < slot.Stored || slot.Rewound || slot.Waiters.Count > 0))
            slot.Refreshing = Task.Run(() => RefreshLoopAsync(slot));
    }

    private async Task RefreshLoopAsync(TenantSlot slot)
    {
        try
        {
            await RefreshUntilCurrentAsync(slot);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server is stopping.
        }
    }

    /// <summary>Brings the slot's snapshot up to the stored version, one build at a time, then ends.</summary>
    private async Task RefreshUntilCurrentAsync(TenantSlot slot)
    {
        long? unreportedSince = null;
        while (true)
        {
            if (slot.Snapshot is not null && Stopwatch.GetElapsedTime(slot.PublishedAt) < RefreshInterval)
            {
                // Coalescing: changes arriving during the pause are published together.
                await Delay(RefreshInterval - Stopwatch.GetElapsedTime(slot.PublishedAt));
            }

            RefreshPlan plan;
            TenantSnapshot? current;
            lock (slot.Gate)
            {
                current = slot.Snapshot;
                if (current is not null && current.Version >= slot.Stored && !slot.Rewound)
                {
                    Finish(slot, current);
                    return;
                }
                if (current is null && slot.Waiters.Count == 0)
                {
                    // Dropped to keep within the bound while this loop paused, and nobody waits: the next read loads it.
                    slot.Refreshing = null;
                    return;
                }
                plan = Plan(slot, current, ref unreportedSince);
            }
            if (plan.Kind == RefreshKind.Wait)
            {
                await Delay(PollInterval);
                continue;
            }

            TenantSnapshot next;
            var clock = Stopwatch.StartNew();
            try
            {
                next = plan.Kind == RefreshKind.Apply && TryApply(current!, plan) is { } applied
                    ? applied
                    : await ReloadAsync(slot.Tenant);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogRefreshFailed(e, slot.Tenant);
                lock (slot.Gate)
                {
                    foreach (var (_, done) in slot.Waiters)
                        done.TrySetException(e);
                    slot.Waiters.Clear();
                    slot.Refreshing = null;
                }
                return;
            }

            List<TaskCompletionSource<TenantSnapshot>> released;
            lock (slot.Gate)
            {
                slot.Snapshot = next;
                slot.Stored = Math.Max(slot.Stored, next.Version);
                slot.PublishedAt = Stopwatch.GetTimestamp();
                if (next.LoadedVersion == next.Version)
                    slot.Rewound = false;
                foreach (var version in slot.Pending.Keys.Where(v => v <= next.Version).ToList())
                {
                    slot.PendingIncrements -= slot.Pending[version].Increments;
                    slot.Pending.Remove(version);
                }
                released = slot.Waiters.Where(w => w.Version <= next.Version).Select(w => w.Done).ToList();
                slot.Waiters.RemoveAll(w => w.Version <= next.Version);
            }
            // A loaded snapshot may take the tenants past the bound: the least recent go before the readers waiting for
            // this one are answered, so what they see next is within it.
            if (current is null || next.LoadedVersion == next.Version)
                KeepWithinBound(slot);
            foreach (var done in released)
                done.TrySetResult(next);
            unreportedSince = null;
            if (next.LoadedVersion == next.Version)
            {
                LogLoaded(slot.Tenant, next.Version, next.Data.Accounts.Count, clock.ElapsedMilliseconds);
            }
            else
            {
                LogApplied(slot.Tenant, current!.Version, next.Version, plan.Writes.Sum(w => w.Usage?.Count ?? 0), plan.Writes.Count(w => w.Change is not null), clock.ElapsedMilliseconds);
                ScheduleSnapshotSave(slot);
            }
            Raise(new TenantDataChangedEventArgs(slot.Tenant, current, next));
        }
    }

    /// <summary>
    /// Drops the snapshots of the tenants read least recently until those held fit <see cref="maxBytes"/>; never
    /// <paramref name="keep"/> (just loaded) nor a tenant a reader or writer waits for. A dropped tenant's refresh loop
    /// ends at its next turn unless someone waits for it then.
    /// </summary>
    private void KeepWithinBound(TenantSlot keep)
    {
        var held = HeldBytes;
        if (held <= maxBytes)
            return;
        foreach (var slot in slots.Values.Where(s => s != keep).OrderBy(s => s.LastRead).ToList())
        {
            long freed;
            lock (slot.Gate)
            {
                if (slot.Snapshot is not { } snapshot || slot.Waiters.Count > 0)
                    continue;
                freed = snapshot.EstimatedBytes;
                slot.Snapshot = null;
                slot.Pending.Clear();
                slot.PendingIncrements = 0;
                slot.Rewound = false;
            }
            held -= freed;
            LogDropped(slot.Tenant, freed, maxBytes);
            RaiseDropped(slot.Tenant);
            if (held <= maxBytes)
                return;
        }
        if (held > maxBytes)
            LogOverBound(keep.Tenant, held, maxBytes);
    }

    /// <summary>What the next build is (under the slot's gate).</summary>
    private static RefreshPlan Plan(TenantSlot slot, TenantSnapshot? current, ref long? unreportedSince)
    {
        if (current is null || slot.Rewound || slot.ReloadThrough > current.Version)
            return RefreshPlan.Reload;
        // The writes of the versions right after the snapshot's, in order, up to the first one missing.
        var writes = new List<PendingWrite>();
        long version = current.Version;
        foreach (var (stored, write) in slot.Pending)
        {
            if (stored <= version)
                continue;
            if (stored != version + 1)
                break;
            writes.Add(write);
            version = stored;
        }
        if (writes.Count > 0)
            return new RefreshPlan(RefreshKind.Apply, version, writes);
        // The next version was not reported: a report still on its way, or a write this cache never hears of.
        unreportedSince ??= Stopwatch.GetTimestamp();
        return Stopwatch.GetElapsedTime(unreportedSince.Value) < UnreportedVersionWait ? RefreshPlan.Wait : RefreshPlan.Reload;
    }

    /// <summary>
    /// The snapshot with the plan's writes applied in version order, or null when one cannot be (a day's count
    /// overflows, a change's rows are not in the snapshot): then the tenant is reloaded.
    /// </summary>
    private static TenantSnapshot? TryApply(TenantSnapshot current, RefreshPlan plan)
    {
        var data = current.Data;
        var usage = new List<IReadOnlyList<UsageDay>>();
        var usageOnly = true;
        try
        {
            foreach (var write in plan.Writes)
            {
                if (write.Usage is { } added)
                {
                    usage.Add(added);
                    continue;
                }
                data = WithUsage(data, usage);
                usage.Clear();
                usageOnly = false;
                if (write.Change!.ApplyTo(data) is not { } changed)
                    return null;
                data = changed;
            }
            data = WithUsage(data, usage);
        }
        catch (OverflowException)
        {
            return null;
        }
        return new TenantSnapshot(current.Tenant, plan.Version, data, current, usageOnly);
    }

    /// <summary><paramref name="data"/> with the usage increments <paramref name="usage"/> merged in (one linear merge).</summary>
    private static TenureDataSet WithUsage(TenureDataSet data, List<IReadOnlyList<UsageDay>> usage)
    {
        if (usage.Count == 0)
            return data;
        var added = usage.Count == 1 ? usage[0] : [.. usage.SelectMany(i => i)];
        return data with { Usage = UsageIngest.ApplyTo(data.Usage, added), Present = data.Present | InputKind.Usage };
    }

    private async Task<TenantSnapshot> ReloadAsync(string tenant)
    {
        var (data, version) = await load(tenant, stoppingToken);
        return new TenantSnapshot(tenant, version, data);
    }

    /// <summary>Ends the refresh loop: every waiter gets the snapshot (under the slot's gate).</summary>
    private static void Finish(TenantSlot slot, TenantSnapshot current)
    {
        foreach (var (_, done) in slot.Waiters)
            done.TrySetResult(current);
        slot.Waiters.Clear();
        slot.Refreshing = null;
    }

    private Task Delay(TimeSpan delay) => Task.Delay(delay, stoppingToken);

    /// <summary>Writes the tenant's data as its snapshot file <see cref="saveDelay"/> from now, unless a write is already due.</summary>
    private void ScheduleSnapshotSave(TenantSlot slot)
    {
        if (saveSnapshot is null)
            return;
        lock (slot.Gate)
        {
            if (slot.SaveDue)
                return;
            slot.SaveDue = true;
        }
        _ = SaveSnapshotLaterAsync(slot);
    }

    private async Task SaveSnapshotLaterAsync(TenantSlot slot)
    {
        try
        {
            await Delay(saveDelay);
            TenantSnapshot? current;
            lock (slot.Gate)
            {
                slot.SaveDue = false;
                current = slot.Snapshot;
            }
            // A snapshot just loaded was written by its load; a dropped tenant has nothing to write.
            if (current is null || current.LoadedVersion == current.Version)
                return;
            var clock = Stopwatch.StartNew();
            if (await saveSnapshot!(slot.Tenant, current.Data, current.Version, stoppingToken))
                LogSnapshotSaved(slot.Tenant, current.Version, clock.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server is stopping: the file keeps its older version and the next start reads the rows.
        }
        catch (Exception e)
        {
            LogSnapshotSaveFailed(e, slot.Tenant);
        }
    }

    private void Raise(TenantDataChangedEventArgs change)
    {
        try
        {
            DataChanged?.Invoke(this, change);
        }
        catch (Exception e)
        {
            LogHandlerFailed(e, change.Tenant);
        }
    }

    private void RaiseDropped(string tenant)
    {
        try
        {
            Dropped?.Invoke(this, tenant);
        }
        catch (Exception e)
        {
            LogHandlerFailed(e, tenant);
        }
    }

    private enum RefreshKind { Wait, Apply, Reload }

    /// <summary>What one stored version holds for the snapshot: usage increments, or another change (<see cref="StoredChange"/>).</summary>
    private sealed record PendingWrite(long Version, IReadOnlyList<UsageDay>? Usage, StoredChange? Change)
    {
        /// <summary>The usage increments it holds, or 1 for another change (what <see cref="MaxPendingIncrements"/> bounds).</summary>
        public int Increments => Usage?.Count ?? 1;
    }

    private sealed record RefreshPlan(RefreshKind Kind, long Version, IReadOnlyList<PendingWrite> Writes)
    {
        public static readonly RefreshPlan Wait = new(RefreshKind.Wait, 0, []);
        public static readonly RefreshPlan Reload = new(RefreshKind.Reload, 0, []);
    }

    /// <summary>A tenant's snapshot and what is known about the stored data; every field but the snapshot under <see cref="Gate"/>.</summary>
    private sealed class TenantSlot(string tenant)
    {
        public readonly object Gate = new();
        public readonly string Tenant = tenant;
        public volatile TenantSnapshot? Snapshot;

        /// <summary>The newest stored version known (read by a request or reported by a write).</summary>
        public long Stored;

        /// <summary>Versions up to this one hold changes that only a reload brings in.</summary>
        public long ReloadThrough;

        /// <summary>The stored version went below the snapshot's (a restore): reload whatever the versions say.</summary>
        public bool Rewound;

        /// <summary>Usage increments and other changes by the version that stored them, not yet in the snapshot.</summary>
        public readonly SortedList<long, PendingWrite> Pending = [];
        public int PendingIncrements;

        public readonly List<(long Version, TaskCompletionSource<TenantSnapshot> Done)> Waiters = [];
        public Task? Refreshing;
        public long PublishedAt;

        /// <summary>When the tenant was last read (a tick of the cache's read clock), for dropping the least recent first.</summary>
        public long LastRead;

        /// <summary>A write of the snapshot file is scheduled (<see cref="ScheduleSnapshotSave"/>).</summary>
        public bool SaveDue;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote the snapshot file of tenant {Tenant} at data version {Version} in {Milliseconds} ms")]
    private partial void LogSnapshotSaved(string tenant, long version, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The snapshot file of tenant {Tenant} could not be written; the next start loads its rows")]
    private partial void LogSnapshotSaveFailed(Exception exception, string tenant);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded tenant {Tenant} at data version {Version}: {Accounts} accounts in {Milliseconds} ms")]
    private partial void LogLoaded(string tenant, long version, int accounts, long milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Tenant {Tenant}: applied data versions {From} to {Version} ({Increments} usage increments, {Changes} other changes) in memory in {Milliseconds} ms")]
    private partial void LogApplied(string tenant, long from, long version, int increments, int changes, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {Tenant}: data version {Version} was not visible to reads after {Milliseconds} ms; the write is answered, reads see it when the refresh is done")]
    private partial void LogSlowRefresh(string tenant, long version, long milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refreshing the data of tenant {Tenant} failed; reads keep the previous snapshot and the next read retries")]
    private partial void LogRefreshFailed(Exception exception, string tenant);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped the data of tenant {Tenant} from memory (about {Bytes} bytes) to keep within Tenure:Cache:MaxBytes = {MaxBytes}; its next read loads it again")]
    private partial void LogDropped(string tenant, long bytes, long maxBytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The tenants' data in memory is about {Bytes} bytes after loading tenant {Tenant}, over Tenure:Cache:MaxBytes = {MaxBytes}, with nothing else to drop: raise the bound")]
    private partial void LogOverBound(string tenant, long bytes, long maxBytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "A DataChanged or Dropped handler failed for tenant {Tenant}")]
    private partial void LogHandlerFailed(Exception exception, string tenant);
}
