using Microsoft.Extensions.Options;

namespace Tenure.Web.Mail;

/// <summary>
/// `tenure serve`'s mail sender: at start it sends whatever the outbox holds due (mail enqueued while the server was
/// down, by the CLI or before a crash), then looks again every <see cref="MailOptions.PollSeconds"/>, or at once when
/// <see cref="Wake"/> is called.
/// </summary>
public sealed partial class MailDeliveryService(MailDispatcher dispatcher, IOptions<MailOptions> options, TimeProvider clock, ILogger<MailDeliveryService> logger) : BackgroundService
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
        if (!options.Value.Send) return;
        await Task.Yield();
        var interval = TimeSpan.FromSeconds(options.Value.PollSeconds);
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
                LogFailed(e); // the outbox keeps the mail: the next look sends it
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending mail failed; retrying at the next look")]
    private partial void LogFailed(Exception exception);
}
