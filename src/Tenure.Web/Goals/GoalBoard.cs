using Tenure.Metrics.Goals;
using Tenure.Storage;
using Tenure.Storage.Goals;
using Tenure.Web.Dashboards;

namespace Tenure.Web.Goals;

/// <summary>What setting a goal came to: the goal stored (new or replaced), or the problems that kept it out.</summary>
public sealed record GoalOutcome(Goal? Goal, bool Created, IReadOnlyList<GoalProblem> Problems)
{
    public bool Saved => Goal is not null && Problems.Count == 0;
}

/// <summary>
/// A tenant's goals for one request: read once (for every card of a page), set and removed through
/// <see cref="GoalRules"/> and <see cref="GoalStore"/>, the same rules as `tenure goal set`. The cards ask it for the
/// goal of a metric in the view they show (<see cref="ProgressFor"/>).
/// </summary>
public sealed class GoalBoard(TenureDatabase database)
{
    private readonly Dictionary<string, IReadOnlyList<StoredGoal>> read = new(StringComparer.Ordinal);

    /// <summary>The tenant's goals (read once per request).</summary>
    public async Task<IReadOnlyList<StoredGoal>> ListAsync(string tenant, CancellationToken cancellationToken = default)
    {
        if (!read.TryGetValue(tenant, out var goals))
            read[tenant] = goals = await GoalStore.ListAsync(database, tenant, cancellationToken);
        return goals;
    }

    /// <summary>Checks and stores <paramref name="request"/> (scope values checked against the tenant's accounts); nothing is saved when a rule is broken.</summary>
    public async Task<GoalOutcome> SetAsync(string tenant, GoalRequest request, string updatedBy, CancellationToken cancellationToken = default)
    {
        var known = await GoalScopeValues.ReadAsync(database, tenant, cancellationToken);
        var (goal, problems) = GoalRules.Check(request, known.Csms, known.Segments);
        if (goal is null || problems.Count > 0)
            return new GoalOutcome(null, false, problems);
        var created = await GoalStore.SetAsync(database, tenant, goal, updatedBy, cancellationToken);
        read.Remove(tenant);
        return new GoalOutcome(goal, created, []);
    }

    /// <summary>Removes the goal named by metric, period and scope; the problems when they do not name one, false when there was none.</summary>
    public async Task<(bool Removed, IReadOnlyList<GoalProblem> Problems)> RemoveAsync(string tenant, string? metric, string? period, string? csm, string? segment, CancellationToken cancellationToken = default)
    {
        // The rules of set with a placeholder target: a remove names a goal the way set does.
        var (goal, problems) = GoalRules.Check(new GoalRequest(metric, "0", "at_most", period, csm, segment));
        if (goal is null || problems.Count > 0)
            return (false, problems);
        var removed = await GoalStore.RemoveAsync(database, tenant, goal.MetricId, goal.Period, goal.Scope, cancellationToken);
        read.Remove(tenant);
        return (removed, []);
    }

    /// <summary>
    /// The goals of <paramref name="metricId"/> for the view <paramref name="query"/> (a dashboard's period and filter, held
    /// to the user's scope): a goal applies when its period is the view's kind of period (a month goal to a month view;
    /// never to a custom range) and its scope is exactly the view's filter. Goals of the metric that do not apply come
    /// back in <c>Elsewhere</c>, so the card can say a goal exists for another period or scope.
    /// </summary>
    public static (IReadOnlyList<GoalProgress> Applying, IReadOnlyList<Goal> Elsewhere) ProgressFor(IReadOnlyList<StoredGoal> goals, string metricId, decimal? value, DashboardQuery query)
    {
        ArgumentNullException.ThrowIfNull(goals);
        ArgumentNullException.ThrowIfNull(query);
        var applying = new List<GoalProgress>();
        var elsewhere = new List<Goal>();
        foreach (var stored in goals)
        {
            var goal = stored.Goal;
            if (goal.MetricId != metricId) continue;
            if (PeriodOf(query.Kind) == goal.Period && goal.Scope.Matches(query.Filter))
                applying.Add(new GoalProgress(goal, query.CurrentLabel, value));
            else
                elsewhere.Add(goal);
        }
        return (applying, elsewhere);
    }

    private static GoalPeriod? PeriodOf(PeriodKind kind) => kind switch
    {
        PeriodKind.Month => GoalPeriod.Month,
        PeriodKind.Quarter => GoalPeriod.Quarter,
        PeriodKind.Year => GoalPeriod.Year,
        _ => null,
    };
}
