using System.Globalization;
using System.Threading.RateLimiting;

using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

using Tenure.Web.Errors;

namespace Tenure.Web.Surveys;

/// <summary>
/// The public survey endpoints' rate limits (docs/surveys.md "Limits"), through ASP.NET Core's rate limiter: per client
/// address a fixed window of <see cref="SurveyOptions.RequestsPerMinutePerAddress"/> (the endpoint policy
/// <see cref="Policy"/>), and per token a fixed window of <see cref="SurveyOptions.RequestsPerMinutePerToken"/>
/// (<see cref="TryAcquireToken"/>, once the handler has the token). Over either: 429 with Retry-After.
/// </summary>
public sealed class SurveyLimits : IDisposable
{
    public const string Policy = "survey-public";

    private readonly PartitionedRateLimiter<string> perToken;

    public SurveyLimits(IOptions<SurveyOptions> options)
    {
        var perMinute = options.Value.RequestsPerMinutePerToken;
        perToken = PartitionedRateLimiter.Create<string, string>(token => RateLimitPartition.GetFixedWindowLimiter(token, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Takes one request of <paramref name="token"/>'s allowance; false when it is used up for this minute.</summary>
    public bool TryAcquireToken(string token)
    {
        // Partitioned by a hash of the token: the limiter keeps no bearer token in memory.
        var key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
        using var lease = perToken.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    public void Dispose() => perToken.Dispose();

    /// <summary>Registers the options, the per-token limiter and the per-address policy.</summary>
    public static IHostApplicationBuilder AddSurveyLimits(IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SurveyOptions>().BindConfiguration(SurveyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SurveyLimits>();
        builder.Services.AddRateLimiter(limiter => limiter.AddPolicy<string, AddressPolicy>(Policy));
        return builder;
    }

    /// <summary>Per client address (the connection's; X-Forwarded-For only with forwarded headers switched on).</summary>
    internal sealed class AddressPolicy(IOptions<SurveyOptions> options) : IRateLimiterPolicy<string>
    {
        private readonly int perMinute = options.Value.RequestsPerMinutePerAddress;

        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (rejected, cancellationToken) =>
        {
            var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
            var seconds = TooManyRequests.Seconds(wait);
            var response = rejected.HttpContext.Response;
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync($"Too many survey requests from your address; try again in {seconds} s.", cancellationToken);
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
            RateLimitPartition.GetFixedWindowLimiter(httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
    }
}
