using System.Diagnostics;

using Microsoft.Extensions.Options;

namespace Tenure.Web.Hosting;

/// <summary>
/// Gives the memory the garbage collector keeps for allocations back to the system once the server is idle
/// (docs/adr/0240-idle-memory-release.md). Loading a tenant, warming its dashboards, scoring its churn risk or filling
/// its health history allocate gigabytes that are garbage minutes later; the server GC keeps that space committed for the
/// next burst, so a warm 100k-account tenant whose live heap is 1.2-1.4 GB held 3.4-4.2 GB resident. When no request has
/// started or ended and little was allocated for <see cref="CacheOptions.ReleaseWhenIdleSeconds"/>, and the process has
/// grown well past what it held after the last release, or has allocated as much as it held then (<see cref="Releasable"/>),
/// one blocking compacting collection in <see cref="GCCollectionMode.Aggressive"/> mode (made for this: decommit what the
/// heap does not use) returns it: about a second of two cores at 100k accounts, taken when no one is waiting.
/// </summary>
/// <remarks>
/// Growth is read from the process's resident memory, not from the collector's figures of its last collection: an idle
/// server may not have collected since the burst, so those describe a heap long gone.
/// </remarks>
public sealed partial class IdleMemoryRelease(IOptions<CacheOptions> options, ILogger<IdleMemoryRelease> logger) : BackgroundService
{
    /// <summary>How often the server's activity is looked at.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(2);

    /// <summary>Allocation per second under which the process counts as quiet (background work allocates far more).</summary>
    public const long QuietBytesPerSecond = 8L * 1024 * 1024;

    /// <summary>The least growth worth a collection: by this, and by a quarter of what the process held after the last one.</summary>
    public const long MinimumReleasableBytes = 256L * 1024 * 1024;

    private long lastActivity;
    private long residentAfterRelease;
    private long allocatedAtRelease;

    /// <summary>When a request last started or ended (a <see cref="Stopwatch"/> timestamp).</summary>
    internal long LastActivity => Volatile.Read(ref lastActivity);

    /// <summary>
    /// Whether a process holding <paramref name="residentBytes"/> now and <paramref name="afterLastReleaseBytes"/> after the
    /// last release (0 before the first) is worth a collection: it grew by at least <see cref="MinimumReleasableBytes"/> and
    /// a quarter; or, having allocated <paramref name="allocatedSinceBytes"/> since, at least as much as it held after the
    /// last release and at least <see cref="MinimumReleasableBytes"/>, it may hold garbage of that size without having grown:
    /// a release taken in a pause of background work (a churn model's training allocates little) finds that work's data
    /// still live, and once the work ends its data is garbage in memory the process already holds.
    /// </summary>
    public static bool Releasable(long residentBytes, long afterLastReleaseBytes, long allocatedSinceBytes = 0) =>
        residentBytes - afterLastReleaseBytes >= Math.Max(MinimumReleasableBytes, afterLastReleaseBytes / 4)
        || (afterLastReleaseBytes > 0 && allocatedSinceBytes >= Math.Max(MinimumReleasableBytes, afterLastReleaseBytes));

    /// <summary>
    /// Marks the request's start and end as activity (the middleware of <see cref="IdleMemoryReleaseExtensions.UseIdleMemoryRelease"/>).
    /// A request still open in between does not hold the release off by itself: a dashboard's circuit (a WebSocket) or a
    /// live-update stream stays open for as long as its tab, and a request that computes allocates, which does.
    /// </summary>
    internal async Task TrackAsync(HttpContext context, RequestDelegate next)
    {
        Volatile.Write(ref lastActivity, Stopwatch.GetTimestamp());
        try
        {
            await next(context);
        }
        finally
        {
            Volatile.Write(ref lastActivity, Stopwatch.GetTimestamp());
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromSeconds(options.Value.ReleaseWhenIdleSeconds);
        if (idle <= TimeSpan.Zero)
            return;
        using var timer = new PeriodicTimer(Tick);
        var quietSince = Stopwatch.GetTimestamp();
        var allocated = GC.GetTotalAllocatedBytes();
        var previousTick = quietSince;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = Stopwatch.GetTimestamp();
                var nowAllocated = GC.GetTotalAllocatedBytes();
                var allocating = nowAllocated - allocated > QuietBytesPerSecond * Stopwatch.GetElapsedTime(previousTick, now).TotalSeconds;
                var served = LastActivity > previousTick;
                allocated = nowAllocated;
                previousTick = now;
                if (allocating || served)
                {
                    quietSince = now;
                    continue;
                }
                if (Stopwatch.GetElapsedTime(quietSince, now) < idle)
                    continue;
                if (Releasable(Environment.WorkingSet, residentAfterRelease, GC.GetTotalAllocatedBytes() - allocatedAtRelease))
                    Release(Stopwatch.GetElapsedTime(quietSince, now));
                // Once per quiet spell: the next look waits for another idle period.
                quietSince = Stopwatch.GetTimestamp();
                allocated = GC.GetTotalAllocatedBytes();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Release(TimeSpan quietFor)
    {
        var before = Environment.WorkingSet;
        var started = Stopwatch.GetTimestamp();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var took = Stopwatch.GetElapsedTime(started);
        residentAfterRelease = Environment.WorkingSet;
        allocatedAtRelease = GC.GetTotalAllocatedBytes();
        LogReleased(logger, (before - residentAfterRelease) >> 20, (long)quietFor.TotalSeconds, (long)took.TotalMilliseconds,
            GC.GetGCMemoryInfo().HeapSizeBytes >> 20, residentAfterRelease >> 20);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Released {ReleasedMegabytes} MB of memory to the system after {QuietSeconds} s without requests or background work (collection {Milliseconds} ms; heap {HeapMegabytes} MB, resident {ResidentMegabytes} MB)")]
    private static partial void LogReleased(ILogger logger, long releasedMegabytes, long quietSeconds, long milliseconds, long heapMegabytes, long residentMegabytes);
}

public static class IdleMemoryReleaseExtensions
{
    public static WebApplicationBuilder AddIdleMemoryRelease(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IdleMemoryRelease>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IdleMemoryRelease>());
        return builder;
    }

    /// <summary>Marks every request as activity (first in the pipeline, so that nothing runs outside it).</summary>
    public static IApplicationBuilder UseIdleMemoryRelease(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var release = app.ApplicationServices.GetRequiredService<IdleMemoryRelease>();
        return app.Use((context, next) => release.TrackAsync(context, next));
    }
}
