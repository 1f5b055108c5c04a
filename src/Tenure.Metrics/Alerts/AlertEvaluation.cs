using Tenure.Metrics.Playbooks;

namespace Tenure.Metrics.Alerts;

/// <summary>
/// What evaluating the rules at "now" found: every (rule, account) whose condition holds, the rules that were
/// evaluated (only their alerts may be opened or resolved) and the rules that could not be, with why
/// (churn-risk without a model, a disabled rule).
/// </summary>
/// <param name="Now">The instant evaluated at.</param>
/// <param name="Findings">Conditions that hold, ordered by rule (catalogue order) then account id (ordinal).</param>
/// <param name="Evaluated">The ids of the rules evaluated.</param>
/// <param name="NotEvaluated">Rule id -> why it was not evaluated ("disabled", <see cref="ChurnRisk.NotAvailable"/>).</param>
public sealed record AlertEvaluation(
    DateTime Now,
    IReadOnlyList<AlertFinding> Findings,
    IReadOnlySet<string> Evaluated,
    IReadOnlyDictionary<string, string> NotEvaluated)
{
    /// <summary>The playbooks of the evaluated settings, by rule id: storage starts one for every alert it opens.</summary>
    public IReadOnlyDictionary<string, Playbook> Playbooks { get; init; } = new Dictionary<string, Playbook>();
}
