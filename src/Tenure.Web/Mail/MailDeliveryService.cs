using Microsoft.Extensions.Options;

using Tenure.Web.Hosting;

namespace Tenure.Web.Mail;

/// <summary>
/// `tenure serve`'s mail sender (<see cref="OutboxSender"/>): mail enqueued while the server was down, by the CLI or
/// before a crash goes out at start; then every <see cref="MailOptions.PollSeconds"/>, or at once when woken.
/// </summary>
public sealed class MailDeliveryService(MailDispatcher dispatcher, IOptions<MailOptions> options, TimeProvider clock, ILogger<MailDeliveryService> logger)
    : OutboxSender(clock, logger)
{
    protected override bool Enabled => options.Value.Send;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.PollSeconds);

    protected override string What => "mail";

    protected override Task SendDueAsync(CancellationToken cancellationToken) => dispatcher.SendDueAsync(cancellationToken);
}
