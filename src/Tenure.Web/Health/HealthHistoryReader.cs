using Tenure.Metrics.Health;
using Tenure.Storage;
using Tenure.Storage.Health;

namespace Tenure.Web.Health;

/// <summary>An account's stored health history over a range of days and the days its band changed.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="FirstDay">The first day of the range (inclusive).</param>
/// <param name="LastDay">The last day of the range (inclusive).</param>
/// <param name="Days">The stored days in the range, oldest first (days the account was not a customer, or not yet recorded, are absent).</param>
/// <param name="BandChanges">The band changes within <paramref name="Days"/> (<see cref="HealthBandChanges.Of"/>), oldest first.</param>
public sealed record AccountHealthHistory(string AccountId, DateTime FirstDay, DateTime LastDay, IReadOnlyList<DatedHealth> Days, IReadOnlyList<HealthBandChange> BandChanges);

/// <summary>
/// Reads the daily health history the server keeps (<see cref="HealthHistoryRecorder"/>) for the pages and the API:
/// an account's days and band changes, and every account's score trend (for the accounts list).
/// </summary>
public sealed class HealthHistoryReader(TenureDatabase database)
{
    /// <summary>The trend <see cref="TrendsAsync"/> gives by default: today against 30 days before.</summary>
    public const int DefaultTrendDays = 30;

    /// <summary>
    /// <paramref name="accountId"/>'s stored days from <paramref name="firstDay"/> through <paramref name="lastDay"/>
    /// (dates, both inclusive) and its band changes within them. An account without stored days gives empty lists.
    /// </summary>
    public async Task<AccountHealthHistory> ForAccountAsync(string tenant, string accountId, DateTime firstDay, DateTime lastDay, CancellationToken cancellationToken = default)
    {
        var days = await HealthHistory.ReadAccountAsync(database, tenant, accountId, firstDay, lastDay, cancellationToken);
        var changes = HealthBandChanges.Of(days.Select(d => new HealthOnDay(d.Day, d.Health.Score, d.Health.Band)));
        return new AccountHealthHistory(accountId, firstDay.Date, lastDay.Date, days, changes);
    }

    /// <summary>
    /// Per account id, its score trend: the stored score on <paramref name="today"/> (its date) minus the stored score
    /// <paramref name="days"/> days before (default 30), in points, one decimal. Only accounts with a score stored on
    /// both days are listed; the rest (new customers, no history yet, no score) are absent, never 0.
    /// <paramref name="accountIds"/>, when given, limits it to those accounts (the rows a page shows).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, decimal>> TrendsAsync(string tenant, DateTime today, int days = DefaultTrendDays, IReadOnlyCollection<string>? accountIds = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var now = await HealthHistory.ScoresOnAsync(database, tenant, today.Date, accountIds, cancellationToken);
        if (now.Count == 0)
            return new Dictionary<string, decimal>(StringComparer.Ordinal);
        var then = await HealthHistory.ScoresOnAsync(database, tenant, today.Date.AddDays(-days), accountIds, cancellationToken);
        var trends = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (account, score) in now)
        {
            if (score is { } a && then.TryGetValue(account, out var before) && before is { } b)
                trends[account] = HealthJson.OneDecimal(a - b)!.Value;
        }
        return trends;
    }
}
