using System.Security.Claims;

using Tenure.Storage;

namespace Tenure.Web.Security;

/// <summary>The claims an API key gives its caller, and reading them back in endpoints.</summary>
public static class ApiClaims
{
    public const string Tenant = "tenant";
    public const string Role = "role";
    public const string KeyId = "key_id";
    public const string KeyPrefix = "key_prefix";

    /// <summary>The caller's tenant; every /api/v1 endpoint requires an authenticated key, so it is always there.</summary>
    public static string TenantOf(ClaimsPrincipal user) =>
        user.FindFirstValue(Tenant) ?? throw new InvalidOperationException("The request has no tenant claim; is the endpoint missing RequireAuthorization?");

    public static ApiKeyRole? RoleOf(ClaimsPrincipal user) =>
        Enum.TryParse<ApiKeyRole>(user.FindFirstValue(Role), ignoreCase: true, out var role) ? role : null;

    internal static ClaimsPrincipal For(ApiKeyIdentity key, string scheme)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(Tenant, key.Tenant),
                new Claim(Role, key.Role.ToString().ToLowerInvariant()),
                new Claim(KeyId, key.KeyId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(KeyPrefix, key.Prefix),
            ],
            scheme,
            nameType: KeyPrefix,
            roleType: Role);
        return new ClaimsPrincipal(identity);
    }
}
