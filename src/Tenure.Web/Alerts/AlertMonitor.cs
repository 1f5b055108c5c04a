using Microsoft.Extensions.Options;

using Tenure.Metrics.Alerts;
using Tenure.Storage;
using Tenure.Storage.Alerts;
using Tenure.Web.ChurnRisk;
using Tenure.Web.Data;
using Tenure.Web.Live;

namespace Tenure.Web.Alerts;

/// <summary>
/// `tenure serve`'s alert evaluation (docs/alerts.md): every tenant at start and every
/// <see cref="AlertOptions.EvaluateEveryMinutes"/> (hourly), and a tenant whenever its data changes
/// (<see cref="TenantDataCache.DataChanged"/>: an import or an ingest). Each run evaluates the tenant's rules
/// over its cached data at now and applies the result (<see cref="TenantAlerts"/>); new or resolved alerts wake
/// the webhook sender and tell the tenant's open pages (a live <see cref="TenantChanges.Alerts"/> event: the alerts
/// page, My work, the accounts list and the account page re-read). One tenant at a time; requests for a tenant
/// already queued merge.
/// </summary>
public sealed partial class AlertMonitor : BackgroundService
{
    private readonly TenureDatabase database;
    private readonly TenantDataCache cache;
    private readonly AlertOptions options;
    private readonly TimeProvider clock;
    private readonly WebhookDeliveryService sender;
    private readonly IChurnRiskSource? churn;
    private readonly ChurnRiskService? churnRisk;
    private readonly TenantChanges? live;
    private readonly ILogger<AlertMonitor> logger;
    private readonly HashSet<string> queued = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim signal = new(0, int.MaxValue);

    public AlertMonitor(TenureDatabase database, TenantDataCache cache, IOptions<AlertOptions> options, TimeProvider clock,
        WebhookDeliveryService sender, ILogger<AlertMonitor> logger, IChurnRiskSource? churn = null, ChurnRiskService? churnRisk = null,
        TenantChanges? live = null)
    {
        (this.database, this.cache, this.options, this.clock, this.sender, this.logger, this.churn, this.churnRisk, this.live) = (database, cache, options.Value, clock, sender, logger, churn, churnRisk, live);
        if (this.options.Evaluate)
            cache.DataChanged += (_, change) => Request(change.Tenant);
    }

    /// <summary>Asks for an evaluation of <paramref name="tenant"/> soon (after an ingest, a settings change).</summary>
    public void Request(string tenant)
    {
        lock (queued)
        {
            if (!queued.Add(tenant)) return;
        }
        signal.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Evaluate) return;
        await Task.Yield();
        var every = TimeSpan.FromMinutes(options.EvaluateEveryMinutes);
        var next = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (clock.GetUtcNow() >= next)
                {
                    next = clock.GetUtcNow() + every;
                    foreach (var tenant in await AlertStore.TenantsAsync(database, stoppingToken))
                        Request(tenant);
                }
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var due = next - clock.GetUtcNow();
                var timer = Task.Delay(due > TimeSpan.Zero ? due : TimeSpan.Zero, clock, wait.Token);
                var requested = signal.WaitAsync(wait.Token);
                await Task.WhenAny(timer, requested);
                var woken = requested.IsCompletedSuccessfully;
                await wait.CancelAsync();
                await Task.WhenAll(timer, requested).ContinueWith(_ => { }, TaskScheduler.Default);
                if (!woken) continue;
                string? tenantToRun;
                lock (queued)
                {
                    tenantToRun = queued.FirstOrDefault();
                    if (tenantToRun is not null) queued.Remove(tenantToRun);
                }
                if (tenantToRun is not null)
                    await EvaluateAsync(tenantToRun, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Evaluates one tenant now; failures are logged and retried at the next run.</summary>
    private async Task EvaluateAsync(string tenant, CancellationToken cancellationToken)
    {
        try
        {
            var snapshot = await cache.GetAsync(tenant, cancellationToken);
            var (evaluation, changes) = await TenantAlerts.EvaluateAsync(database, tenant, clock.GetUtcNow().UtcDateTime, snapshot.Data, churn ?? (churnRisk is null ? null : new LatestChurnRisk(churnRisk, tenant)), snapshot.HealthData, cancellationToken);
            if (changes.Opened.Count + changes.Resolved.Count > 0)
            {
                LogChanged(tenant, changes.Opened.Count, changes.Resolved.Count, changes.StillOpen);
                sender.Wake();
                // Open pages (alerts, My work, the account page) show alerts: tell them to re-read.
                live?.Notify(tenant, TenantChanges.Alerts);
                foreach (var skip in changes.MailSkipped)
                    LogNoAlertMail(tenant, skip.AlertId, skip.AccountId, skip.Why);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            LogFailed(e, tenant);
        }
    }

    public override void Dispose()
    {
        signal.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alerts of tenant {Tenant}: {Opened} opened, {Resolved} resolved, {StillOpen} still open")]
    private partial void LogChanged(string tenant, int opened, int resolved, int stillOpen);

    [LoggerMessage(Level = LogLevel.Information, Message = "No alert e-mail for alert {Alert} of tenant {Tenant} on account {Account}: {Why}")]
    private partial void LogNoAlertMail(string tenant, long alert, string account, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evaluating the alerts of tenant {Tenant} failed; retrying at the next run")]
    private partial void LogFailed(Exception exception, string tenant);
}
