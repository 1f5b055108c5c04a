using System.Globalization;
using System.Text;
using System.Threading.Channels;

using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

using Tenure.Storage;
using Tenure.Web.Errors;
using Tenure.Web.Security;

namespace Tenure.Web.Live;

/// <summary>
/// The live streams (Server-Sent Events, docs/api.md "Live updates"): <c>GET /api/v1/events</c> with an API key (read
/// role or above) and <c>GET /live/events</c> with the dashboards' sign-in cookie (the pages' script). Both stream the
/// caller's own tenant's <see cref="TenantChange"/> events, from the tenant in the credentials, never from the request:
/// <code>
/// retry: 5000
/// : connected
///
/// id: 7
/// event: change
/// data: {"tenant":"acme","data_version":42,"changes":["usage"],"occurred_at":"2026-11-14T00:00:00+00:00"}
///
/// : heartbeat
/// </code>
/// A stream ends when the client goes away, the server stops, or after <see cref="LiveOptions.MaxStreamMinutes"/>
/// (the client reconnects, signing in again). Past a cap (<see cref="LiveConnections"/>) the answer is 429.
/// </summary>
public static class LiveEventsApi
{
    /// <summary>The API's stream (API keys).</summary>
    public const string ApiPath = "/api/v1/events";

    /// <summary>The pages' stream (the sign-in cookie); the layout names it in <c>main[data-live]</c>.</summary>
    public const string PagePath = "/live/events";

    /// <summary>How long an EventSource waits before reconnecting after the stream ended (the SSE retry field).</summary>
    public const int ReconnectMilliseconds = 5000;

    /// <summary>Seconds a refused stream is told to wait: streams close when tabs close, so a place frees up soon enough.</summary>
    public const int RetryAfterSeconds = 30;

    public static IEndpointRouteBuilder MapLiveEvents(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // As a Delegate, not a RequestDelegate, so the OpenAPI metadata (Produces) applies.
        app.MapGet(ApiPath, (Func<HttpContext, Task>)StreamForKeyAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetEvents")
            .WithSummary("Live change events of the key's tenant (Server-Sent Events)")
            .WithDescription("A text/event-stream of `change` events, one per change of the tenant's data (imports, ingest batches, survey answers, tasks), at most about one per second; heartbeat comments keep it open. 429 past the connection caps.")
            .WithTags("Live")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        // Authorized in the handler: a missing or ended session is a 401, not the pages' redirect to /signin, which an
        // EventSource would follow to an HTML page and retry forever.
        app.MapGet(PagePath, StreamForSignedInUserAsync)
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static Task StreamForKeyAsync(HttpContext http) =>
        StreamAsync(http, ApiClaims.TenantOf(http.User), "key:" + http.User.FindFirst(ApiClaims.KeyId)?.Value);

    private static Task StreamForSignedInUserAsync(HttpContext http)
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true || SignInClaims.TenantOf(user) is not { } tenant || SignInClaims.EmailOf(user) is not { } email)
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, type: ProblemTypes.Unauthorized, title: "Not signed in",
                detail: "The pages' live stream needs the sign-in cookie; sign in at /signin (API clients use GET /api/v1/events with a key).").ExecuteAsync(http);
        return StreamAsync(http, tenant, $"user:{tenant}:{email}");
    }

    private static async Task StreamAsync(HttpContext http, string tenant, string user)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<LiveOptions>>().Value;
        if (!options.Enabled)
        {
            await TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound, title: "Live updates are off",
                detail: "This server does not offer live updates (Tenure:Live:Enabled is false).").ExecuteAsync(http);
            return;
        }
        using var lease = services.GetRequiredService<LiveConnections>().TryOpen(tenant, user, out var refusal);
        if (lease is null)
        {
            await TooManyRequests.WriteAsync(http, RetryAfterSeconds, refusal + $" Retry after {RetryAfterSeconds} s.");
            return;
        }
        var stored = await StoredData.DataVersionAsync(services.GetRequiredService<TenureDatabase>(), tenant, http.RequestAborted);
        using var subscription = services.GetRequiredService<TenantChanges>().Subscribe(tenant);
        services.GetRequiredService<StoredVersionWatcher>().Opened(tenant, stored);

        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx: pass each event on at once
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var open = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        open.CancelAfter(TimeSpan.FromMinutes(options.MaxStreamMinutes));
        var heartbeat = TimeSpan.FromSeconds(options.HeartbeatSeconds);
        try
        {
            await WriteAsync(response, $"retry: {ReconnectMilliseconds.ToString(CultureInfo.InvariantCulture)}\n: connected\n\n", open.Token);
            while (true)
            {
                var (ended, change) = await NextAsync(subscription.Events, heartbeat, open.Token);
                if (ended)
                    return;
                await WriteAsync(response, change is null
                    ? ": heartbeat\n\n"
                    : $"id: {change.Sequence.ToString(CultureInfo.InvariantCulture)}\nevent: {TenantChange.EventName}\ndata: {change.ToJson()}\n\n", open.Token);
            }
        }
        catch (OperationCanceledException) when (open.IsCancellationRequested)
        {
            // The client went away, the server is stopping, or the stream lived its time: the client reconnects.
        }
        catch (IOException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The connection dropped mid-write.
        }

    }

    /// <summary>The next event, or none when a heartbeat is due first; ended when the subscription was closed.</summary>
    private static async ValueTask<(bool Ended, TenantChange? Change)> NextAsync(ChannelReader<TenantChange> events, TimeSpan heartbeat, CancellationToken cancellationToken)
    {
        if (events.TryRead(out var ready))
            return (false, ready);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(heartbeat);
        try
        {
            if (!await events.WaitToReadAsync(wait.Token))
                return (true, null);
            return (false, events.TryRead(out var change) ? change : null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, null); // a heartbeat is due
        }
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
