using Microsoft.EntityFrameworkCore;

using Tenure.Metrics.Goals;
using Tenure.Storage.Model;

namespace Tenure.Storage.Goals;

/// <summary>A stored goal with when and by whom it was last set.</summary>
public sealed record StoredGoal(Goal Goal, DateTime UpdatedAt, string UpdatedBy);

/// <summary>
/// A tenant's goals (table goals) through EF Core: list, set (insert or replace the goal with the same metric, period
/// and scope) and remove. Goals are checked by <see cref="GoalRules"/> before they get here.
/// </summary>
public static class GoalStore
{
    /// <summary>The tenant's goals in metric, period, scope order (empty for a tenant without any).</summary>
    public static async Task<IReadOnlyList<StoredGoal>> ListAsync(TenureDatabase database, string tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        await using var context = database.CreateContext();
        var rows = await context.Set<GoalRow>().AsNoTracking().Where(g => g.TenantId == tenant).ToListAsync(cancellationToken);
        return [.. rows.Select(ToStored)
            .OrderBy(g => g.Goal.MetricId, StringComparer.Ordinal)
            .ThenBy(g => g.Goal.Period)
            .ThenBy(g => g.Goal.Scope.Kind)
            .ThenBy(g => g.Goal.Scope.Value, StringComparer.Ordinal)];
    }

    /// <summary>Stores <paramref name="goal"/>, replacing the tenant's goal with the same metric, period and scope; true when it is new.</summary>
    public static async Task<bool> SetAsync(TenureDatabase database, string tenant, Goal goal, string updatedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(goal);
        Tenants.EnsureValidName(tenant);
        var now = database.Clock.GetUtcNow().UtcDateTime;
        var (period, scope, value) = KeyOf(goal.Period, goal.Scope);
        using var turn = await database.EnterWriteAsync(cancellationToken);
        // Two writers may add the same new goal at once (PostgreSQL): the one that loses updates the winner's row.
        for (var attempt = 1; ; attempt++)
        {
            await using var context = database.CreateContext();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            await TenantRows.EnsureAsync(context, database.Provider, tenant, now, cancellationToken);
            var row = await context.Set<GoalRow>().FirstOrDefaultAsync(
                g => g.TenantId == tenant && g.Metric == goal.MetricId && g.Period == period && g.Scope == scope && g.ScopeValue == value, cancellationToken);
            var created = row is null;
            if (row is null)
            {
                row = new GoalRow { TenantId = tenant, Metric = goal.MetricId, Period = period, Scope = scope, ScopeValue = value, Direction = "", UpdatedBy = "" };
                context.Add(row);
            }
            row.Direction = GoalNames.Of(goal.Direction);
            row.Target = goal.Target;
            row.UpdatedAt = now;
            row.UpdatedBy = updatedBy;
            try
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (attempt == 1 && TenantRows.IsDuplicate(e))
            {
                continue;
            }
            await transaction.CommitAsync(CancellationToken.None);
            return created;
        }
    }

    /// <summary>Removes the tenant's goal for <paramref name="metric"/>, <paramref name="period"/> and <paramref name="scope"/>; false when there was none.</summary>
    public static async Task<bool> RemoveAsync(TenureDatabase database, string tenant, string metric, GoalPeriod period, GoalScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(scope);
        Tenants.EnsureValidName(tenant);
        var (periodText, scopeText, value) = KeyOf(period, scope);
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var context = database.CreateContext();
        var removed = await context.Set<GoalRow>()
            .Where(g => g.TenantId == tenant && g.Metric == metric && g.Period == periodText && g.Scope == scopeText && g.ScopeValue == value)
            .ExecuteDeleteAsync(cancellationToken);
        return removed > 0;
    }

    private static (string Period, string Scope, string Value) KeyOf(GoalPeriod period, GoalScope scope) =>
        (GoalNames.Of(period), GoalNames.Of(scope.Kind), scope.Value ?? "");

    private static StoredGoal ToStored(GoalRow row)
    {
        GoalNames.TryPeriod(row.Period, out var period);
        GoalNames.TryDirection(row.Direction, out var direction);
        var scope = row.Scope switch
        {
            "csm" => GoalScope.Csm(row.ScopeValue),
            "segment" => GoalScope.Segment(row.ScopeValue),
            _ => GoalScope.All,
        };
        return new StoredGoal(new Goal(row.Metric, direction, row.Target, period, scope), row.UpdatedAt, row.UpdatedBy);
    }
}

/// <summary>The CSM names and segments a tenant's accounts hold: what a goal's scope may name.</summary>
public sealed record GoalScopeValues(IReadOnlyCollection<string> Csms, IReadOnlyCollection<string> Segments)
{
    /// <summary>The distinct non-empty csm and segment values of the tenant's accounts (exact, case-sensitive).</summary>
    public static async Task<GoalScopeValues> ReadAsync(TenureDatabase database, string tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        await using var context = database.CreateContext();
        var accounts = context.Set<Dictionary<string, object>>("accounts").AsNoTracking().Where(a => EF.Property<string>(a, "tenant_id") == tenant);
        var csms = await accounts.Select(a => EF.Property<string?>(a, "csm")).Where(c => c != null && c != "").Distinct().ToListAsync(cancellationToken);
        var segments = await accounts.Select(a => EF.Property<string?>(a, "segment")).Where(s => s != null && s != "").Distinct().ToListAsync(cancellationToken);
        return new GoalScopeValues(new HashSet<string>(csms!, StringComparer.Ordinal), new HashSet<string>(segments!, StringComparer.Ordinal));
    }
}
