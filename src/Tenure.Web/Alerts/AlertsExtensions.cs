namespace Tenure.Web.Alerts;

internal static class AlertsExtensions
{
    /// <summary>Alert evaluation (<see cref="AlertMonitor"/>) and webhook delivery (<see cref="WebhookDeliveryService"/>), configured by Tenure:Alerts.</summary>
    public static IHostApplicationBuilder AddTenureAlerts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AlertOptions>()
            .BindConfiguration(AlertOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(WebhookDispatcher.Create);
        builder.Services.AddSingleton<WebhookDeliveryService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WebhookDeliveryService>());
        builder.Services.AddSingleton<AlertMonitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AlertMonitor>());
        return builder;
    }
}
