using System.Diagnostics;
using System.Globalization;

namespace Tenure.Web.Hosting;

/// <summary>
/// A <c>Server-Timing: app;dur=12.3</c> header on every response: the milliseconds from the request reaching the
/// pipeline to its response starting (the headers going out), so a client or a load test tells the server's time
/// from the network's and its own (https://www.w3.org/TR/server-timing/). A page rendered on the server starts its
/// response once its model is computed, an API answer once its figures are. A request that waited for a turn at
/// computing (<see cref="ComputeTurns"/>) also carries <c>queue;dur=4.5</c>, the part of that time it waited: the rest is
/// its own work. Durations only: no names of data.
/// </summary>
internal static class ServerTiming
{
    public const string HeaderName = "Server-Timing";

    private static readonly AsyncLocal<RequestTimes?> Current = new();

    /// <summary>Adds <paramref name="waited"/> to the queued time of the request this code runs for (none outside a request).</summary>
    public static void AddQueued(TimeSpan waited)
    {
        if (Current.Value is { } times)
            Interlocked.Add(ref times.QueuedTicks, waited.Ticks);
    }

    public static IApplicationBuilder UseServerTiming(this IApplicationBuilder app) =>
        app.Use(static async (context, next) =>
        {
            var times = new RequestTimes(Stopwatch.GetTimestamp());
            context.Response.OnStarting(static state =>
            {
                var (response, times) = ((HttpResponse, RequestTimes))state;
                response.Headers.Append(HeaderName, times.Header());
                return Task.CompletedTask;
            }, (context.Response, times));
            // Set here, it flows into everything the request awaits (and goes with this method's end).
            Current.Value = times;
            await next(context);
        });

    /// <summary>One request's start and the time it waited for turns at computing.</summary>
    private sealed class RequestTimes(long started)
    {
        public long QueuedTicks;

        public string Header()
        {
            var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var queued = Volatile.Read(ref QueuedTicks);
            return queued == 0
                ? string.Create(CultureInfo.InvariantCulture, $"app;dur={milliseconds:0.0}")
                : string.Create(CultureInfo.InvariantCulture, $"app;dur={milliseconds:0.0}, queue;dur={TimeSpan.FromTicks(queued).TotalMilliseconds:0.0}");
        }
    }
}
