using Tenure.Web.Live;

namespace Tenure.Web;

/// <summary>Registration of live updates (docs/adr/0150-live-updates-over-sse.md), configured by Tenure:Live.</summary>
public static class LiveExtensions
{
    /// <summary>The change hub (<see cref="TenantChanges"/>), the stream caps and the watcher of other processes' writes.</summary>
    public static IHostApplicationBuilder AddTenureLive(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<LiveOptions>()
            .BindConfiguration(LiveOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<TenantChanges>();
        builder.Services.AddSingleton<LiveConnections>();
        builder.Services.AddSingleton<StoredVersionWatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StoredVersionWatcher>());
        return builder;
    }

    /// <summary>Maps GET /api/v1/events (API keys) and GET /live/events (the pages' cookie).</summary>
    public static WebApplication MapTenureLive(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapLiveEvents();
        return app;
    }
}
