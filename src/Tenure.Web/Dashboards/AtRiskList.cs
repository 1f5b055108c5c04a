using Tenure.Metrics.Accounts;
using Tenure.Metrics.Health;

namespace Tenure.Web.Dashboards;

/// <summary>
/// A row of the "At risk" view: a red or yellow account, its health (score, band, the factors that pull it down), its
/// CSM, the end of its paid coverage and its MRR at risk.
/// </summary>
/// <param name="Summary">The account's figures today.</param>
/// <param name="Health">Its health today (band red or yellow).</param>
/// <param name="MrrAtRisk">The account's MRR at the day (<see cref="AccountSummary.Mrr"/>): what leaves if it churns.</param>
/// <param name="WorstFactors">Its present, weighted factors with the fewest points, lowest first (at most <see cref="AtRiskList.WorstFactorCount"/>, only those under 100 points).</param>
/// <param name="PaidUntil">The end of paid coverage (the renewal factor's date); null when open.</param>
public sealed record AtRiskRow(AccountSummary Summary, AccountHealth Health, decimal MrrAtRisk, IReadOnlyList<FactorScore> WorstFactors, DateTime? PaidUntil);

/// <summary>The "At risk" view: its rows (every at-risk account in scope, MRR at risk first), totals per band and the CSM filter.</summary>
public sealed record AtRiskModel(
    DateTime At,
    string? Csm,
    string? Band,
    IReadOnlyList<AtRiskRow> Rows,
    int Red,
    int Yellow,
    decimal MrrAtRisk,
    IReadOnlyList<string> Csms,
    bool HasData,
    HealthModel HealthModel);

/// <summary>
/// The accounts to call today: the customers whose health band is red or yellow, ordered by MRR at risk (the
/// account's MRR at the day), largest first; ties by lower score, then account id. MRR at risk of a green account is 0
/// by definition, so green accounts are not listed.
/// </summary>
public static class AtRiskList
{
    public const int WorstFactorCount = 2;

    /// <summary>
    /// The view for accounts in <paramref name="scope"/>, narrowed to CSM <paramref name="csm"/> when given (exact, as
    /// the book is) and to <paramref name="band"/> (red or yellow) when given.
    /// </summary>
    public static AtRiskModel Build(IReadOnlyList<AccountSummary> summaries, HealthBoard health, AccountScope scope, string? csm, string? band, IReadOnlyList<string> csms)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(scope);
        var rows = new List<AtRiskRow>();
        foreach (var s in summaries)
        {
            if (!scope.Sees(s.Account)) continue;
            if (csm is not null && !string.Equals(s.Account.Csm, csm, StringComparison.Ordinal)) continue;
            if (health.Of(s.Account.AccountId) is not { Band: HealthBand.Red or HealthBand.Yellow } h) continue;
            rows.Add(new AtRiskRow(s, h, s.Mrr, WorstFactors(h), h.PaidUntil(health.At)));
        }
        var red = rows.Count(r => r.Health.Band == HealthBand.Red);
        var yellow = rows.Count - red;
        if (band is not null)
            rows.RemoveAll(r => r.Health.Band?.Id() != band);
        rows.Sort((x, y) =>
            y.MrrAtRisk.CompareTo(x.MrrAtRisk) is var c and not 0 ? c
            : (x.Health.Score ?? 0m).CompareTo(y.Health.Score ?? 0m) is var d and not 0 ? d
            : string.CompareOrdinal(x.Summary.Account.AccountId, y.Summary.Account.AccountId));
        return new AtRiskModel(health.At, csm, band, rows, red, yellow, rows.Sum(r => r.MrrAtRisk), csms, health.Accounts.Count > 0, health.Model.Model);
    }

    /// <summary>The present factors of weight &gt; 0 under 100 points, fewest points first (ties in factor order), at most <see cref="WorstFactorCount"/>.</summary>
    public static IReadOnlyList<FactorScore> WorstFactors(AccountHealth health)
    {
        ArgumentNullException.ThrowIfNull(health);
        return [.. health.Factors
            .Where(f => f.Points is < 100m && f.Weight > 0m)
            .OrderBy(f => f.Points)
            .ThenBy(f => (int)f.Factor)
            .Take(WorstFactorCount)];
    }

    /// <summary>The CSMs with an account in scope, for the CSM filter.</summary>
    public static IReadOnlyList<string> CsmsOf(IReadOnlyDictionary<string, IReadOnlyList<string>> choices) =>
        choices.GetValueOrDefault("csm") ?? [];

    /// <summary>The query's CSM: csm=* for everyone, else the value, else <paramref name="defaultCsm"/> (a CSM's own book).</summary>
    public static string? CsmOf(string? text, string? defaultCsm)
    {
        var csm = DashboardQuery.Clean(text);
        return csm == "*" ? null : csm ?? defaultCsm;
    }

    /// <summary>red or yellow (ignoring case), else null.</summary>
    public static string? BandOf(string? text) =>
        DashboardQuery.Clean(text)?.ToLowerInvariant() is "red" or "yellow" ? DashboardQuery.Clean(text)!.ToLowerInvariant() : null;
}
