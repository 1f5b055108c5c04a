using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

using Microsoft.Extensions.Options;

using Tenure.Storage;
using Tenure.Storage.Webhooks;

namespace Tenure.Web.Alerts;

/// <summary>
/// Sends the outbox's due webhook deliveries (docs/webhooks.md): an HTTP POST of the stored JSON body with
/// X-Tenure-Delivery and X-Tenure-Signature, and records each attempt. A 2xx answer delivers; anything else
/// (a 3xx included: redirects are never followed), a timeout or a connection error is retried on
/// <see cref="WebhookRetry"/>'s schedule. Sends one delivery at a time, oldest first.
/// </summary>
public sealed partial class WebhookDispatcher(TenureDatabase database, HttpClient http, TimeProvider clock, ILogger<WebhookDispatcher> logger)
{
    private static readonly ProductInfoHeaderValue UserAgent = new("Tenure-Webhooks", "1");

    /// <summary>The HTTP client deliveries use: no redirects followed, no cookies, the given timeout per attempt.</summary>
    public static HttpClient CreateClient(TimeSpan timeout) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, ConnectTimeout = timeout }) { Timeout = timeout };

    /// <summary>Creates the dispatcher from the server's options.</summary>
    public static WebhookDispatcher Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<AlertOptions>>().Value;
        return new WebhookDispatcher(services.GetRequiredService<TenureDatabase>(), CreateClient(TimeSpan.FromSeconds(options.DeliveryTimeoutSeconds)),
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<WebhookDispatcher>>());
    }

    /// <summary>Sends every delivery due now (in batches of 100, until none is due); returns how many attempts were made.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var attempts = 0;
        while (true)
        {
            var due = await Webhooks.DueAsync(database, clock.GetUtcNow().UtcDateTime, 100, cancellationToken);
            if (due.Count == 0) return attempts;
            foreach (var delivery in due)
            {
                await SendAsync(delivery, cancellationToken);
                attempts++;
            }
            if (due.Count < 100) return attempts;
        }
    }

    private async Task SendAsync(DueDelivery delivery, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        int? status = null;
        string? error = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.UserAgent.Add(UserAgent);
            request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Id);
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Of(delivery.Secret, body));
            request.Headers.Add("X-Tenure-Event", delivery.Event);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            status = (int)response.StatusCode;
            if (status is >= 300 and <= 399)
                error = $"HTTP {status}: redirect to {response.Headers.Location?.ToString() ?? "(no Location)"} not followed";
            else if (status is < 200 or > 299)
                error = $"HTTP {status}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"no answer within {http.Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            error = e.Message;
        }
        var recorded = await Webhooks.RecordAttemptAsync(database, delivery, clock.GetUtcNow().UtcDateTime, status, error, CancellationToken.None);
        if (recorded is null) return;
        if (recorded.Status == DeliveryStatus.Delivered)
            LogDelivered(delivery.Id, delivery.Event, delivery.Tenant, delivery.WebhookId, recorded.Attempts);
        else if (recorded.Status == DeliveryStatus.Failed)
            LogGaveUp(delivery.Id, delivery.Event, delivery.Tenant, delivery.WebhookId, recorded.Attempts, error);
        else
            LogRetrying(delivery.Id, delivery.Event, delivery.Tenant, delivery.WebhookId, recorded.Attempts, error, recorded.NextAttemptAt);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered webhook {Delivery} ({Event}) of tenant {Tenant} to webhook {Webhook} at attempt {Attempts}")]
    private partial void LogDelivered(string delivery, string @event, string tenant, long webhook, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Delivery} ({Event}) of tenant {Tenant} to webhook {Webhook} failed attempt {Attempts}: {Error}; retrying at {Next}")]
    private partial void LogRetrying(string delivery, string @event, string tenant, long webhook, int attempts, string? error, DateTime? next);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {Delivery} ({Event}) of tenant {Tenant} to webhook {Webhook} failed after {Attempts} attempts over 24 h: {Error}; given up")]
    private partial void LogGaveUp(string delivery, string @event, string tenant, long webhook, int attempts, string? error);
}
