using System.Collections.Concurrent;

using Tenure.Metrics.Engine;

namespace Tenure.Metrics.Health;

/// <summary>An account's health on one day: <see cref="HealthScores.At"/> at <see cref="Day"/> 00:00 UTC.</summary>
public readonly record struct DatedHealth(DateTime Day, AccountHealth Health);

/// <summary>
/// An account's health day after day (the daily history of issue #10): the score of <see cref="HealthScores"/> at
/// 00:00 UTC of each day, exactly as <see cref="HealthScores.At"/> gives it for that day, from one
/// <see cref="HealthData"/>. Days on which the account is not a customer have no entry.
/// </summary>
public static class HealthSeries
{
    /// <summary>
    /// The health of account number <paramref name="account"/> (0 .. <see cref="HealthData.AccountCount"/> - 1) on
    /// every day from <paramref name="firstDay"/> through <paramref name="lastDay"/> (both inclusive, 00:00 UTC) on
    /// which it is a customer, oldest first, added to <paramref name="into"/>. Returns how many were added.
    /// <paramref name="churn"/> feeds the optional churn-risk factor on the days it speaks for (<see cref="ChurnProbabilities.At"/>).
    /// </summary>
    public static int Of(HealthData data, HealthModel model, int account, DateTime firstDay, DateTime lastDay, List<DatedHealth> into, ChurnProbabilities? churn = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(into);
        ArgumentOutOfRangeException.ThrowIfNegative(account);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(account, data.AccountCount);
        var scratch = new HealthScores.Scratch();
        var weights = new ConcurrentDictionary<string, decimal[]>(StringComparer.OrdinalIgnoreCase);
        var added = 0;
        for (var day = firstDay.Date; day <= lastDay; day = day.AddDays(1))
        {
            if (!data.Coverage.IsActiveAt(account, day)) continue;
            into.Add(new DatedHealth(day, HealthScores.Score(data, model, day, account, scratch, weights, churn?.At(day))));
            added++;
        }
        return added;
    }

    /// <summary>
    /// The health of every customer on every day from <paramref name="firstDay"/> through <paramref name="lastDay"/>
    /// (inclusive), account by account in the data's account order, each account's days oldest first; the
    /// accounts are scored in parallel, <paramref name="chunkAccounts"/> at a time, and each chunk is handed to
    /// <paramref name="write"/> (in account order, one chunk at a time) while the next is scored. <paramref name="churn"/>
    /// feeds the optional churn-risk factor as in <see cref="Of"/>.
    /// </summary>
    public static async Task ForEachChunkAsync(
        HealthData data, HealthModel model, DateTime firstDay, DateTime lastDay,
        Func<IReadOnlyList<DatedHealth>, CancellationToken, Task> write, int chunkAccounts = 2_000, ChurnProbabilities? churn = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkAccounts, 1);
        Task? writing = null;
        try
        {
            for (var start = 0; start < data.AccountCount; start += chunkAccounts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var end = Math.Min(data.AccountCount, start + chunkAccounts);
                var perAccount = new List<DatedHealth>[end - start];
                var first = start;
                Parallel.For(first, end, InParallel.Here(cancellationToken), a =>
                {
                    var days = new List<DatedHealth>();
                    Of(data, model, a, firstDay, lastDay, days, churn);
                    perAccount[a - first] = days;
                });
                var chunk = new List<DatedHealth>(perAccount.Sum(d => d.Count));
                foreach (var days in perAccount)
                    chunk.AddRange(days);
                if (writing is not null) await writing;
                writing = chunk.Count > 0 ? Task.Run(() => write(chunk, cancellationToken), cancellationToken) : null;
            }
        }
        catch when (writing is { IsCompleted: false })
        {
            // Stopped while a chunk is being written: let that write finish (or fail) before giving up, never leave it running.
            try
            {
                await writing;
            }
            catch (Exception)
            {
                // The first failure (the one being thrown) is the one to report.
            }
            throw;
        }
        if (writing is not null) await writing;
    }
}
