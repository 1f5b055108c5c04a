using Microsoft.Extensions.DependencyInjection.Extensions;

using Tenure.Web.Hosting;

namespace Tenure.Web.Health;

internal static class HealthHistoryExtensions
{
    /// <summary>The daily health history: its recorder (a hosted service, also woken by ingests) and its reader.</summary>
    public static IHostApplicationBuilder AddHealthHistory(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HealthHistoryOptions>().BindConfiguration(HealthHistoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<BackgroundWork>();
        builder.Services.AddSingleton<HealthHistoryRecorder>();
        builder.Services.AddHostedService(services => services.GetRequiredService<HealthHistoryRecorder>());
        builder.Services.AddSingleton<HealthHistoryReader>();
        return builder;
    }
}
