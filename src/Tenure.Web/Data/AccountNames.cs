namespace Tenure.Web.Data;

/// <summary>Account names for lists that hold only account ids (alerts): the tenant's loaded accounts, by id.</summary>
public static class AccountNames
{
    /// <summary>The names of the given accounts (ids not in the tenant's data, or with a blank name, are left out).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ForAsync(TenantDataCache cache, string tenant, IEnumerable<string> accountIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var wanted = accountIds.ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
            return new Dictionary<string, string>(StringComparer.Ordinal);
        var snapshot = await cache.GetAsync(tenant, cancellationToken);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var account in snapshot.Data.Accounts)
        {
            if (wanted.Contains(account.AccountId) && !string.IsNullOrWhiteSpace(account.Name))
                names[account.AccountId] = account.Name;
        }
        return names;
    }
}
