using Tenure.Metrics.Accounts;
using Tenure.Metrics.Inputs;

namespace Tenure.Web.Dashboards;

/// <summary>
/// The account page: the account's figures now, its health explained (<paramref name="Health"/>; null when it is not a
/// customer today, see <paramref name="HealthUnavailable"/>), its predictive CLV (<paramref name="Value"/>), its MRR and usage
/// over the last 12 months, and its rows of every kind.
/// </summary>
public sealed record AccountDetailModel(
    AccountSummary Summary,
    DateTime AsOf,
    IReadOnlyList<SubscriptionPeriod> Subscriptions,
    IReadOnlyList<MonthlyMrr> MrrHistory,
    IReadOnlyList<UsageSummary> UsageTrend,
    IReadOnlyList<Ticket> Tickets,
    IReadOnlyList<SurveyResponse> Surveys,
    IReadOnlyList<CsTask> Tasks,
    IReadOnlyList<Note> Notes,
    HealthExplanationModel? Health = null,
    string? HealthUnavailable = null,
    AccountValue? Value = null);

/// <summary>An account's predictive CLV: the prediction, or why there is none (<paramref name="Unavailable"/>), and the workspace's fitted model.</summary>
public sealed record AccountValue(Tenure.Predictive.Clv.ClvPrediction? Prediction, string? Unavailable, Tenure.Predictive.Clv.ClvModel? Model);

public static class AccountDetail
{
    public const int Months = 12;

    /// <summary>
    /// The page of <paramref name="accountId"/>, or null when there is no such account (ids compare exactly), with its
    /// health from <paramref name="health"/> and its predictive CLV from <paramref name="clv"/> when given.
    /// </summary>
    public static AccountDetailModel? Build(TenureDataSet data, AccountBook book, string accountId, DateTime asOf, HealthBoard? health = null, ClvBoard? clv = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(book);
        if (book.Find(accountId) is not { } records) return null;
        var lastMonth = AccountMrr.MonthOf(asOf).AddMonths(-1);
        var firstMonth = lastMonth.AddMonths(1 - Months);
        return new AccountDetailModel(
            records.SummaryAt(asOf),
            asOf,
            [.. records.Subscriptions.OrderByDescending(s => s.Start).ThenBy(s => s.SubscriptionId, StringComparer.Ordinal)],
            AccountMrr.MonthlyHistory(records.Subscriptions, firstMonth, lastMonth),
            AccountUsage.Monthly(records.Usage, firstMonth, lastMonth),
            [.. records.Tickets.OrderByDescending(t => t.CreatedAt)],
            [.. records.Surveys.OrderByDescending(s => s.SubmittedAt)],
            [.. data.Tasks.Where(t => t.AccountId == accountId).OrderByDescending(t => t.CreatedAt)],
            [.. data.Notes.Where(n => n.AccountId == accountId).OrderByDescending(n => n.Date)],
            health?.Of(accountId) is { } h ? HealthExplanation.Explain(h, health.Model.Model, health.At) : null,
            health is null ? null
                : health.Of(accountId) is not null ? null
                : $"{records.Account.Name} is not a customer on {DashboardQuery.Date(health.At)} (no paid coverage that day): only customers get a health score.",
            clv is null ? null : Value(clv, accountId, records.Account.Name));
    }

    private static AccountValue Value(ClvBoard clv, string accountId, string name)
    {
        if (clv.Model is null)
            return new AccountValue(null, clv.Unavailable, null);
        return clv.Of(accountId) is { } prediction
            ? new AccountValue(prediction, prediction.Clv is null ? "the spend model has no expected amount for this account" : null, clv.Model)
            : new AccountValue(null, $"{name} has no charge (invoices.csv) before {DashboardQuery.Date(clv.At)}, so there is no purchase history to project", clv.Model);
    }
}
