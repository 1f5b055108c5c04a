using Tenure.Metrics.Inputs;

namespace Tenure.Demo.Simulation;

internal sealed partial class AccountSimulator
{
    /// <summary>A user of the account: exists over [Created, End), where End is the deactivation, or the as-of instant.</summary>
    private readonly record struct UserLife(string Id, DateTime Created, DateTime End, int Span);

    private readonly List<UserLife> users = [];

    /// <summary>
    /// Users per activity span: the signup user, a few colleagues in the first weeks, one more now
    /// and then when seats are added, turnover (a leaver is often replaced) and, when the account
    /// churns, everyone deactivated.
    /// </summary>
    private void SimulateUsers()
    {
        users.Clear();
        for (var s = 0; s < activitySpans.Count; s++)
        {
            var span = activitySpans[s];
            var initial = segment switch
            {
                Smb => Math.Min(3, 1 + rng.Geometric(0.55)),
                MidMarket => rng.Between(2, 4) + (rng.Chance(0.3) ? 1 : 0),
                _ => rng.Between(3, 7),
            };
            var cap = (initial * 2) + 2;
            var inSpan = 0;
            for (var u = 0; u < initial; u++)
            {
                var created = s == 0 && u == 0 && createdAt < span.End
                    ? createdAt
                    : BusinessTime(span.Start.AddDays(u == 0 ? 0 : rng.Between(0, 45)));
                if (AddUser(created, span, s))
                    inSpan++;
            }
            foreach (var added in seatAdds)
            {
                if (added >= span.Start && added < span.End && inSpan < cap && rng.Chance(0.5) && AddUser(BusinessTime(added), span, s))
                    inSpan++;
            }
        }
    }

    /// <summary>Adds a user created at <paramref name="created"/> and, when they leave, maybe a replacement; false when too late to exist.</summary>
    private bool AddUser(DateTime created, Span span, int spanIndex)
    {
        var replacements = 0;
        var added = false;
        while (created < span.End && created < asOf)
        {
            added = true;
            var id = world.UserIds.Next();
            var leaves = WholeSeconds(created.AddDays(-Math.Log(1 - rng.NextDouble()) * 900));
            DateTime? deactivated = null;
            var replace = false;
            if (leaves < span.End && leaves < asOf)
            {
                deactivated = leaves;
                replace = replacements++ < 3 && rng.Chance(0.6);
            }
            else if (span.Ended)
            {
                // The account churned: its users are switched off within a few days.
                var off = span.End.AddHours(rng.Between(0, 72));
                deactivated = off < asOf ? off : null;
            }
            users.Add(new UserLife(id, created, Min(deactivated ?? asOf, span.Ended ? span.End : asOf), spanIndex));
            batch.UserList.Add(new User(id, accountId, created, deactivated));
            if (!replace)
                break;
            created = BusinessTime(leaves.AddDays(rng.Between(1, 20)));
        }
        return added;
    }

    /// <summary>
    /// One event per user per active day (sometimes two), weekday-heavy and seasonal; healthier
    /// accounts are more active and usage drops in the weeks before a churn. Candidate days are
    /// drawn by geometric skips and thinned, so quiet users cost little.
    /// </summary>
    private void SimulateUsage()
    {
        var baseChance = segment switch { Smb => 0.095, MidMarket => 0.075, _ => 0.062 };
        var account = accountId;
        foreach (var user in users)
        {
            var span = activitySpans[user.Span];
            var fadeFrom = span.Ended ? span.End.AddDays(-45) : DateTime.MaxValue;
            var intensity = DemoRandom.Clamp(rng.LogNormal(1, 0.6), 0.15, 3.5);
            var ceiling = Math.Min(0.9, baseChance * intensity);
            var day = user.Created.Date.AddDays(1);
            var end = user.End;
            while (true)
            {
                var skip = rng.Geometric(ceiling);
                if (skip > 100_000)
                    break;
                day = day.AddDays(skip);
                if (day >= end)
                    break;
                var weekday = day.DayOfWeek switch { DayOfWeek.Saturday => 0.15, DayOfWeek.Sunday => 0.1, _ => 1.0 };
                var chance = (0.15 + (0.85 * Health(day))) * weekday * Vocabulary.UsageSeasonality[day.Month - 1] / 1.05 * (day >= fadeFrom ? 0.35 : 1.0);
                if (rng.NextDouble() < chance)
                {
                    var at = BusinessTime(day);
                    if (at < end)
                    {
                        batch.UsageList.Add(new UsageEvent(account, user.Id, at, UsageEventName()));
                        var later = at.AddSeconds(rng.Between(60, 3000));
                        if (rng.Chance(0.15) && later < end && later.Date == day)
                            batch.UsageList.Add(new UsageEvent(account, user.Id, later, UsageEventName()));
                    }
                }
                day = day.AddDays(1);
            }
        }
    }

    private string UsageEventName() => Vocabulary.UsageEvents[rng.PickWeighted(Vocabulary.UsageEventWeights)];

    /// <summary>A user who exists at <paramref name="instant"/>, or null.</summary>
    private string? UserAt(DateTime instant)
    {
        string? chosen = null;
        var seen = 0;
        foreach (var user in users)
        {
            if (user.Created <= instant && instant < user.End && rng.Next(++seen) == 0)
                chosen = user.Id;
        }
        return chosen;
    }
}
