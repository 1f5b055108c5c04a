using System.Security.Claims;

using Tenure.Storage.Users;

namespace Tenure.Web.Security;

/// <summary>The claims of a dashboard sign-in cookie (tenant, email, role, csm), and reading them back.</summary>
public static class SignInClaims
{
    public const string Tenant = "tenant";
    public const string Email = "email";
    public const string Role = "role";
    public const string Csm = "csm";

    /// <summary>The user's session stamp when the cookie was issued (<see cref="DashboardUser.SessionStamp"/>).</summary>
    public const string SessionStamp = "stamp";

    /// <summary>The principal of a signed-in dashboard user (name: the address; roles: admin, manager, csm or viewer).</summary>
    public static ClaimsPrincipal For(DashboardUser user, string scheme)
    {
        ArgumentNullException.ThrowIfNull(user);
        List<Claim> claims =
        [
            new(Tenant, user.Tenant),
            new(Email, user.Email),
            new(Role, DashboardUsers.RoleText(user.Role)),
            new(SessionStamp, user.SessionStamp),
        ];
        if (user.Csm is { } csm)
            claims.Add(new Claim(Csm, csm));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, nameType: Email, roleType: Role));
    }

    public static string? TenantOf(ClaimsPrincipal user) => user.FindFirstValue(Tenant);

    public static string? EmailOf(ClaimsPrincipal user) => user.FindFirstValue(Email);

    public static DashboardRole? RoleOf(ClaimsPrincipal user) => DashboardUsers.ParseRole(user.FindFirstValue(Role));

    public static string? SessionStampOf(ClaimsPrincipal user) => user.FindFirstValue(SessionStamp);

    public static string? CsmOf(ClaimsPrincipal user) => user.FindFirstValue(Csm);
}
