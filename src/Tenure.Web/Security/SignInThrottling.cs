using System.Globalization;
using System.Threading.RateLimiting;

using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

using Tenure.Web.Errors;
using Tenure.Web.Hosting;

namespace Tenure.Web.Security;

/// <summary>
/// Throttling of the sign-in form (docs/security.md, "Sign-in"), three layers:
/// <list type="bullet">
/// <item>per client IP address: a fixed window of Tenure:SignIn:AttemptsPerMinutePerAddress posts to
/// /signin a minute; over it, 429 with Retry-After (seconds), before any password is checked. The
/// address is the connection's: X-Forwarded-For counts only when forwarded headers are switched on
/// (ASPNETCORE_FORWARDEDHEADERS_ENABLED, behind a proxy you run);</item>
/// <item>per account: <see cref="SignInLockout"/>;</item>
/// <item>per server: at most ConcurrentPasswordChecks PBKDF2 checks at once (a short queue waits;
/// past it, 429), so parallel guessing cannot take every core from the dashboards and the API.</item>
/// </list>
/// </summary>
public static class SignInThrottling
{
    public static IHostApplicationBuilder AddSignInThrottling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SignInLockout>();
        builder.Services.AddSingleton<PasswordCheckLimiter>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().PostConfigure<IOptions<SignInOptions>>((limiter, signIn) =>
        {
            var perMinute = signIn.Value.AttemptsPerMinutePerAddress;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsSignInPost(context)
                    ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = perMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
            var others = limiter.OnRejected;
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                if (!IsSignInPost(rejected.HttpContext))
                {
                    if (others is not null)
                        await others(rejected, cancellationToken);
                    return;
                }
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                await RefuseAsync(rejected.HttpContext, wait, "Too many sign-in attempts from your address", cancellationToken);
            };
        });
        return builder;
    }

    /// <summary>Whether the request is a post of the sign-in form.</summary>
    public static bool IsSignInPost(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(CookieSignIn.SignInPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>A plain-text 429 with Retry-After: the sign-in form is for people, so no ProblemDetails.</summary>
    private static async Task RefuseAsync(HttpContext context, TimeSpan wait, string what, CancellationToken cancellationToken)
    {
        var seconds = TooManyRequests.Seconds(wait);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync($"{what}; try again in {seconds} s.", cancellationToken);
    }
}

/// <summary>Bounds the password checks (PBKDF2) running at once: Tenure:SignIn:ConcurrentPasswordChecks, with a queue of 4 per permit.</summary>
public sealed class PasswordCheckLimiter(IOptions<SignInOptions> options) : IDisposable
{
    private readonly ConcurrencyLimiter limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.ConcurrentPasswordChecks,
        QueueLimit = 4 * options.Value.ConcurrentPasswordChecks,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>A turn to check a password, or an unacquired lease when too many wait already (answer 429).</summary>
    public ValueTask<RateLimitLease> EnterAsync(CancellationToken cancellationToken) => limiter.AcquireAsync(1, cancellationToken);

    public void Dispose() => limiter.Dispose();
}
