namespace Tenure.Web.Dashboards;

/// <summary>
/// Who is looking at the dashboards: the tenant whose data they see, the CSM whose book the accounts
/// list opens on (null: every account), and whether they may change anything. Sign-in replaces the
/// default registration (<see cref="EveryoneUser"/>) with one read from the cookie's claims.
/// </summary>
public interface ICurrentUser
{
    string Tenant { get; }

    /// <summary>The CSM name as it appears in accounts.csv; the accounts list filters to it by default.</summary>
    string? Csm { get; }

    bool CanChange { get; }

    /// <summary>Whether the user may write notes and create, assign and complete tasks (CSMs and above; viewers read only).</summary>
    bool CanWork => CanChange;

    string DisplayName { get; }
}

/// <summary>Until sign-in exists: the default tenant, every account, allowed to change.</summary>
public sealed class EveryoneUser : ICurrentUser
{
    public string Tenant => Storage.Tenants.Default;

    public string? Csm => null;

    public bool CanChange => true;

    public string DisplayName => "Everyone";
}
