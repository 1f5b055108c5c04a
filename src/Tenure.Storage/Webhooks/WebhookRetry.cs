namespace Tenure.Storage.Webhooks;

/// <summary>
/// When a failed delivery is tried again: 15 s after the first failure, then 1 min, 5 min, 15 min, 1 h, 2 h,
/// 4 h, then every 6 h, for 24 h from the event; a delivery still failing when the next attempt would fall
/// past that gives up (failed).
/// </summary>
public static class WebhookRetry
{
    /// <summary>How long a delivery keeps being retried, from the event.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);

    private static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(6),
    ];

    /// <summary>The delay after failed attempt number <paramref name="attempts"/> (1 = the first attempt failed).</summary>
    public static TimeSpan DelayAfter(int attempts) => Delays[Math.Clamp(attempts, 1, Delays.Length) - 1];

    /// <summary>When to try again after <paramref name="attempts"/> failed attempts, the last at <paramref name="failedAt"/>; null to give up.</summary>
    public static DateTime? NextAttempt(DateTime occurredAt, int attempts, DateTime failedAt)
    {
        var next = failedAt + DelayAfter(attempts);
        return next - occurredAt > GiveUpAfter ? null : next;
    }
}
