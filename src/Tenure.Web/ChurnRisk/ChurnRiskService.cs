using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

using Tenure.Metrics.Health;
using Tenure.Predictive.Churn;
using Tenure.Storage;
using Tenure.Web.Data;
using Tenure.Web.Hosting;

namespace Tenure.Web.ChurnRisk;

/// <summary>A tenant's churn risk as computed for one data version on one day.</summary>
/// <param name="Version">The tenant's data version (<c>StoredData.DataVersionAsync</c>) it was computed from.</param>
/// <param name="Day">The UTC day it was scored as of (its 00:00).</param>
/// <param name="Risk">The result: probabilities and drivers, or the too-short reason.</param>
public sealed record ComputedChurnRisk(long Version, DateTime Day, TenantChurnRisk Risk)
{
    /// <summary>
    /// The probabilities (rounded to 4 decimals, <see cref="TenantChurnRisk.Probabilities"/>) for the optional health factor
    /// churn-risk, as of <see cref="Day"/>; null when the history was too short.
    /// </summary>
    public ChurnProbabilities? Probabilities { get; } = Risk.Scored ? new ChurnProbabilities(Day, Risk.Probabilities()) : null;

    /// <summary>A text that differs whenever the result differs (data version and day), for cache keys and stamps.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Version}/{Day:yyyy-MM-dd}");
}

/// <summary>One account's churn risk as the pages and the API show it: the tenant's result and the account's line in it (null when not a customer, or when the history was too short).</summary>
public sealed record AccountChurnRiskView(ComputedChurnRisk Computed, AccountChurnRisk? Account)
{
    /// <summary>Why there is no probability for the whole tenant ("only 4 churned accounts ..."); null when scored.</summary>
    public string? TooShort => Computed.Risk.TooShort;
}

/// <summary>
/// The churn model trained on each tenant's own history (<see cref="TenantChurnModel"/>) and its scores of
/// every customer, cached per tenant by data version and day: recomputed after an import or ingest changes
/// the data version, and once a day (the UTC day moves on). Concurrent asks for the same version and day share
/// one computation; <see cref="ChurnRiskRefresher"/> keeps it fresh in the background, so the pages only peek.
/// </summary>
public sealed partial class ChurnRiskService(
    TenantDataCache data, TenureDatabase database, TimeProvider clock, BackgroundWork background, ILogger<ChurnRiskService> logger) : ITenantChurnRisk
{
    private readonly ConcurrentDictionary<string, Slot> slots = new(StringComparer.Ordinal);

    /// <summary>Tenants asked about since the start (the refresher keeps them fresh too).</summary>
    public IEnumerable<string> KnownTenants => slots.Keys;

    /// <summary>Today's 00:00 UTC by the injected clock: the as-of of the daily scores.</summary>
    public DateTime Today => clock.GetUtcNow().UtcDateTime.Date;

    /// <summary>The tenant's churn risk for its current data and today, computing it when needed (once for concurrent callers).</summary>
    public async Task<ComputedChurnRisk> GetAsync(string tenant, CancellationToken cancellationToken = default)
    {
        var snapshot = await data.GetAsync(tenant, cancellationToken);
        var day = Today;
        var slot = slots.GetOrAdd(tenant, static _ => new Slot());
        Task<ComputedChurnRisk> running;
        lock (slot)
        {
            if (slot.Latest is { } latest && latest.Version == snapshot.Version && latest.Day == day)
                return latest;
            if (slot.Running is { } r && r.Version == snapshot.Version && r.Day == day)
            {
                running = r.Task;
            }
            else
            {
                running = Task.Run(() => ComputeAsync(slot, snapshot, day), CancellationToken.None);
                slot.Running = (snapshot.Version, day, running);
            }
        }
        return await running.WaitAsync(cancellationToken);
    }

    /// <summary>The latest result computed for the tenant, whatever its version or day; null before the first. Never computes.</summary>
    public ComputedChurnRisk? Latest(string tenant) =>
        slots.TryGetValue(tenant, out var slot) ? slot.Latest : null;

    /// <summary>
    /// The account's churn risk from the latest result computed for the tenant (never computes; null before the
    /// first result; the account line is null when it is not a customer or the history was too short).
    /// </summary>
    public AccountChurnRiskView? ChurnRiskFor(string tenant, string accountId)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        return Latest(tenant) is { } computed ? new AccountChurnRiskView(computed, computed.Risk.For(accountId)) : null;
    }

    /// <summary>Every customer's churn risk from the latest result computed for the tenant, highest first; empty before the first result or when too short.</summary>
    public IReadOnlyList<AccountChurnRisk> List(string tenant) =>
        Latest(tenant) is { } computed ? [.. computed.Risk.Accounts.OrderByDescending(a => a.Probability).ThenBy(a => a.AccountId, StringComparer.Ordinal)] : [];

    /// <summary>Starts bringing the tenant's result up to date without waiting (for a page that found none).</summary>
    public void Refresh(string tenant) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await GetAsync(tenant);
            }
            catch (Exception e)
            {
                LogFailed(e, tenant);
            }
        });

    private async Task<ComputedChurnRisk> ComputeAsync(Slot slot, TenantSnapshot snapshot, DateTime day)
    {
        var started = Stopwatch.GetTimestamp();
        // A server started again on the same data the same day: the result kept beside the database (ADR 0280). Only the
        // first computation of a process looks (every later one is of data or a day newer than what it wrote last).
        var path = ChurnRiskFile.PathFor(database, snapshot.Tenant);
        var stamp = path is null ? null : await StampAsync(snapshot, day);
        bool first;
        lock (slot)
            first = slot.Latest is null;
        if (first && path is not null && stamp is { } readStamp && ChurnRiskFile.TryRead(path, readStamp) is { } read)
        {
            var restored = Publish(slot, new ComputedChurnRisk(snapshot.Version, day, read));
            LogRead(snapshot.Tenant, snapshot.Version, day, read.Accounts.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return restored;
        }
        // The model is trained once a day (a dozen monthly snapshots of the whole history: most of the time) and scores
        // every data version of that day; a history too short to train on is tried again with the next version.
        TrainedChurnModel? trained;
        lock (slot)
            trained = slot.Trained is { Model: not null } kept && kept.AsOf == day ? kept : null;
        // Training and scoring (a minute or more of a core at 100,000 accounts) on the background threads, so the requests
        // meanwhile go first (ADR 0405).
        if (trained is null)
        {
            trained = await background.Models.Run(() => TenantChurnModel.Train(snapshot.Data, day));
            lock (slot)
                slot.Trained = trained;
        }
        var model = trained;
        var risk = await background.Models.Run(() => TenantChurnModel.Score(model, snapshot.Data));
        var computed = Publish(slot, new ComputedChurnRisk(snapshot.Version, day, risk));
        LogComputed(snapshot.Tenant, snapshot.Version, day, risk.Accounts.Count, risk.TooShort ?? "scored", (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (path is not null && stamp is { } written)
        {
            try
            {
                ChurnRiskFile.Write(path, written, risk);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogNotKept(e, snapshot.Tenant, path);
            }
        }
        return computed;
    }

    /// <summary>Makes <paramref name="computed"/> the tenant's latest result unless a newer one is there already (a slower run for older data never replaces it).</summary>
    private static ComputedChurnRisk Publish(Slot slot, ComputedChurnRisk computed)
    {
        lock (slot)
        {
            if (slot.Latest is not { } latest || (latest.Version, latest.Day).CompareTo((computed.Version, computed.Day)) <= 0)
                slot.Latest = computed;
        }
        return computed;
    }

    /// <summary>What the snapshot's data is in the database and the day; null when the stored data moved past the snapshot (nothing to keep or read).</summary>
    private async Task<ChurnRiskStamp?> StampAsync(TenantSnapshot snapshot, DateTime day)
    {
        try
        {
            return await StoredData.IdentityAsync(database, snapshot.Tenant) is { } identity && identity.DataVersion == snapshot.Version
                ? new ChurnRiskStamp(snapshot.Tenant, identity.CreatedAt, identity.DataVersion, day)
                : null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNoStamp(e, snapshot.Tenant);
            return null;
        }
    }

    private sealed class Slot
    {
        public ComputedChurnRisk? Latest;
        public (long Version, DateTime Day, Task<ComputedChurnRisk> Task)? Running;

        /// <summary>The model trained for the day (its as-of): reused while the day lasts.</summary>
        public TrainedChurnModel? Trained;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Churn risk of tenant {Tenant} at data version {Version} as of {Day:yyyy-MM-dd}: {Accounts} customers scored ({Outcome}) in {Milliseconds} ms")]
    private partial void LogComputed(string tenant, long version, DateTime day, int accounts, string outcome, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Churn risk of tenant {Tenant} at data version {Version} as of {Day:yyyy-MM-dd}: {Accounts} customers read from the file kept beside the database in {Milliseconds} ms")]
    private partial void LogRead(string tenant, long version, DateTime day, int accounts, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The churn risk of tenant {Tenant} could not be kept in {Path}; a restart computes it again")]
    private partial void LogNotKept(Exception exception, string tenant, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored data of tenant {Tenant} could not be read to keep its churn risk; computed without the kept file")]
    private partial void LogNoStamp(Exception exception, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Computing the churn risk of tenant {Tenant} failed")]
    private partial void LogFailed(Exception exception, string tenant);
}
