using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection.Extensions;

using Tenure.Storage;
using Tenure.Storage.Users;
using Tenure.Web.Dashboards;

namespace Tenure.Web.Security;

/// <summary>
/// Sign-in for the dashboards: a cookie scheme beside the API-key scheme. /api/* keeps Bearer keys
/// only; every other endpoint without its own authorization metadata needs a signed-in user (the
/// fallback policy), so a page added later is protected without saying so. Only the sign-in page
/// (<c>[AllowAnonymous]</c>), the static files, /health and the OpenAPI documents are public.
/// An anonymous page request is redirected to /signin?returnUrl=..., never answered with the API's 401.
/// </summary>
public static class CookieSignIn
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>The default scheme: API keys under /api, the cookie everywhere else.</summary>
    public const string ByPathScheme = "TenureByPath";

    public const string CookieName = "tenure-session";

    public const string SignInPath = "/signin";

    public const string SignOutPath = "/signout";

    /// <summary>How long a session lasts without a request (sliding: each request past half-time renews it).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(8);

    /// <summary>Adds the cookie scheme, makes it the default outside /api, requires sign-in for every page, and registers the signed-in <see cref="ICurrentUser"/>.</summary>
    public static IHostApplicationBuilder AddCookieSignIn(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddAuthentication()
            .AddCookie(Scheme, options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                // Secure on HTTPS; plain http://127.0.0.1 (the default URL) still works. Behind TLS, see docs/operations.md.
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Cookie.IsEssential = true;
                options.ExpireTimeSpan = IdleTimeout;
                options.SlidingExpiration = true;
                options.LoginPath = SignInPath;
                options.LogoutPath = SignOutPath;
                options.ReturnUrlParameter = "returnUrl";
                options.Events.OnValidatePrincipal = ValidateAsync;
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            .AddPolicyScheme(ByPathScheme, "API keys under /api, the sign-in cookie elsewhere", options =>
                options.ForwardDefaultSelector = context => IsApi(context.Request.Path) ? ApiKeyAuthenticationHandler.SchemeName : Scheme);
        builder.Services.Configure<AuthenticationOptions>(options =>
        {
            options.DefaultScheme = ByPathScheme;
            options.DefaultAuthenticateScheme = ByPathScheme;
            options.DefaultChallengeScheme = ByPathScheme;
            options.DefaultForbidScheme = ByPathScheme;
        });
        builder.Services.AddSingleton<IAuthorizationHandler, PublicAssetHandler>();
        builder.Services.Configure<AuthorizationOptions>(options =>
            options.FallbackPolicy = new AuthorizationPolicyBuilder(Scheme)
                .AddRequirements(new SignedInOrPublicAsset())
                .Build());
        builder.Services.RemoveAll<ICurrentUser>();
        builder.Services.AddScoped<ICurrentUser, SignedInUser>();
        return builder;
    }

    /// <summary>
    /// Whether a local return URL is safe to redirect to: a path on this site ("/x"), not "//host" or "/\host", as
    /// Url.IsLocalUrl, and only printable ASCII: no control characters, no whitespace of any script (a browser may
    /// drop "/\u3000/evil.test" to "//evil.test") and nothing a Location header cannot carry. The return URLs the
    /// sign-in redirect writes are percent-encoded paths, so they always pass.
    /// </summary>
    public static bool IsLocalUrl(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || url[1] is not '/' and not '\\')
        && !url.Contains("://", StringComparison.Ordinal) && url.All(c => c is > ' ' and < '\u007f');

    private static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Every request re-reads the user: a removed or disabled user, a changed role or CSM, or a new
    /// session stamp (the user signed out, or got a new password) ends the session: a signed-out cookie
    /// replayed is treated as no cookie.
    /// </summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var tenant = principal is null ? null : SignInClaims.TenantOf(principal);
        var email = principal is null ? null : SignInClaims.EmailOf(principal);
        if (tenant is null || email is null)
        {
            context.RejectPrincipal();
            return;
        }
        var database = context.HttpContext.RequestServices.GetRequiredService<TenureDatabase>();
        var user = await DashboardUsers.FindAsync(database, tenant, email, context.HttpContext.RequestAborted);
        if (user is null || user.IsDisabled || user.Role != SignInClaims.RoleOf(principal!) || user.Csm != SignInClaims.CsmOf(principal!)
            || user.SessionStamp != SignInClaims.SessionStampOf(principal!))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }

    /// <summary>Signed in with the cookie, or a request for a static file (CSS, fonts: the sign-in page needs them).</summary>
    private sealed class SignedInOrPublicAsset : IAuthorizationRequirement;

    private sealed class PublicAssetHandler : AuthorizationHandler<SignedInOrPublicAsset>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SignedInOrPublicAsset requirement)
        {
            var endpoint = (context.Resource as HttpContext)?.GetEndpoint() ?? context.Resource as Endpoint;
            if (context.User.Identity?.IsAuthenticated == true && SignInClaims.TenantOf(context.User) is not null
                || endpoint?.Metadata.GetMetadata<StaticAssetDescriptor>() is not null)
                context.Succeed(requirement);
            return Task.CompletedTask;
        }
    }
}
