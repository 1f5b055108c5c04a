using System.Diagnostics;
using System.Globalization;

namespace Tenure.Web.Hosting;

/// <summary>
/// A <c>Server-Timing: app;dur=12.3</c> header on every response: the milliseconds from the request reaching the
/// pipeline to its response starting (the headers going out), so a client or a load test tells the server's time
/// from the network's and its own (https://www.w3.org/TR/server-timing/). A page rendered on the server starts its
/// response once its model is computed, an API answer once its figures are. Durations only: no names of data.
/// </summary>
internal static class ServerTiming
{
    public const string HeaderName = "Server-Timing";

    public static IApplicationBuilder UseServerTiming(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            context.Response.OnStarting(static state =>
            {
                var (response, started) = ((HttpResponse, long))state;
                var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                response.Headers.Append(HeaderName, string.Create(CultureInfo.InvariantCulture, $"app;dur={milliseconds:0.0}"));
                return Task.CompletedTask;
            }, (context.Response, started));
            return next(context);
        });
}
