using Microsoft.AspNetCore.Authentication;

namespace Tenure.Web.Security;

internal static class AuthenticationExtensions
{
    /// <summary>API keys as the only authentication scheme, and the read / write / admin policies.</summary>
    public static IHostApplicationBuilder AddApiKeyAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        ApiPolicies.Add(builder.Services.AddAuthorizationBuilder());
        return builder;
    }
}
