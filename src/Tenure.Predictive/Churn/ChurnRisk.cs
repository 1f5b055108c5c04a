namespace Tenure.Predictive.Churn;

/// <summary>
/// One reason behind an account's churn probability: a feature as known at the snapshot, in words
/// ("no usage events in 30 days", "2 escalated tickets in 90 days"), and how far it moves the account's
/// log-odds of churn away from the average training account's (positive raises the risk).
/// </summary>
/// <param name="Feature">The feature builder's column (docs/models/churn.md), e.g. <c>escalated_tickets_90d</c>.</param>
/// <param name="Text">The feature's value in words.</param>
/// <param name="Contribution">Change in log-odds of churn against the average account; the sign is the direction.</param>
public sealed record ChurnDriver(string Feature, string Text, double Contribution)
{
    /// <summary>"raises" when the feature pushes the churn risk up, "lowers" when it pulls it down.</summary>
    public string Direction => Contribution > 0 ? "raises" : "lowers";
}

/// <summary>An account's churn probability within the horizon and its strongest drivers (largest |contribution| first).</summary>
public sealed record AccountChurnRisk(string AccountId, double Probability, IReadOnlyList<ChurnDriver> Drivers);

/// <summary>
/// The churn risk of a tenant's customers at <see cref="AsOf"/>, from a model trained on its own history;
/// or, when the history is too short to train (<see cref="ChurnHistoryRule"/>), the reason with its numbers
/// and no probabilities.
/// </summary>
/// <param name="AsOf">The instant the customers were scored at (their features are as known then).</param>
/// <param name="HorizonDays">The probability is of churning within this many days after <paramref name="AsOf"/>.</param>
/// <param name="TooShort">Why no model was trained ("only 4 churned accounts in 14 months of history; at least 20 needed"); null when scored.</param>
/// <param name="Snapshots">Labelled training snapshots (their horizon had ended by <paramref name="AsOf"/>).</param>
/// <param name="TrainingRows">Account-snapshot rows trained on.</param>
/// <param name="ChurnedAccounts">Distinct accounts that churned within the horizon of some training snapshot.</param>
/// <param name="HistoryMonths">Whole months from the first paying period to <paramref name="AsOf"/>.</param>
/// <param name="Accounts">Every customer at <paramref name="AsOf"/> with its probability and drivers; empty when too short.</param>
public sealed record TenantChurnRisk(
    DateTime AsOf,
    int HorizonDays,
    string? TooShort,
    int Snapshots,
    int TrainingRows,
    int ChurnedAccounts,
    int HistoryMonths,
    IReadOnlyList<AccountChurnRisk> Accounts)
{
    private readonly Dictionary<string, AccountChurnRisk> byAccount = Accounts.ToDictionary(a => a.AccountId, StringComparer.Ordinal);

    /// <summary>True when a model was trained and the customers scored.</summary>
    public bool Scored => TooShort is null;

    /// <summary>
    /// Per account its probability rounded half away from zero to 4 decimals, the input of the optional health
    /// factor churn-risk (<c>HealthScores.At</c>); empty when the history was too short.
    /// </summary>
    public IReadOnlyDictionary<string, decimal> Probabilities() =>
        Accounts.ToDictionary(a => a.AccountId, a => Math.Round((decimal)a.Probability, 4, MidpointRounding.AwayFromZero), StringComparer.Ordinal);

    /// <summary>The account's risk; null when it is not a customer at <see cref="AsOf"/> or the history was too short.</summary>
    public AccountChurnRisk? For(string accountId) => byAccount.GetValueOrDefault(accountId);
}
