using Tenure.Storage;

namespace Tenure.Web.Security;

/// <summary>Authorization policies by key role: read &lt; write &lt; admin, each allowing the roles above it.</summary>
public static class ApiPolicies
{
    public const string Read = "api-read";
    public const string Write = "api-write";
    public const string Admin = "api-admin";

    internal static void Add(Microsoft.AspNetCore.Authorization.AuthorizationBuilder authorization)
    {
        Add(authorization, Read, ApiKeyRole.Read);
        Add(authorization, Write, ApiKeyRole.Write);
        Add(authorization, Admin, ApiKeyRole.Admin);
    }

    private static void Add(Microsoft.AspNetCore.Authorization.AuthorizationBuilder authorization, string name, ApiKeyRole least) =>
        authorization.AddPolicy(name, policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => ApiClaims.RoleOf(context.User) is { } role && role >= least));
}
