namespace Tenure.Metrics.Alerts;

/// <summary>
/// A rule's condition holding for an account at "now": what an open alert records. One per (rule, account):
/// several detractor answers of one account in the look-back give one finding, naming the latest.
/// </summary>
/// <param name="Rule">The rule id (<see cref="AlertRule"/> constants).</param>
/// <param name="AccountId">The account the condition holds for.</param>
/// <param name="Csm">The account's CSM from accounts.csv; null when it has none.</param>
/// <param name="Reason">Why, for people: "NPS 2 from u7 on 2026-12-01".</param>
public sealed record AlertFinding(string Rule, string AccountId, string? Csm, string Reason);
