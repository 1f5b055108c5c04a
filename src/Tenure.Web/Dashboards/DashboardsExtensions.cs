using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

using MudBlazor.Services;

using Tenure.Metrics.Benchmarks;
using Tenure.Web.Components;
using Tenure.Web.Dashboards;
using Tenure.Web.Hosting;

namespace Tenure.Web;

/// <summary>Registration of the dashboards: Razor components rendered on the server (static SSR), MudBlazor, the page-model services.</summary>
public static class DashboardsExtensions
{
    public static IHostApplicationBuilder AddTenureDashboards(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        UseBuildOutputStaticAssets(builder);
        builder.Services.AddRazorComponents();
        builder.Services.AddMudServices();
        builder.Services.AddSingleton(services =>
        {
            var cache = new DashboardCache(services.GetRequiredService<IOptions<CacheOptions>>());
            // A tenant dropped from memory (Tenure:Cache:MaxBytes) takes what was computed from its data with it.
            if (services.GetService<Data.TenantDataCache>() is { } data)
                data.Dropped += (_, tenant) => cache.Drop(tenant);
            return cache;
        });
        builder.Services.AddSingleton<MetricGrids>();
        builder.Services.TryAddSingleton<ComputeTurns>();
        builder.Services.TryAddSingleton<BackgroundWork>();
        builder.Services.TryAddSingleton(BenchmarkCatalogue.Default);
        builder.Services.TryAddSingleton(TimeProvider.System);
        // Sign-in replaces this with the signed-in user (TryAdd: a registration made before wins).
        builder.Services.TryAddScoped<ICurrentUser, EveryoneUser>();
        builder.Services.AddScoped<DashboardPages>();
        builder.Services.AddOptions<DashboardOptions>()
            .BindConfiguration(DashboardOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<DashboardWarmUp>();
        return builder;
    }

    /// <summary>Maps the pages (/, /dashboards/*, /accounts, /metrics), their static files (MudBlazor's under _content/MudBlazor) (the benchmark industry is set on /settings, Components/Account/SettingsPage).</summary>
    public static WebApplication MapTenureDashboards(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAntiforgery();
        // Without any manifest (a build that dropped the static web assets) the pages come unstyled
        // rather than the server refusing to start (the API does not need them).
        if (StaticAssetsManifest() is { } manifest)
            app.MapStaticAssets(manifest);
        else if (PublishedStaticAssets.Manifest() is { } published)
            app.MapStaticAssets(published);
        app.MapRazorComponents<App>();
        return app;
    }

    /// <summary>
    /// Run from a build output (not published), wwwroot and _content/MudBlazor live where the runtime manifest
    /// says (the project and the NuGet cache); ASP.NET Core reads it only in Development and only under the
    /// host's name, and `tenure serve` hosts this app under another name in any environment. So point the
    /// loader at Tenure.Web's manifest when there is one next to this assembly.
    /// </summary>
    private static void UseBuildOutputStaticAssets(IHostApplicationBuilder builder)
    {
        var manifest = Path.Combine(AppContext.BaseDirectory,
            typeof(DashboardsExtensions).Assembly.GetName().Name + ".staticwebassets.runtime.json");
        if (builder.Environment is not IWebHostEnvironment web || !File.Exists(manifest) || builder.Environment.IsDevelopment() && web.ApplicationName == typeof(DashboardsExtensions).Assembly.GetName().Name)
            return;
        builder.Configuration[WebHostDefaults.StaticWebAssetsKey] = manifest;
        StaticWebAssetsLoader.UseStaticWebAssets(web, builder.Configuration);
    }

    /// <summary>
    /// The static web assets manifest of this assembly (wwwroot and _content/MudBlazor): named after Tenure.Web, not
    /// after the host program, because `tenure serve` (Tenure.Cli) hosts this app.
    /// </summary>
    private static string? StaticAssetsManifest()
    {
        var path = Path.Combine(AppContext.BaseDirectory, typeof(DashboardsExtensions).Assembly.GetName().Name + ".staticwebassets.endpoints.json");
        return File.Exists(path) ? path : null;
    }
}
