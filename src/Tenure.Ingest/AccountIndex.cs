using Tenure.Ingest.Csv;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest;

/// <summary>
/// The account ids of an accounts.csv, given to the readers of the other files: every account_id
/// they read must be in it ("unknown account" otherwise), and they reuse its id strings instead of
/// allocating their own. Immutable once built; safe to share between readers on several threads.
/// </summary>
public sealed class AccountIndex
{
    internal AccountIndex(StringPool ids) => Ids = ids;

    internal StringPool Ids { get; }

    public int Count => Ids.Count;

    public static AccountIndex Of(IEnumerable<Account> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var ids = new StringPool();
        foreach (var account in accounts)
            ids.Add(account.AccountId);
        return new AccountIndex(ids);
    }

    public static AccountIndex OfIds(IEnumerable<string> accountIds)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        var ids = new StringPool();
        foreach (var id in accountIds)
            ids.Add(id);
        return new AccountIndex(ids);
    }

    /// <summary>Whether the account id is known (ordinal, case-sensitive comparison).</summary>
    public bool Contains(ReadOnlySpan<char> accountId) => Ids.TryFind(accountId, out _);
}