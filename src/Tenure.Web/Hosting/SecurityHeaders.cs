using Microsoft.Net.Http.Headers;

namespace Tenure.Web.Hosting;

/// <summary>
/// The one place for security headers, on every response (docs/security.md, "Headers and hosts"):
/// <list type="bullet">
/// <item>X-Content-Type-Options: nosniff, so stored text (a survey comment holding "&lt;script&gt;")
/// served as JSON or CSV is never sniffed and run as HTML;</item>
/// <item>a Content-Security-Policy with no inline script: the dashboards run one script file from this site
/// (wwwroot/live.js, live updates over connect-src 'self'), and only style attributes are inline (chart bar heights, heat-map shades), hence style-src 'unsafe-inline';</item>
/// <item>frame-ancestors 'none' and X-Frame-Options: DENY (no page can be framed: no click-jacking);</item>
/// <item>Referrer-Policy: same-origin (a dashboard URL, with its filters, never leaves for another site).</item>
/// </list>
/// The API reference page (/api/reference) is Scalar's: it starts with an inline script holding its
/// configuration, so it alone gets <see cref="ApiReferencePolicy"/>; it shows no tenant data.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>The policy of every response but the API reference.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API reference page's policy: Scalar's inline start-up script and styles, everything else from this site.</summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string ApiReferencePath = "/api/reference";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers[HeaderNames.ContentSecurityPolicy] = context.Request.Path.StartsWithSegments(ApiReferencePath, StringComparison.OrdinalIgnoreCase)
                ? ApiReferencePolicy
                : ContentSecurityPolicy;
            headers["Referrer-Policy"] = "same-origin";
            return next(context);
        });
}
