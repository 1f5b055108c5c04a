using System.Globalization;

using Microsoft.AspNetCore.Mvc;

namespace Tenure.Web.Errors;

/// <summary>The one 429 answer of the API's limiters: status, Retry-After in whole seconds, and a ProblemDetails saying which limit and when to retry.</summary>
public static class TooManyRequests
{
    /// <summary>A wait as Retry-After says it: whole seconds, rounded up, at least 1.</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    internal static ValueTask WriteAsync(HttpContext http, int retryAfterSeconds, string detail)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = ProblemTypes.TooManyRequests,
                Title = "Too many requests",
                Detail = detail,
            },
        });
    }
}
