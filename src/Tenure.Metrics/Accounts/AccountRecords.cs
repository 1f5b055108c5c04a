using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Accounts;

/// <summary>Everything stored about one account: its row and the rows of the other kinds that name it, in input order.</summary>
public sealed class AccountRecords
{
    internal AccountRecords(Account account) => Account = account;

    /// <summary>The rows of <paramref name="basis"/> but its usage, which starts empty (the other lists are shared, never changed once built).</summary>
    internal AccountRecords(AccountRecords basis)
    {
        Account = basis.Account;
        subscriptions = basis.subscriptions;
        tickets = basis.tickets;
        surveys = basis.surveys;
    }

    public Account Account { get; }
    public IReadOnlyList<SubscriptionPeriod> Subscriptions => subscriptions;
    public IReadOnlyList<Ticket> Tickets => tickets;
    public IReadOnlyList<SurveyResponse> Surveys => surveys;
    public IReadOnlyList<UsageDay> Usage => usage;

    internal readonly List<SubscriptionPeriod> subscriptions = [];
    internal readonly List<Ticket> tickets = [];
    internal readonly List<SurveyResponse> surveys = [];
    internal readonly List<UsageDay> usage = [];

    /// <summary>The account's figures at <paramref name="asOf"/> (see <see cref="AccountSummary"/>).</summary>
    public AccountSummary SummaryAt(DateTime asOf) => new(
        Account,
        AccountMrr.At(subscriptions, asOf),
        AccountRenewal.Next(subscriptions, asOf),
        AccountSupport.OpenTickets(tickets, asOf),
        AccountSupport.LatestNps(surveys, asOf)?.Score);
}

/// <summary>
/// The per-account figures every surface shows (accounts list, account page, API): MRR at the
/// instant (<see cref="AccountMrr.At"/>), the next renewal (<see cref="AccountRenewal.Next"/>),
/// open tickets (<see cref="AccountSupport.OpenTickets"/>) and the score of the latest NPS answer
/// (<see cref="AccountSupport.LatestNps"/>; null when none).
/// </summary>
public sealed record AccountSummary(Account Account, decimal Mrr, DateTime? NextRenewal, int OpenTickets, int? Nps);
