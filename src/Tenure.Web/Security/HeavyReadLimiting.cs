using System.Threading.RateLimiting;

using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

using Tenure.Web.Errors;
using Tenure.Web.Hosting;

namespace Tenure.Web.Security;

/// <summary>
/// Heavy reads (the metric engine, the account lists) are capped server-wide by a concurrency limiter of
/// Tenure:Api:ConcurrentHeavyReads permits (default twice the processor count) with a queue of
/// Tenure:Api:HeavyReadQueue (oldest first); a request beyond both gets 429 ProblemDetails with Retry-After: 1.
/// One partition for the whole server: the cap protects the machine's memory and cores, whoever asks.
/// </summary>
internal static class HeavyReadLimiting
{
    public const string Policy = "api-heavy-reads";

    /// <summary>Seconds a refused heavy read is told to wait: a computation usually ends within one.</summary>
    public const int RetryAfterSeconds = 1;

    public static IHostApplicationBuilder AddHeavyReadLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(limiter => limiter.AddPolicy<string, HeavyReadPolicy>(Policy));
        return builder;
    }

    /// <summary>The limiter's options from Tenure:Api (0 permits: twice the processor count).</summary>
    public static ConcurrencyLimiterOptions LimiterOptions(ApiOptions options) => new()
    {
        PermitLimit = options.ConcurrentHeavyReads > 0 ? options.ConcurrentHeavyReads : 2 * Environment.ProcessorCount,
        QueueLimit = options.HeavyReadQueue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    };

    /// <summary>The policy: one concurrency partition for the server, and its own 429 answer.</summary>
    internal sealed class HeavyReadPolicy(IOptions<ApiOptions> options) : IRateLimiterPolicy<string>
    {
        private readonly ConcurrencyLimiterOptions limits = LimiterOptions(options.Value);

        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = (rejected, _) =>
            TooManyRequests.WriteAsync(rejected.HttpContext, RetryAfterSeconds,
                $"The server is computing as many heavy reads as it allows (Tenure:Api:ConcurrentHeavyReads) and its queue (Tenure:Api:HeavyReadQueue) is full; retry after {RetryAfterSeconds} s.");

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
            RateLimitPartition.GetConcurrencyLimiter("server", _ => limits);
    }
}
