using Microsoft.Extensions.DependencyInjection.Extensions;

using Scalar.AspNetCore;

using Tenure.Web.Alerts;
using Tenure.Web.Apis;
using Tenure.Web.Data;
using Tenure.Web.Errors;
using Tenure.Web.Exports;
using Tenure.Web.Goals;
using Tenure.Web.Health;
using Tenure.Web.Hosting;
using Tenure.Web.Mail;
using Tenure.Web.Security;
using Tenure.Web.Settings;
using Tenure.Web.Surveys;

namespace Tenure.Web;

/// <summary>The Tenure web server: the REST API under /api/v1, its OpenAPI document and reference page, /health.</summary>
public static class TenureWebApplication
{
    /// <summary>Where the server listens when no URL is configured (loopback only: API keys travel in headers).</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// Builds the server: configuration from appsettings, environment and <paramref name="args"/>;
    /// <paramref name="configure"/> runs last (the CLI sets Tenure:Database and URLs there). The
    /// database is migrated when the app starts, before it takes requests.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // A published program (the tool, a container) serves wwwroot/ from beside itself, whatever the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = PublishedStaticAssets.WebRoot() });
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            builder.WebHost.UseUrls(DefaultUrl);
        // A line per request costs more than the request at API volumes; Logging:LogLevel settings override this.
        if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] is null)
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        builder.AddTenureLogging();
        builder.AddTenureOptions();
        builder.AddTenureAllowedHosts();
        builder.AddTenureDatabase();
        builder.AddTenureDataProtection();
        builder.AddTenureTelemetry();
        builder.AddTenureProblemDetails();
        builder.AddApiKeyAuthentication();
        builder.AddCookieSignIn();
        builder.AddTenantSettings();
        builder.AddWriteRateLimiting();
        builder.AddSignInThrottling();
        builder.AddHeavyReadLimiting();
        builder.AddTenureOpenApi();
        builder.AddTenureHealthChecks();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddTenureDashboards();
        builder.AddTenureAlerts();
        builder.AddTenureMail();
        builder.AddTenureChurnRisk();
        builder.AddHealthHistory();
        builder.AddTenureLive();
        builder.AddTenureSurveys();
        builder.AddTenureGoals();
        builder.AddIdleMemoryRelease();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseIdleMemoryRelease();
        app.UseServerTiming();
        app.UseExceptionHandler();
        app.UseSecurityHeaders();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseUnknownApiPaths();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapOpenApi().AllowAnonymous();
        // The reference is served fully offline: its script is embedded in the package; no CDN fonts, telemetry, AI chat
        // or the developer toolbar (whose share and deploy buttons lead to scalar.com).
        app.MapScalarApiReference("/api/reference", options => options
            .WithTitle("Tenure API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .HideDeveloperTools()
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()).AllowAnonymous();
        app.MapTenureHealthEndpoints();
        app.MapTenureTelemetry();

        var api = app.MapGroup("/api/v1").RequireAuthorization(ApiPolicies.Read);
        api.MapIngestApi();
        api.MapMetricsApi();
        api.MapAccountsApi();
        api.MapHealthApi();
        api.MapAlertsApi();
        api.MapWebhooksApi();
        api.MapMailApi();
        api.MapGoalsApi();

        api.MapTasksApi();
        api.MapNotesApi();
        api.MapChurnRiskApi();
        api.MapFeedbackApi();
        app.MapTenureLive();
        api.MapSurveysApi();
        app.MapTenureSurveys();
        app.MapTenureDashboards();
        app.MapTenureExports();
        return app;
    }
}
