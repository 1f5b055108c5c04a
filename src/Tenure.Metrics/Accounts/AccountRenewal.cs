using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Accounts;

/// <summary>When an account's current contract comes up for renewal.</summary>
public static class AccountRenewal
{
    /// <summary>
    /// The next renewal date after <paramref name="instant"/>: the earliest end_date among the
    /// account's subscription periods covering the instant (start &lt;= instant &lt; end) that charge
    /// something. The end is exclusive, so it is the first instant of the next period or the lapse.
    /// Null when every covering period is open-ended (renews by itself) or nothing covers the instant.
    /// </summary>
    public static DateTime? Next(IEnumerable<SubscriptionPeriod> periods, DateTime instant)
    {
        ArgumentNullException.ThrowIfNull(periods);
        DateTime? next = null;
        foreach (var p in periods)
        {
            if (p.End is { } end && p.Start <= instant && instant < end
                && Subscriptions.NormalisedMrr.IsPaying(p) && (next is null || end < next))
                next = end;
        }
        return next;
    }
}
