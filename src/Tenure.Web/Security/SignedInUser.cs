using Tenure.Storage.Users;
using Tenure.Web.Dashboards;

namespace Tenure.Web.Security;

/// <summary>The dashboards' <see cref="ICurrentUser"/> read from the sign-in cookie's claims: the tenant, the CSM whose book the accounts list opens on, and whether the role may change settings.</summary>
public sealed class SignedInUser(IHttpContextAccessor http) : ICurrentUser
{
    private System.Security.Claims.ClaimsPrincipal Principal =>
        http.HttpContext?.User is { Identity.IsAuthenticated: true } user && SignInClaims.TenantOf(user) is not null
            ? user
            : throw new InvalidOperationException("No signed-in user: every page but /signin requires sign-in (the fallback authorization policy).");

    public string Tenant => SignInClaims.TenantOf(Principal)!;

    /// <summary>The CSM name of a user with role csm; null (every account) for the other roles.</summary>
    public string? Csm => Role == DashboardRole.Csm ? SignInClaims.CsmOf(Principal) : null;

    public bool CanChange => Role >= DashboardRole.Manager;

    public bool CanWork => Role >= DashboardRole.Csm;

    public string DisplayName => SignInClaims.EmailOf(Principal) ?? "";

    public DashboardRole Role => SignInClaims.RoleOf(Principal) ?? DashboardRole.Viewer;

    /// <summary>Whether someone is signed in (false on the sign-in page).</summary>
    public bool IsSignedIn => http.HttpContext?.User is { Identity.IsAuthenticated: true } user && SignInClaims.TenantOf(user) is not null;
}
