using System.Threading.RateLimiting;

using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

using Tenure.Web.Errors;
using Tenure.Web.Hosting;

namespace Tenure.Web.Security;

/// <summary>
/// Writes are limited per API key by a token bucket of Tenure:Api:WriteRequestsPerSecond tokens,
/// refilled every second; a request over it gets 429 ProblemDetails with Retry-After (seconds).
/// </summary>
internal static class WriteRateLimiting
{
    public const string Policy = "api-writes";

    public static IHostApplicationBuilder AddWriteRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Policy, context =>
            {
                var perSecond = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.WriteRequestsPerSecond;
                var key = context.User.FindFirst(ApiClaims.KeyId)?.Value ?? "anonymous";
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perSecond,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? TooManyRequests.Seconds(wait) : 1;
                return TooManyRequests.WriteAsync(rejected.HttpContext, retryAfter,
                    $"This API key has used its write requests for now (Tenure:Api:WriteRequestsPerSecond); retry after {retryAfter} s.");
            };
        });
        return builder;
    }
}
