using Microsoft.Extensions.Options;

using Tenure.Web.Hosting;

namespace Tenure.Web.Alerts;

/// <summary>
/// `tenure serve`'s webhook sender (<see cref="OutboxSender"/>): deliveries written while the server was down, by
/// `tenure import` or before a crash go out at start; then every <see cref="AlertOptions.DeliveryPollSeconds"/>, or at
/// once when woken (new alerts).
/// </summary>
public sealed class WebhookDeliveryService(WebhookDispatcher dispatcher, IOptions<AlertOptions> options, TimeProvider clock, ILogger<WebhookDeliveryService> logger)
    : OutboxSender(clock, logger)
{
    protected override bool Enabled => options.Value.SendWebhooks;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.DeliveryPollSeconds);

    protected override string What => "webhook deliveries";

    protected override Task SendDueAsync(CancellationToken cancellationToken) => dispatcher.SendDueAsync(cancellationToken);
}
