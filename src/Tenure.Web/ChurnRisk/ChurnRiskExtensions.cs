using Microsoft.Extensions.DependencyInjection.Extensions;

using Tenure.Web.ChurnRisk;
using Tenure.Web.Hosting;

namespace Tenure.Web;

/// <summary>Registration of the per-tenant churn risk (<see cref="ChurnRiskService"/> and its background <see cref="ChurnRiskRefresher"/>).</summary>
public static class ChurnRiskExtensions
{
    public static IHostApplicationBuilder AddTenureChurnRisk(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<BackgroundWork>();
        builder.Services.AddSingleton<ChurnRiskService>();
        builder.Services.AddSingleton<ITenantChurnRisk>(services => services.GetRequiredService<ChurnRiskService>());
        builder.Services.AddOptions<ChurnRiskOptions>()
            .BindConfiguration(ChurnRiskOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<ChurnRiskRefresher>();
        return builder;
    }
}
