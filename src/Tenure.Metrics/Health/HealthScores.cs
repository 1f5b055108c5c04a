using System.Collections.Concurrent;

using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Surveys;

namespace Tenure.Metrics.Health;

/// <summary>
/// The account health score of METRICS.md "Account health score", as of an instant D (a date means
/// its 00:00 UTC). Pure: the instant comes in, nothing reads a clock or a file. Each account is scored
/// from its own rows (<see cref="HealthData"/>) in one pass; accounts are scored in parallel.
/// </summary>
/// <remarks>
/// Per factor (windows [D - n days, D), start inclusive, end exclusive):
/// usage = users with a usage day in the window / users existing at D (created_at &lt;= D &lt; deactivated_at),
/// missing when no user exists; sentiment = NPS of the nps answers in the window, the latest answer per user
/// (ties: greater response id) and every answer without user_id, missing when none; support = escalated or
/// major tickets created in the window + tickets open at D (created before D - stale days, not resolved at D),
/// missing only when tickets.csv was not given; revenue-trend = (MRR at D - MRR at D - window) / MRR at
/// D - window, missing when that MRR is 0; engagement = days from the latest touch before D (task completed,
/// note dated) to D, missing when none; renewal = days from D to the end of the stretch of paid coverage
/// holding D (touching or overlapping paying periods chain, and with a churn grace the covered gaps chain
/// too), 100 points when that stretch is open. Score: weighted mean of the present factors' points
/// (weights renormalise over them) or the lowest of them, rounded half away from zero to 1 decimal.
/// A factor of weight 0 is listed but never counts; no counting factor present gives no score.
/// </remarks>
public static class HealthScores
{
    /// <summary>
    /// The health of every account that is a customer at <paramref name="at"/> (a paying period, or a
    /// grace period, covers it), in the data's account order.
    /// </summary>
    /// <param name="data">The rows grouped by account.</param>
    /// <param name="model">The health model.</param>
    /// <param name="at">The instant D.</param>
    /// <param name="churnProbabilities">
    /// Per account id its churn probability (0..1) at D, for the optional churn-risk factor; an account not
    /// in it (or no map) has that factor missing. Read only when the model configures churn-risk.
    /// </param>
    public static IReadOnlyList<AccountHealth> At(HealthData data, HealthModel model, DateTime at, IReadOnlyDictionary<string, decimal>? churnProbabilities = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        var results = new AccountHealth?[data.AccountCount];
        var weights = new ConcurrentDictionary<string, decimal[]>(StringComparer.OrdinalIgnoreCase);
        Parallel.For(0, data.AccountCount, InParallel.Here(), () => new Scratch(), (a, _, scratch) =>
        {
            if (data.Coverage.IsActiveAt(a, at))
                results[a] = Score(data, model, at, a, scratch, weights, churnProbabilities);
            return scratch;
        }, _ => { });
        var list = new List<AccountHealth>();
        foreach (var r in results)
        {
            if (r is not null) list.Add(r);
        }
        return list;
    }

    /// <summary>The health of one account at <paramref name="at"/>; null when the data does not name it or it is not a customer at that instant.</summary>
    public static AccountHealth? Of(HealthData data, HealthModel model, DateTime at, string accountId, IReadOnlyDictionary<string, decimal>? churnProbabilities = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        var a = data.IndexOf(accountId);
        if (a < 0 || !data.Coverage.IsActiveAt(a, at)) return null;
        return Score(data, model, at, a, new Scratch(), new ConcurrentDictionary<string, decimal[]>(StringComparer.OrdinalIgnoreCase), churnProbabilities);
    }

    internal sealed class Scratch
    {
        public readonly HashSet<string> Users = new(StringComparer.Ordinal);
        public readonly Dictionary<string, SurveyResponse> LatestByUser = new(StringComparer.Ordinal);
    }

    internal static AccountHealth Score(HealthData data, HealthModel model, DateTime at, int a, Scratch scratch, ConcurrentDictionary<string, decimal[]> weightCache,
        IReadOnlyDictionary<string, decimal>? churnProbabilities)
    {
        var account = data.Directory.Accounts[a];
        var weights = weightCache.GetOrAdd(account?.Segment?.Trim() ?? "", model.WeightsFor);
        var factors = new FactorScore[model.Listed.Count];
        factors[(int)HealthFactor.Usage] = Usage(data, model.Usage, at, a, scratch, weights[(int)HealthFactor.Usage]);
        factors[(int)HealthFactor.Sentiment] = Sentiment(data, model.Sentiment, at, a, scratch, weights[(int)HealthFactor.Sentiment]);
        factors[(int)HealthFactor.Support] = Support(data, model, at, a, weights[(int)HealthFactor.Support]);
        factors[(int)HealthFactor.RevenueTrend] = RevenueTrend(data, model.RevenueTrend, at, a, weights[(int)HealthFactor.RevenueTrend]);
        factors[(int)HealthFactor.Engagement] = Engagement(data, model.Engagement, at, a, weights[(int)HealthFactor.Engagement]);
        factors[(int)HealthFactor.Renewal] = Renewal(data, model.Renewal, at, a, weights[(int)HealthFactor.Renewal]);
        if (model.ChurnRisk is { } churnRisk)
            factors[(int)HealthFactor.ChurnRisk] = ChurnRisk(churnRisk, churnProbabilities, data.Ids[a], weights[(int)HealthFactor.ChurnRisk]);
        var score = Aggregate(factors, model.Aggregation);
        return new AccountHealth(data.Ids[a], account, score, score is { } s ? model.BandOf(s) : null, factors);
    }

    /// <summary>
    /// The score of <paramref name="factors"/>: the weighted mean sum(points x weight) / sum(weight), or the
    /// lowest points, over the present factors of weight &gt; 0; rounded half away from zero to 1 decimal
    /// (always written with one decimal). Null when no such factor is present.
    /// </summary>
    public static decimal? Aggregate(IReadOnlyList<FactorScore> factors, HealthAggregation aggregation)
    {
        ArgumentNullException.ThrowIfNull(factors);
        decimal weighted = 0m, weights = 0m, worst = decimal.MaxValue;
        var any = false;
        foreach (var f in factors)
        {
            if (f.Points is not { } points || f.Weight <= 0m) continue;
            any = true;
            weighted += points * f.Weight;
            weights += f.Weight;
            if (points < worst) worst = points;
        }
        if (!any) return null;
        var raw = aggregation == HealthAggregation.WorstFactor ? worst : weighted / weights;
        return Math.Round(raw, 1, MidpointRounding.AwayFromZero) + 0.0m;
    }

    private static FactorScore Usage(HealthData data, HealthFactorSettings settings, DateTime at, int a, Scratch scratch, decimal weight)
    {
        var (users, userOffsets) = data.Users;
        var (usage, usageOffsets) = data.Usage;
        var from = at.AddDays(-settings.WindowDays!.Value);
        var active = scratch.Users;
        active.Clear();
        if (usage is UsageDayTable table)
        {
            // How a server holds usage: the rows as ints, read in place.
            foreach (ref readonly var day in table.Rows[usageOffsets[a]..usageOffsets[a + 1]])
            {
                if (day.User >= 0 && day.Events > 0 && day.Date >= from && day.Date < at)
                    active.Add(table.UserIds[day.User]);
            }
        }
        else
        {
            for (var i = usageOffsets[a]; i < usageOffsets[a + 1]; i++)
            {
                var day = usage[i];
                if (day.UserId is { } user && day.Events > 0 && day.Day >= from && day.Day < at)
                    active.Add(user);
            }
        }
        int existing = 0, activeExisting = 0;
        for (var i = userOffsets[a]; i < userOffsets[a + 1]; i++)
        {
            var user = users[i];
            if (user.CreatedAt > at || user.DeactivatedAt is { } gone && gone <= at) continue;
            existing++;
            if (active.Remove(user.UserId)) activeExisting++; // Remove: a user listed twice counts once as active
        }
        if (existing == 0) return FactorScore.MissingOf(HealthFactor.Usage, weight);
        var ratio = (decimal)activeExisting / existing;
        return new FactorScore(HealthFactor.Usage, ratio, settings.Ramp.Points(ratio), weight);
    }

    private static FactorScore Sentiment(HealthData data, HealthFactorSettings settings, DateTime at, int a, Scratch scratch, decimal weight)
    {
        var (answers, offsets) = data.Nps;
        var from = at.AddDays(-settings.WindowDays!.Value);
        var latest = scratch.LatestByUser;
        latest.Clear();
        var tally = default(NpsTally);
        for (var i = offsets[a]; i < offsets[a + 1]; i++)
        {
            var answer = answers[i];
            if (answer.SubmittedAt < from || answer.SubmittedAt >= at) continue;
            if (answer.UserId is not { } user)
            {
                tally += NpsTally.Of(answer.Score); // no user to dedupe by: each such answer counts
                continue;
            }
            if (!latest.TryGetValue(user, out var kept) || answer.SubmittedAt > kept.SubmittedAt
                || (answer.SubmittedAt == kept.SubmittedAt && string.CompareOrdinal(answer.ResponseId, kept.ResponseId) > 0))
                latest[user] = answer;
        }
        foreach (var answer in latest.Values)
            tally += NpsTally.Of(answer.Score);
        if (tally.Responses == 0) return FactorScore.MissingOf(HealthFactor.Sentiment, weight);
        var nps = 100m * (tally.Promoters - tally.Detractors) / tally.Responses;
        return new FactorScore(HealthFactor.Sentiment, nps, settings.Ramp.Points(nps), weight);
    }

    private static FactorScore Support(HealthData data, HealthModel model, DateTime at, int a, decimal weight)
    {
        if (!data.HasTickets) return FactorScore.MissingOf(HealthFactor.Support, weight);
        var (tickets, offsets) = data.Tickets;
        var from = at.AddDays(-model.Support.WindowDays!.Value);
        var staleBefore = at.AddDays(-model.SupportStaleOpenDays);
        var trouble = 0;
        for (var i = offsets[a]; i < offsets[a + 1]; i++)
        {
            var t = tickets[i];
            // Two counts added, as METRICS.md writes them: an escalated ticket still open after a week counts in both.
            if ((t.Escalated || t.IsMajor) && t.CreatedAt >= from && t.CreatedAt < at) trouble++;
            if (t.CreatedAt < staleBefore && (t.ResolvedAt is not { } resolved || resolved > at)) trouble++;
        }
        return new FactorScore(HealthFactor.Support, trouble, model.Support.Ramp.Points(trouble), weight);
    }

    private static FactorScore RevenueTrend(HealthData data, HealthFactorSettings settings, DateTime at, int a, decimal weight)
    {
        var before = at.AddDays(-settings.WindowDays!.Value);
        decimal now = 0m, then = 0m;
        foreach (var p in data.Coverage.Paid(a))
        {
            if (p.Start <= at && at < p.End) now += p.Mrr;
            if (p.Start <= before && before < p.End) then += p.Mrr;
        }
        if (then == 0m) return FactorScore.MissingOf(HealthFactor.RevenueTrend, weight);
        var change = (now - then) / then;
        return new FactorScore(HealthFactor.RevenueTrend, change, settings.Ramp.Points(change), weight);
    }

    private static FactorScore Engagement(HealthData data, HealthFactorSettings settings, DateTime at, int a, decimal weight)
    {
        var (touches, offsets) = data.Touches;
        DateTime? last = null;
        for (var i = offsets[a]; i < offsets[a + 1]; i++)
        {
            if (touches[i] < at && (last is null || touches[i] > last)) last = touches[i];
        }
        if (last is not { } touch) return FactorScore.MissingOf(HealthFactor.Engagement, weight);
        var days = DaysBetween(touch, at);
        return new FactorScore(HealthFactor.Engagement, days, settings.Ramp.Points(days), weight);
    }

    private static FactorScore Renewal(HealthData data, HealthFactorSettings settings, DateTime at, int a, decimal weight)
    {
        foreach (var stretch in data.Coverage.ActiveIntervals(a))
        {
            if (stretch.Start > at || at >= stretch.End) continue;
            if (stretch.End == DateTime.MaxValue) return new FactorScore(HealthFactor.Renewal, null, 100m, weight);
            var days = DaysBetween(at, stretch.End);
            return new FactorScore(HealthFactor.Renewal, days, settings.Ramp.Points(days), weight);
        }
        // Not reached for a customer at D (a stretch holds D); an account without coverage ends now: 0 days.
        return new FactorScore(HealthFactor.Renewal, 0m, settings.Ramp.Points(0m), weight);
    }

    /// <summary>churn-risk: the probability given for the account (clamped to 0..1); missing when none was given.</summary>
    private static FactorScore ChurnRisk(HealthFactorSettings settings, IReadOnlyDictionary<string, decimal>? probabilities, string accountId, decimal weight)
    {
        if (probabilities is null || !probabilities.TryGetValue(accountId, out var p)) return FactorScore.MissingOf(HealthFactor.ChurnRisk, weight);
        p = Math.Clamp(p, 0m, 1m);
        return new FactorScore(HealthFactor.ChurnRisk, p, settings.Ramp.Points(p), weight);
    }

    /// <summary>Days from <paramref name="from"/> to <paramref name="to"/>, with the fraction of a day for timestamps.</summary>
    private static decimal DaysBetween(DateTime from, DateTime to) => (decimal)(to - from).Ticks / TimeSpan.TicksPerDay;
}
