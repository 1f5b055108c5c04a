using Tenure.Metrics.Accounts;
using Tenure.Metrics.Inputs;

namespace Tenure.Web.Dashboards;

/// <summary>The account page: the account's figures now, its MRR and usage over the last 12 months, and its rows of every kind.</summary>
public sealed record AccountDetailModel(
    AccountSummary Summary,
    DateTime AsOf,
    IReadOnlyList<SubscriptionPeriod> Subscriptions,
    IReadOnlyList<MonthlyMrr> MrrHistory,
    IReadOnlyList<UsageSummary> UsageTrend,
    IReadOnlyList<Ticket> Tickets,
    IReadOnlyList<SurveyResponse> Surveys,
    IReadOnlyList<CsTask> Tasks,
    IReadOnlyList<Note> Notes);

public static class AccountDetail
{
    public const int Months = 12;

    /// <summary>The page of <paramref name="accountId"/>, or null when there is no such account (ids compare exactly).</summary>
    public static AccountDetailModel? Build(TenureDataSet data, AccountBook book, string accountId, DateTime asOf)
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
            [.. data.Notes.Where(n => n.AccountId == accountId).OrderByDescending(n => n.Date)]);
    }
}
