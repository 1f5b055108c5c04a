namespace Tenure.Web.Hosting;

/// <summary>
/// A background sender of a durable outbox (webhook deliveries, mail): at start it sends whatever the outbox holds
/// due (written while the server was down, by the CLI or before a crash), then looks again every
/// <see cref="Interval"/>, or at once when <see cref="Wake"/> is called. A failed look is logged and retried at the
/// next one: the outbox keeps what it could not send.
/// </summary>
public abstract partial class OutboxSender(TimeProvider clock, ILogger logger) : BackgroundService
{
    private readonly SemaphoreSlim wake = new(0, 1);

    /// <summary>Whether this server sends at all (off: another server sends, or sending is turned off).</summary>
    protected abstract bool Enabled { get; }

    /// <summary>The time between two looks at the outbox when nobody wakes the sender.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What the outbox holds, for the log ("webhook deliveries", "mail").</summary>
    protected abstract string What { get; }

    /// <summary>Sends what is due now.</summary>
    protected abstract Task SendDueAsync(CancellationToken cancellationToken);

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
        if (!Enabled) return;
        await Task.Yield();
        var interval = Interval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(logger, e, What); // the outbox keeps it: the next look sends it
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
        GC.SuppressFinalize(this);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {What} failed; retrying at the next look")]
    private static partial void LogFailed(ILogger logger, Exception exception, string what);
}
