using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Accounts;

/// <summary>
/// A data set's rows grouped by account, then read by any number of threads: the accounts list and account page look
/// up an account's rows here instead of scanning the data set. Rows naming an account that is not in
/// <see cref="TenureDataSet.Accounts"/> are left out.
/// </summary>
/// <remarks>
/// The groupings are the engine's own (<see cref="AccountDirectory.GroupByAccount"/> of the data set's shared
/// directory), so a warm tenant holds its rows grouped once for the metrics, the health score and this book; rows read
/// in account order are not copied at all.
/// </remarks>
public sealed class AccountBook
{
    private readonly Dictionary<string, AccountRecords> byId;
    private readonly AccountRecords[] inOrder;

    private AccountBook(TenureDataSet data)
    {
        var directory = SharedDerivations.Of(data).Accounts;
        Subscriptions = Grouped<SubscriptionPeriod>.Of(directory, data.Subscriptions, InputKinds.Subscriptions);
        Tickets = Grouped<Ticket>.Of(directory, data.Tickets, InputKinds.Tickets);
        Surveys = Grouped<SurveyResponse>.Of(directory, data.Surveys, InputKinds.Surveys);
        Usage = Grouped<UsageDay>.Of(directory, data.Usage, InputKinds.Usage);
        byId = new Dictionary<string, AccountRecords>(data.Accounts.Count, StringComparer.Ordinal);
        var listed = new List<AccountRecords>(data.Accounts.Count);
        foreach (var account in data.Accounts)
        {
            // The directory numbers the listed accounts first, a repeated id by its first row, as TryAdd keeps it.
            if (byId.ContainsKey(account.AccountId))
                continue;
            var records = new AccountRecords(account, this, directory.IndexOf(account.AccountId));
            byId.Add(account.AccountId, records);
            listed.Add(records);
        }
        inOrder = [.. listed];
    }

    /// <summary>Every account, in the order of the data set.</summary>
    public IReadOnlyList<AccountRecords> Accounts => inOrder;

    public int Count => inOrder.Length;

    internal Grouped<SubscriptionPeriod> Subscriptions { get; }
    internal Grouped<Ticket> Tickets { get; }
    internal Grouped<SurveyResponse> Surveys { get; }
    internal Grouped<UsageDay> Usage { get; }

    public static AccountBook Of(TenureDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new AccountBook(data);
    }

    /// <summary>The account's rows, or null when the data set has no such account (ids compare exactly).</summary>
    public AccountRecords? Find(string accountId) =>
        byId.TryGetValue(accountId, out var records) ? records : null;

    /// <summary>One kind's rows grouped by account number, each account's a view of the shared array.</summary>
    internal readonly record struct Grouped<T>(IReadOnlyList<T> Items, int[] Offsets)
    {
        public static Grouped<T> Of(AccountDirectory directory, IReadOnlyList<T> rows, KindDescription<T> kind)
        {
            var (items, offsets) = directory.GroupRowsByAccount(rows, kind.AccountIdOf!);
            return new(items, offsets);
        }

        public IReadOnlyList<T> Of(int account) => AccountDirectory.RowsOf(Items, Offsets, account);
    }
}
