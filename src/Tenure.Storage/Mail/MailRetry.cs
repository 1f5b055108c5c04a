namespace Tenure.Storage.Mail;

/// <summary>
/// When a mail that failed to send is tried again: 30 s after the first failure, then 2 min, 10 min, 30 min,
/// 1 h, 2 h, 4 h, then every 6 h, for 48 h from when it was enqueued; a mail still failing when the next
/// attempt would fall past that gives up (failed). Both a refusal (SMTP 4xx or 5xx) and an unreachable server
/// are retried: a 5xx is often a relay's configuration, which an operator fixes.
/// </summary>
public static class MailRetry
{
    /// <summary>How long a mail keeps being retried, from when it was enqueued.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(48);

    private static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(6),
    ];

    /// <summary>The delay after failed attempt number <paramref name="attempts"/> (1 = the first attempt failed).</summary>
    public static TimeSpan DelayAfter(int attempts) => Delays[Math.Clamp(attempts, 1, Delays.Length) - 1];

    /// <summary>When to try again after <paramref name="attempts"/> failed attempts, the last at <paramref name="failedAt"/>; null to give up.</summary>
    public static DateTime? NextAttempt(DateTime createdAt, int attempts, DateTime failedAt)
    {
        var next = failedAt + DelayAfter(attempts);
        return next - createdAt > GiveUpAfter ? null : next;
    }
}
