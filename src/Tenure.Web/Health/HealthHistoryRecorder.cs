using System.Diagnostics;
using System.Globalization;

using Microsoft.Extensions.Options;

using Tenure.Metrics.Health;
using Tenure.Storage;
using Tenure.Storage.Health;
using Tenure.Storage.Users;
using Tenure.Web.ChurnRisk;
using Tenure.Web.Dashboards;
using Tenure.Web.Data;
using Tenure.Web.Hosting;
using Tenure.Web.Settings;

namespace Tenure.Web.Health;

/// <summary>The "Tenure:HealthHistory" configuration section: the daily health history the server keeps.</summary>
public sealed class HealthHistoryOptions
{
    public const string Section = "Tenure:HealthHistory";

    /// <summary>Whether <see cref="HealthHistoryRecorder"/> runs (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often each tenant's data version and the date are checked, in seconds (default 60); an ingest wakes the check at once.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 86_400)]
    public int CheckIntervalSeconds { get; set; } = 60;

    /// <summary>How long a check waits after an ingest woke it, in seconds (default 2), so a burst of ingests is one recompute.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 3_600)]
    public int SettleSeconds { get; set; } = 2;

    /// <summary>
    /// The least time between two recomputes of a tenant's day by the checks, in seconds (default 60): under a steady
    /// stream of ingests the day is recomputed at most this often, not after every write (a new day is never held back).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, 86_400)]
    public int MinRecomputeSeconds { get; set; } = 60;

    /// <summary>Days back-filled for a tenant without history, today included (default 365).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 3_660)]
    public int BackfillDays { get; set; } = 365;
}

/// <summary>
/// Keeps every tenant's daily health history (<see cref="HealthHistory"/>): the health of every customer at today's
/// 00:00 UTC, recomputed whenever the tenant's data version changes (an import or an ingest, seen at the next check;
/// an ingest through the API wakes the check, which waits <see cref="HealthHistoryOptions.SettleSeconds"/> so a burst
/// of writes is one recompute, and a tenant is recomputed at most every <see cref="HealthHistoryOptions.MinRecomputeSeconds"/>
/// under a steady stream), when the day or the churn grace changes, and at start. A tenant never back-filled
/// gets the last <see cref="HealthHistoryOptions.BackfillDays"/> days on its first check; days missed while the server
/// was down are filled at the next check. All of it runs in the background (the server takes requests meanwhile) and
/// stops with the server. Scores use the workspace's health model (<see cref="StoredHealthModel"/>, as the pages) with
/// its churn grace, from the data as loaded now: a back-filled day is what the data says today about that day. When
/// the model lists the optional churn-risk factor, the latest churn probabilities (<see cref="ITenantChurnRisk"/>, as on
/// the pages) feed it on their as-of day and after, and new probabilities re-record today; earlier days have it missing
/// (no probability was scored then).
/// </summary>
public sealed partial class HealthHistoryRecorder(
    TenureDatabase database,
    TenantDataCache cache,
    IOptions<HealthHistoryOptions> options,
    TimeProvider clock,
    BackgroundWork background,
    ILogger<HealthHistoryRecorder> logger,
    ITenantChurnRisk? churnRisk = null) : BackgroundService
{
    /// <summary>Per tenant, what its last recording saw (data version, day, churn grace).</summary>
    private readonly Dictionary<string, string> recorded = new(StringComparer.Ordinal);

    /// <summary>Per tenant, when the checks last recomputed it (clock time) and for which day.</summary>
    private readonly Dictionary<string, (DateTimeOffset At, DateTime Day)> lastRun = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim turn = new(1, 1);
    private TaskCompletionSource woken = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Asks for a check soon (after the settle time): the data of a tenant changed. Cheap; any number of calls coalesce.</summary>
    public void Wake() => Volatile.Read(ref woken).TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;
        // Off the start-up path: the server takes requests while the history is recorded or back-filled.
        await Task.Yield();
        var interval = TimeSpan.FromSeconds(options.Value.CheckIntervalSeconds);
        var settle = TimeSpan.FromSeconds(options.Value.SettleSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var tenant in await HealthHistory.TenantsWithDataAsync(database, stoppingToken))
                {
                    try
                    {
                        var now = clock.GetUtcNow();
                        if (lastRun.TryGetValue(tenant, out var last) && last.Day == now.UtcDateTime.Date
                            && now - last.At < TimeSpan.FromSeconds(options.Value.MinRecomputeSeconds))
                            continue; // recomputed a moment ago: the next check catches what changed since
                        if (await RecordAsync(tenant, stoppingToken) > 0)
                            lastRun[tenant] = (now, now.UtcDateTime.Date);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                    {
                        // Retried at the next check: the stamp of a failed tenant is not updated.
                        LogFailed(e, tenant);
                    }
                }
                var wake = Volatile.Read(ref woken);
                await Task.WhenAny(wake.Task, Task.Delay(interval, clock, stoppingToken));
                stoppingToken.ThrowIfCancellationRequested();
                if (wake.Task.IsCompleted)
                {
                    Volatile.Write(ref woken, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                    if (settle > TimeSpan.Zero)
                        await Task.Delay(settle, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(e, "(all)");
                try
                {
                    await Task.Delay(interval, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Records <paramref name="tenant"/>'s history up to today when its data, the day or its churn grace changed since
    /// the last recording (back-filling it first when it never was). Returns the rows written (0 when nothing changed).
    /// </summary>
    public async Task<int> RecordAsync(string tenant, CancellationToken cancellationToken = default)
    {
        await turn.WaitAsync(cancellationToken);
        try
        {
            var today = clock.GetUtcNow().UtcDateTime.Date;
            var version = await StoredData.DataVersionAsync(database, tenant, cancellationToken);
            if (version == 0)
                return 0;
            var grace = await new TenantChurnGraceSetting(database).GetAsync(tenant, cancellationToken);
            // The workspace's model, as on the pages; a changed model re-records today (earlier days keep the model they were scored with).
            var (model, modelText) = await StoredHealthModel.ReadAsync(database, tenant, cancellationToken);
            // The churn probabilities the pages use for churn-risk; new ones re-record today.
            var churn = WorkspaceHealth.ChurnFor(tenant, model, churnRisk);
            var stamp = string.Create(CultureInfo.InvariantCulture, $"{version}/{today:yyyy-MM-dd}/{grace}/{churn?.Key}/{modelText}");
            if (recorded.TryGetValue(tenant, out var last) && last == stamp)
                return 0;

            var backfilled = await TenantSettings.GetAsync(database, tenant, HealthHistory.BackfilledSetting, cancellationToken) is not null;
            var earliest = today.AddDays(1 - options.Value.BackfillDays);
            var first = today;
            if (!backfilled)
                first = earliest;
            else if (await HealthHistory.StoredRangeAsync(database, tenant, cancellationToken) is { } stored && stored.Last < today)
                first = stored.Last.AddDays(1) > earliest ? stored.Last.AddDays(1) : earliest; // days missed while the server was down

            var started = Stopwatch.GetTimestamp();
            var snapshot = await cache.GetAsync(tenant, cancellationToken);
            // A server's first record waits for the tenant's load (from the database, tens of seconds for 100,000
            // accounts): logged apart, so the time is not read as the scoring's.
            var loaded = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var health = snapshot.HealthData(grace);
            // The scoring of every account on every day (minutes of both cores for a year's back-fill at 100,000 accounts) on
            // the background threads, so the requests meanwhile go first (ADR 0405); the rows are written as before.
            var rows = await background.Models.Run(
                () => HealthHistory.RecordAsync(database, tenant, health, model, first, today, churn?.Probabilities, cancellationToken), cancellationToken);
            if (!backfilled)
                await TenantSettings.SetAsync(database, tenant, HealthHistory.BackfilledSetting, first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), cancellationToken);
            recorded[tenant] = stamp;
            LogRecorded(tenant, first, today, rows, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, loaded);
            return rows;
        }
        finally
        {
            turn.Release();
        }
    }

    public override void Dispose()
    {
        turn.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Health history of tenant {Tenant}: {First:yyyy-MM-dd} to {Last:yyyy-MM-dd}, {Rows} account-days in {Milliseconds} ms ({LoadMilliseconds} ms of it waiting for the tenant's data)")]
    private partial void LogRecorded(string tenant, DateTime first, DateTime last, int rows, long milliseconds, long loadMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording the health history of tenant {Tenant} failed; retrying at the next check")]
    private partial void LogFailed(Exception exception, string tenant);
}
