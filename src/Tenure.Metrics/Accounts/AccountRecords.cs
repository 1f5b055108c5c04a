using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Accounts;

/// <summary>
/// Everything stored about one account: its row and the rows of the other kinds that name it, in input order. The lists
/// are views of the book's rows grouped by account (<see cref="AccountBook"/>), not copies.
/// </summary>
public sealed class AccountRecords
{
    private readonly AccountBook book;
    private readonly int number;

    internal AccountRecords(Account account, AccountBook book, int number)
    {
        Account = account;
        this.book = book;
        this.number = number;
    }

    public Account Account { get; }
    public IReadOnlyList<SubscriptionPeriod> Subscriptions => book.Subscriptions.Of(number);
    public IReadOnlyList<Ticket> Tickets => book.Tickets.Of(number);
    public IReadOnlyList<SurveyResponse> Surveys => book.Surveys.Of(number);
    public IReadOnlyList<UsageDay> Usage => book.Usage.Of(number);

    /// <summary>The account's figures at <paramref name="asOf"/> (see <see cref="AccountSummary"/>).</summary>
    public AccountSummary SummaryAt(DateTime asOf) => new(
        Account,
        AccountMrr.At(Subscriptions, asOf),
        AccountRenewal.Next(Subscriptions, asOf),
        AccountSupport.OpenTickets(Tickets, asOf),
        AccountSupport.LatestNps(Surveys, asOf)?.Score);
}

/// <summary>
/// The per-account figures every surface shows (accounts list, account page, API): MRR at the
/// instant (<see cref="AccountMrr.At"/>), the next renewal (<see cref="AccountRenewal.Next"/>),
/// open tickets (<see cref="AccountSupport.OpenTickets"/>) and the score of the latest NPS answer
/// (<see cref="AccountSupport.LatestNps"/>; null when none).
/// </summary>
public sealed record AccountSummary(Account Account, decimal Mrr, DateTime? NextRenewal, int OpenTickets, int? Nps);
