using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Tallies;

using static Tenure.Metrics.Usage.UsageMetrics;

namespace Tenure.Metrics.Usage;

/// <summary>Daily usage, active users, stickiness, adoption, program engagement and time to value.</summary>
public sealed class UsageCalculator : IMetricCalculator
{
    public MetricArea Area => MetricArea.Usage;

    public void Compute(MetricContext context, MetricSink sink)
    {
        var data = context.Data;
        var wantsDaily = data.Has(InputKind.Users | InputKind.Usage) && context.IsRequested(DailyUsage);
        var wantsActive = data.Has(InputKind.Usage)
            && (context.IsRequested(Dau) || context.IsRequested(Wau) || context.IsRequested(Mau) || context.IsRequested(Stickiness));
        if (wantsDaily || wantsActive)
        {
            var directory = UserDirectory.Build(context, new DayCalendar(context.Periods));
            var usage = UsageByDay.Build(data.Usage, directory);
            if (wantsDaily)
            {
                var daily = DailyUsers.Build(directory, usage, context.Segments.Count);
                sink.Emit(DailyUsage, daily, (d, p, s) => d.Of(context.Periods[p], s));
            }
            if (wantsActive)
            {
                var active = ActiveUsers.Build(context, directory, usage);
                sink.Emit(Dau, active.Daily, n => MetricValue.Of(n));
                sink.Emit(Wau, active.Weekly, n => MetricValue.Of(n));
                sink.Emit(Mau, active.Monthly, n => MetricValue.Of(n));
                sink.Emit(Stickiness, active.Daily, active.Monthly, (daily, monthly, p, s) => StickinessOf(
                    s < 0 ? daily.All(p) : daily[p, s],
                    s < 0 ? monthly.All(p) : monthly[p, s]));
            }
        }

        if (data.Has(InputKind.Users) && context.IsRequested(AdoptionRate))
            sink.Emit(AdoptionRate, Adoption(context), t => AdoptionRateOf(t.Numerator, t.Denominator));

        if (data.Has(InputKind.Programs | InputKind.Subscriptions) && context.IsRequested(Engagement))
        {
            var engaged = EngagedCustomers(context);
            var customers = context.Ledger.Tallies;
            sink.Emit(Engagement, engaged, customers, (engaged, customers, p, s) => s < 0
                ? EngagementOf(engaged.All(p), customers.All(p).Closing)
                : EngagementOf(engaged[p, s], customers[p, s].Closing));
        }

        if (data.Has(InputKind.Milestones | InputKind.Accounts) && context.IsRequested(TimeToValue))
            sink.Emit(TimeToValue, TimeToFirstValue(context), DurationSummary.InDays);
    }

    /// <summary>
    /// Per period and segment: users of users.csv created in the period (numerator) and users existing at
    /// its close, created before P.end and not deactivated before it (denominator, via a difference array).
    /// </summary>
    private static PeriodSegmentGrid<RatioTally> Adoption(MetricContext context)
    {
        var periods = context.Periods.Count;
        var grid = context.NewGrid<RatioTally>();
        var changes = new PeriodSegmentGrid<int>(periods + 1, context.Segments.Count);
        // Each user's account number as the directory keeps it: no account id looked up again for a new period.
        var users = context.Data.Users;
        var accounts = context.Accounts.AccountIndexes(users, InputKinds.Users.AccountIdOf!);
        for (var u = 0; u < users.Count; u++)
        {
            var user = users[u];
            var segment = context.Segments.OfIndex(accounts[u]);
            if (context.PeriodOf(user.CreatedAt) is var p and >= 0)
                grid[p, segment] += new RatioTally(1m, 0m);
            var first = context.FirstPeriodEndingAfter(user.CreatedAt);
            var end = user.DeactivatedAt is { } gone ? context.FirstPeriodEndingAfter(gone) : periods;
            if (first >= end) continue;
            changes[first, segment]++;
            changes[end, segment]--;
        }
        for (var s = 0; s < context.Segments.Count; s++)
        {
            var existing = 0;
            for (var p = 0; p < periods; p++)
            {
                existing += changes[p, s];
                grid[p, s] += new RatioTally(0m, existing);
            }
        }
        return grid;
    }

    /// <summary>
    /// Per period and segment: accounts in a program at any time in the period (joined_at before P.end,
    /// left_at empty or after P.start) that are customers at its close; each account once.
    /// </summary>
    private static PeriodSegmentGrid<int> EngagedCustomers(MetricContext context)
    {
        var periods = context.Periods;
        var grid = context.NewGrid<int>();
        var (memberships, offsets) = context.Accounts.GroupByAccount(context.Data.Programs, InputKinds.Programs.AccountIdOf!);
        var inProgram = new bool[periods.Count];
        for (var a = 0; a < context.Accounts.Count; a++)
        {
            if (offsets[a] == offsets[a + 1]) continue;
            Array.Clear(inProgram);
            for (var i = offsets[a]; i < offsets[a + 1]; i++)
            {
                var membership = memberships[i];
                for (var p = 0; p < periods.Count; p++)
                {
                    if (membership.JoinedAt < periods[p].End && (membership.LeftAt is not { } left || left > periods[p].Start))
                        inProgram[p] = true;
                }
            }
            var segment = context.SegmentOf(a);
            for (var p = 0; p < periods.Count; p++)
            {
                if (inProgram[p] && context.Coverage.IsActiveJustBefore(a, periods[p].End))
                    grid[p, segment]++;
            }
        }
        return grid;
    }

    /// <summary>
    /// Per period and segment: days from the account's created_at to its earliest first_value milestone,
    /// for the accounts whose earliest one falls in the period.
    /// </summary>
    private static PeriodSegmentGrid<DurationSample> TimeToFirstValue(MetricContext context)
    {
        var firstValue = new DateTime?[context.Accounts.Count];
        foreach (var milestone in context.Data.Milestones)
        {
            if (!string.Equals(milestone.Name, FirstValueMilestone, StringComparison.OrdinalIgnoreCase)) continue;
            var a = context.Accounts.IndexOf(milestone.AccountId);
            if (a >= 0 && (firstValue[a] is not { } earlier || milestone.AchievedAt < earlier))
                firstValue[a] = milestone.AchievedAt;
        }

        var grid = context.NewGrid<DurationSample>();
        for (var a = 0; a < firstValue.Length; a++)
        {
            if (firstValue[a] is not { } reached || context.Accounts.Accounts[a] is not { } account) continue;
            var p = context.PeriodOf(reached);
            if (p < 0) continue;
            var segment = context.SegmentOf(a);
            grid[p, segment] = grid[p, segment].With(reached.Ticks - account.CreatedAt.Ticks);
        }
        return grid;
    }
}
