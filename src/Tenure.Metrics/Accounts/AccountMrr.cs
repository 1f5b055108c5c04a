using Tenure.Metrics.Inputs;
using Tenure.Metrics.Subscriptions;

namespace Tenure.Metrics.Accounts;

/// <summary>
/// One account's monthly recurring revenue, from its subscription periods, with the same
/// per-period figure as the metric engine (<see cref="NormalisedMrr.Of"/>).
/// </summary>
public static class AccountMrr
{
    /// <summary>
    /// MRR at <paramref name="instant"/>: the sum of <see cref="NormalisedMrr.Of"/> over the periods
    /// covering it (start &lt;= instant &lt; end; an open end covers every later instant). A period
    /// ending at the instant no longer counts, one starting at it does. 0 when none covers it.
    /// </summary>
    public static decimal At(IEnumerable<SubscriptionPeriod> periods, DateTime instant)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var mrr = 0m;
        foreach (var p in periods)
        {
            if (p.Start <= instant && (p.End is not { } end || instant < end))
                mrr += NormalisedMrr.Of(p);
        }
        return mrr;
    }

    /// <summary>
    /// MRR just before <paramref name="instant"/>, after every change earlier than it: the closing MRR
    /// of a period ending there (the metric engine's "mrr" of that period). A period covers the
    /// moment just before the instant when start &lt; instant &lt;= end.
    /// </summary>
    public static decimal JustBefore(IEnumerable<SubscriptionPeriod> periods, DateTime instant)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var mrr = 0m;
        foreach (var p in periods)
        {
            if (p.Start < instant && (p.End is not { } end || instant <= end))
                mrr += NormalisedMrr.Of(p);
        }
        return mrr;
    }

    /// <summary>
    /// The closing MRR of each calendar month (UTC) from <paramref name="firstMonth"/> through
    /// <paramref name="lastMonth"/> (both the first day of a month, inclusive), oldest first: for each
    /// month M, <see cref="JustBefore"/> the first instant of the next month, which is the per-account
    /// share of the engine's monthly "mrr".
    /// </summary>
    /// <exception cref="ArgumentException">A bound that is not the first instant of a month, or <paramref name="lastMonth"/> before <paramref name="firstMonth"/>.</exception>
    public static IReadOnlyList<MonthlyMrr> MonthlyHistory(IEnumerable<SubscriptionPeriod> periods, DateTime firstMonth, DateTime lastMonth)
    {
        ArgumentNullException.ThrowIfNull(periods);
        if (!IsMonthStart(firstMonth) || !IsMonthStart(lastMonth))
            throw new ArgumentException("Months are given by their first instant (the 1st, 00:00 UTC).");
        if (lastMonth < firstMonth)
            throw new ArgumentException($"The last month {lastMonth:yyyy-MM} is before the first {firstMonth:yyyy-MM}.");
        var list = periods as IReadOnlyCollection<SubscriptionPeriod> ?? periods.ToList();
        var history = new List<MonthlyMrr>();
        for (var month = firstMonth; month <= lastMonth; month = month.AddMonths(1))
            history.Add(new MonthlyMrr(month, JustBefore(list, month.AddMonths(1))));
        return history;
    }

    /// <summary>The first instant of the UTC calendar month holding <paramref name="instant"/>.</summary>
    public static DateTime MonthOf(DateTime instant) => new(instant.Year, instant.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    private static bool IsMonthStart(DateTime instant) =>
        instant.Kind == DateTimeKind.Utc && instant.Day == 1 && instant.TimeOfDay == TimeSpan.Zero;
}

/// <summary>An account's closing MRR of the calendar month starting at <see cref="Month"/>.</summary>
public readonly record struct MonthlyMrr(DateTime Month, decimal Mrr);
