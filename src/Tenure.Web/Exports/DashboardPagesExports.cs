namespace Tenure.Web.Dashboards;

public sealed partial class DashboardPages
{
    /// <summary>
    /// The accounts list for a download: the same filters, sort and user scope as <see cref="AccountsAsync"/>, every row on
    /// one page (the page parameter is ignored). Not cached: a download is a one-off.
    /// </summary>
    public async Task<AccountsListModel> AccountsForExportAsync(Func<string, string?> query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var snapshot = await data.GetAsync(user.Tenant, cancellationToken);
        var accountScope = await ScopeAsync(cancellationToken);
        var accountsQuery = AccountsQuery.Parse(query, user.Csm);
        accountsQuery = accountsQuery with { Filter = accountScope.Narrow(accountsQuery.Filter), Page = 1 };
        var options = await workspaceOptions.GetAsync(user.Tenant, cancellationToken);
        var asOf = Today;
        var health = await workspaceHealth.AtAsync(snapshot, asOf, cancellationToken);
        var choices = await ChoicesAsync(cancellationToken);
        return AccountsList.Build(snapshot.Data, Summaries(snapshot, asOf), accountsQuery, asOf, choices, options, accountScope, health, pageSize: int.MaxValue);
    }
}
