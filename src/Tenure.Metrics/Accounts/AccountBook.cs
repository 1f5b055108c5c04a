using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Accounts;

/// <summary>
/// A data set's rows grouped by account, built once (O(rows)) and then read by any number of
/// threads: the accounts list and account page look up an account's rows here instead of scanning
/// the data set. Rows naming an account that is not in <see cref="TenureDataSet.Accounts"/> are left out.
/// </summary>
public sealed class AccountBook
{
    private readonly Dictionary<string, AccountRecords> byId;
    private readonly AccountRecords[] inOrder;

    private AccountBook(Dictionary<string, AccountRecords> byId, AccountRecords[] inOrder)
    {
        this.byId = byId;
        this.inOrder = inOrder;
    }

    /// <summary>Every account, in the order of the data set.</summary>
    public IReadOnlyList<AccountRecords> Accounts => inOrder;

    public int Count => inOrder.Length;

    public static AccountBook Of(TenureDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var byId = new Dictionary<string, AccountRecords>(data.Accounts.Count, StringComparer.Ordinal);
        var inOrder = new List<AccountRecords>(data.Accounts.Count);
        foreach (var account in data.Accounts)
        {
            var records = new AccountRecords(account);
            if (byId.TryAdd(account.AccountId, records))
                inOrder.Add(records);
        }
        foreach (var s in data.Subscriptions)
        {
            if (byId.TryGetValue(s.AccountId, out var r)) r.subscriptions.Add(s);
        }
        foreach (var t in data.Tickets)
        {
            if (byId.TryGetValue(t.AccountId, out var r)) r.tickets.Add(t);
        }
        foreach (var s in data.Surveys)
        {
            if (byId.TryGetValue(s.AccountId, out var r)) r.surveys.Add(s);
        }
        foreach (var u in data.Usage)
        {
            if (byId.TryGetValue(u.AccountId, out var r)) r.usage.Add(u);
        }
        return new AccountBook(byId, [.. inOrder]);
    }

    /// <summary>
    /// The book of <paramref name="data"/> when it differs from the data <paramref name="previous"/> was built from only
    /// in the usage of the accounts in <paramref name="usageChanged"/>: equal to <see cref="Of"/> of it, built by
    /// sharing every other account's rows and regrouping only those accounts' usage (one pass over the usage).
    /// </summary>
    public static AccountBook WithUsage(AccountBook previous, TenureDataSet data, IReadOnlySet<string> usageChanged)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(usageChanged);
        var byId = new Dictionary<string, AccountRecords>(previous.inOrder.Length, StringComparer.Ordinal);
        var inOrder = new AccountRecords[previous.inOrder.Length];
        var regrouped = new Dictionary<string, AccountRecords>(StringComparer.Ordinal);
        for (int i = 0; i < inOrder.Length; i++)
        {
            var records = previous.inOrder[i];
            if (usageChanged.Contains(records.Account.AccountId))
                regrouped[records.Account.AccountId] = records = new AccountRecords(records);
            inOrder[i] = records;
            byId[records.Account.AccountId] = records;
        }
        if (regrouped.Count > 0)
        {
            foreach (var u in data.Usage)
            {
                if (regrouped.TryGetValue(u.AccountId, out var r)) r.usage.Add(u);
            }
        }
        return new AccountBook(byId, inOrder);
    }

    /// <summary>The account's rows, or null when the data set has no such account (ids compare exactly).</summary>
    public AccountRecords? Find(string accountId) =>
        byId.TryGetValue(accountId, out var records) ? records : null;
}
