using Tenure.Metrics.Health;
using Tenure.Web.ChurnRisk;
using Tenure.Web.Data;
using Tenure.Web.Settings;

namespace Tenure.Web.Dashboards;

/// <summary>
/// The health of every customer of a workspace at a day (<see cref="HealthScores.At"/>), with the workspace's health
/// model (<see cref="TenantHealthModelSetting"/>) and churn grace: one computation shared by the accounts list, the
/// "At risk" view, the account page and <c>GET /api/v1/health</c>, so they never disagree. When the model lists the
/// optional churn-risk factor, the latest churn probabilities (<see cref="ITenantChurnRisk"/>) feed it on the days they
/// speak for (their as-of day and after, <see cref="ChurnProbabilities.At"/>), exactly as the daily history records them.
/// </summary>
public sealed class WorkspaceHealth(DashboardCache cache, TenantChurnGraceSetting churnGrace, TenantHealthModelSetting models, ITenantChurnRisk? churnRisk = null)
{
    /// <summary>The workspace's health model.</summary>
    public Task<WorkspaceHealthModel> ModelAsync(string tenant, CancellationToken cancellationToken = default) => models.GetAsync(tenant, cancellationToken);

    /// <summary>Every customer's health at <paramref name="day"/> (a UTC midnight), cached per data version, day, grace, model and churn result.</summary>
    public async Task<HealthBoard> AtAsync(TenantSnapshot snapshot, DateTime day, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var grace = await churnGrace.GetAsync(snapshot.Tenant, cancellationToken);
        var model = await models.GetAsync(snapshot.Tenant, cancellationToken);
        var churn = ChurnFor(snapshot.Tenant, model.Model, churnRisk);
        return cache.GetOrCompute(snapshot.Tenant, snapshot.Version, "health", $"{day:O}\n{grace}\n{model.Key}\n{churn?.Key}", () =>
            new HealthBoard(day, model, HealthScores.At(snapshot.HealthData(grace), model.Model, day, churn?.Probabilities?.At(day))));
    }

    /// <summary>
    /// The churn result whose probabilities feed churn-risk: the latest computed for the tenant when the model lists the
    /// factor (asking for one when there is none yet), else null (the factor is not listed, or there is no churn risk).
    /// </summary>
    internal static ComputedChurnRisk? ChurnFor(string tenant, HealthModel model, ITenantChurnRisk? churnRisk)
    {
        if (model.ChurnRisk is null || churnRisk is null) return null;
        var latest = churnRisk.Latest(tenant);
        if (latest is null) churnRisk.Refresh(tenant);
        return latest;
    }
}

/// <summary>
/// Every customer's health at <see cref="At"/> under the workspace's <see cref="Model"/>, in the data's account order,
/// and by account id (accounts that are not customers at the day have none).
/// </summary>
public sealed class HealthBoard
{
    private readonly Dictionary<string, AccountHealth> byId;

    public HealthBoard(DateTime at, WorkspaceHealthModel model, IReadOnlyList<AccountHealth> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        At = at;
        Model = model;
        Accounts = accounts;
        byId = new Dictionary<string, AccountHealth>(accounts.Count, StringComparer.Ordinal);
        foreach (var a in accounts) byId[a.AccountId] = a;
    }

    public DateTime At { get; }

    public WorkspaceHealthModel Model { get; }

    public IReadOnlyList<AccountHealth> Accounts { get; }

    /// <summary>The account's health, or null when it is not a customer at the day.</summary>
    public AccountHealth? Of(string accountId) => byId.GetValueOrDefault(accountId);
}

/// <summary>Dates the health factors imply, for the screens.</summary>
public static class HealthDates
{
    /// <summary>The last touch (latest completed task or note before the day): the day less the engagement factor's days; null when there is none.</summary>
    public static DateTime? LastTouch(this AccountHealth health, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(health);
        return health[HealthFactor.Engagement].Value is { } days ? at.AddTicks(-Ticks(days)) : null;
    }

    /// <summary>
    /// The end of paid coverage (the renewal date): the day plus the renewal factor's days; null when coverage is open
    /// (no end ahead).
    /// </summary>
    public static DateTime? PaidUntil(this AccountHealth health, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(health);
        return health[HealthFactor.Renewal].Value is { } days ? at.AddTicks(Ticks(days)) : null;
    }

    // The engine's days are ticks / ticks-per-day as a decimal; rounding back to whole ticks gives the instant exactly.
    private static long Ticks(decimal days) => (long)Math.Round(days * TimeSpan.TicksPerDay, MidpointRounding.AwayFromZero);
}
