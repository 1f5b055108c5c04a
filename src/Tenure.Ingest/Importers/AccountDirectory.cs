using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Importers;

/// <summary>
/// The accounts an export's organisation or company may mean: the stored ones and those mapped in the
/// same import. Help desks and CRMs name a customer by their own id or by its name, so a reference is
/// matched to an account id first and then to an account name (ignoring case); a name two accounts
/// share matches neither.
/// </summary>
internal sealed class AccountDirectory
{
    private readonly Dictionary<string, Account?> byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> idsByName = new(StringComparer.OrdinalIgnoreCase);

    public AccountDirectory(IEnumerable<Account> stored)
    {
        foreach (var account in stored)
            Add(account.AccountId, account.Name, account);
    }

    /// <summary>Registers an account mapped in this import.</summary>
    public void Add(string accountId, string? name, Account? stored = null)
    {
        if (!byId.TryAdd(accountId, stored))
            return;
        if (string.IsNullOrWhiteSpace(name))
            return;
        if (!idsByName.TryGetValue(name.Trim(), out var ids))
            idsByName[name.Trim()] = ids = [];
        ids.Add(accountId);
    }

    /// <summary>The stored account with this id, when there is one.</summary>
    public Account? Stored(string accountId) => byId.GetValueOrDefault(accountId);

    /// <summary>
    /// The account id <paramref name="reference"/> means (an id, else a name), or null with the
    /// reason in <paramref name="problem"/>.
    /// </summary>
    public string? Resolve(string reference, out string? problem)
    {
        problem = null;
        if (byId.ContainsKey(reference))
            return reference;
        if (idsByName.TryGetValue(reference.Trim(), out var ids))
        {
            if (ids.Count == 1)
                return ids[0];
            problem = $"'{reference}' is the name of {ids.Count} accounts ({string.Join(", ", ids.Take(3))}); rename one so it names a single account";
            return null;
        }
        problem = $"no account has the id or name '{reference}'; import the accounts first (Stripe customers or HubSpot companies) or add it to accounts.csv";
        return null;
    }
}
