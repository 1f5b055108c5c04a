using Microsoft.AspNetCore.Http.HttpResults;

namespace Tenure.Web.Errors;

/// <summary>
/// Under /api, a path no endpoint has answers 404 ProblemDetails and a known path with another method
/// 405 ProblemDetails (with Allow), before authentication: never the dashboards' 302 to the sign-in page,
/// which the sign-in fallback policy would otherwise give a request no endpoint claims.
/// </summary>
internal static class UnknownApiPaths
{
    // The display name routing gives the endpoint it selects when the path matches but the method does not.
    private const string MethodNotSupportedEndpoint = "405 HTTP Method Not Supported";

    public static IApplicationBuilder UseUnknownApiPaths(this IApplicationBuilder app) =>
        app.Use(static async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }
            var endpoint = context.GetEndpoint();
            if (endpoint is null)
            {
                await Problem(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found",
                    $"There is no API endpoint at {context.Request.Path}; docs/api.md and /openapi/v1.json list them.").ExecuteAsync(context);
                return;
            }
            if (endpoint.DisplayName == MethodNotSupportedEndpoint && endpoint.RequestDelegate is { } reject)
            {
                await reject(context); // sets 405 and Allow
                await Problem(StatusCodes.Status405MethodNotAllowed, ProblemTypes.MethodNotAllowed, "Method not allowed",
                    $"{context.Request.Path} does not take {context.Request.Method}; it takes {context.Response.Headers.Allow}.").ExecuteAsync(context);
                return;
            }
            await next(context);
        });

    private static ProblemHttpResult Problem(int status, string type, string title, string detail) =>
        TypedResults.Problem(statusCode: status, type: type, title: title, detail: detail);
}
