using Microsoft.Extensions.Options;

namespace Tenure.Web.Alerts;

/// <summary>
/// `tenure serve`'s webhook sender: at start it sends whatever the outbox holds due (deliveries written while the
/// server was down, by `tenure import` or before a crash), then looks again every
/// <see cref="AlertOptions.DeliveryPollSeconds"/>, or at once when <see cref="Wake"/> is called (new alerts).
/// </summary>
public sealed partial class WebhookDeliveryService(WebhookDispatcher dispatcher, IOptions<AlertOptions> options, TimeProvider clock, ILogger<WebhookDeliveryService> logger) : BackgroundService
{
    private readonly SemaphoreSlim wake = new(0, 1);

    /// <summary>Asks the sender to look at the outbox now.</summary>
    public void Wake()
    {
        try
        {
            if (wake.CurrentCount == 0) wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SendWebhooks) return;
        await Task.Yield();
        var interval = TimeSpan.FromSeconds(options.Value.DeliveryPollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(e); // the outbox keeps the deliveries: the next look sends them
            }
            try
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var delay = Task.Delay(interval, clock, wait.Token);
                var woken = wake.WaitAsync(wait.Token);
                await Task.WhenAny(delay, woken);
                await wait.CancelAsync();
                await Task.WhenAll(delay, woken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending webhook deliveries failed; retrying at the next look")]
    private partial void LogFailed(Exception exception);
}
