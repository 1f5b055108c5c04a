namespace Tenure.Web.Mail;

internal static class MailExtensions
{
    /// <summary>The mail outbox's sender (<see cref="MailDeliveryService"/>), configured by Tenure:Mail.</summary>
    public static IHostApplicationBuilder AddTenureMail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MailOptions>()
            .BindConfiguration(MailOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrWhiteSpace(o.From) && MimeKit.MailboxAddress.TryParse(o.From, out _), "Tenure:Mail:From must be an address or \"Name <address>\".")
            .ValidateOnStart();
        builder.Services.AddSingleton(MailDispatcher.Create);
        builder.Services.AddSingleton<MailDeliveryService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MailDeliveryService>());
        return builder;
    }
}
