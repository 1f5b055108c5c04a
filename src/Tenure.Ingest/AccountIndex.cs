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
    internal AccountIndex(StringPool ids, string source = "accounts.csv")
    {
        Ids = ids;
        Source = source;
    }

    internal StringPool Ids { get; }

    /// <summary>Where the ids come from, for "unknown account 'X' (not in ...)" errors.</summary>
    public string Source { get; }

    /// <summary>The same ids, described in errors as coming from <paramref name="source"/> (e.g. "the stored accounts").</summary>
    public AccountIndex From(string source) => new(Ids, source);

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

    /// <summary>
    /// The ids of both indexes (this one's first), e.g. the accounts of a file being imported and
    /// those already stored, so a file may refer to either.
    /// </summary>
    public AccountIndex Union(AccountIndex other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var ids = new StringPool();
        for (int i = 0; i < Ids.Count; i++)
            ids.Add(Ids[i]);
        for (int i = 0; i < other.Ids.Count; i++)
            ids.Add(other.Ids[i]);
        return new AccountIndex(ids, Source == other.Source ? Source : $"{Source} or {other.Source}");
    }

    /// <summary>Whether the account id is known (ordinal, case-sensitive comparison).</summary>
    public bool Contains(ReadOnlySpan<char> accountId) => Ids.TryFind(accountId, out _);
}
