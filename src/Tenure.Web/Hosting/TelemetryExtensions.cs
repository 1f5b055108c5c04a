using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

using Tenure.Storage;

namespace Tenure.Web.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics (ASP.NET Core, HttpClient, EF Core, the .NET runtime, Tenure's own
/// <see cref="TenureTelemetry"/>), registered only when an exporter is configured (off by default, so an unconfigured
/// server pays nothing): the Prometheus scrape endpoint /prometheus (Tenure:Telemetry:Prometheus=true; /metrics is the
/// dashboards' metric list) and/or OTLP
/// (Tenure:Telemetry:OtlpEndpoint, or the standard OTEL_EXPORTER_OTLP_ENDPOINT). See docs/operations.md, "Telemetry".
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Where the Prometheus scrape endpoint is mapped when enabled and no Tenure:Telemetry:PrometheusPath is set.</summary>
    public const string DefaultPrometheusPath = "/prometheus";

    public static IHostApplicationBuilder AddTenureTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = TelemetryOptions.From(builder.Configuration);
        builder.Services.AddSingleton(options);
        if (!options.Enabled)
            return builder;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName, serviceVersion: typeof(TelemetryExtensions).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(TenureTelemetry.Name);
                if (options.Prometheus)
                    metrics.AddPrometheusExporter();
                if (options.Otlp)
                    metrics.AddOtlpExporter(options.ConfigureOtlp);
            });
        // Traces go somewhere only over OTLP (Prometheus carries metrics alone).
        if (options.Otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context => !options.IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource("Npgsql")
                .AddSource(TenureTelemetry.Name)
                .AddOtlpExporter(options.ConfigureOtlp));
        }
        return builder;
    }

    /// <summary>Maps the scrape endpoint (anonymous, like the probes: restrict it at the proxy) when Prometheus is enabled; otherwise nothing.</summary>
    public static WebApplication MapTenureTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<TelemetryOptions>();
        if (options.Prometheus)
            app.MapPrometheusScrapingEndpoint(options.PrometheusPath).AllowAnonymous();
        return app;
    }
}

/// <summary>The "Tenure:Telemetry" configuration section.</summary>
public sealed record TelemetryOptions(bool Prometheus, string PrometheusPath, bool Otlp, Uri? OtlpEndpoint, string ServiceName)
{
    public const string Section = "Tenure:Telemetry";

    /// <summary>Whether any exporter is configured (otherwise OpenTelemetry is not registered at all).</summary>
    public bool Enabled => Prometheus || Otlp;

    /// <summary>
    /// Sets the endpoint given in Tenure:Telemetry:OtlpEndpoint; without it the exporter reads the standard OTEL_EXPORTER_OTLP_*
    /// variables itself (endpoint, protocol, headers).
    /// </summary>
    public void ConfigureOtlp(OpenTelemetry.Exporter.OtlpExporterOptions otlp)
    {
        ArgumentNullException.ThrowIfNull(otlp);
        if (OtlpEndpoint is not null)
            otlp.Endpoint = OtlpEndpoint;
    }

    /// <summary>Probes and scrapes, called every few seconds, would drown the traces that matter.</summary>
    public bool IsProbe(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/health") || path.StartsWithSegments(PrometheusPath);

    /// <summary>
    /// Reads Tenure:Telemetry:Prometheus (true/false, default false), Tenure:Telemetry:PrometheusPath (default
    /// <see cref="TelemetryExtensions.DefaultPrometheusPath"/>), Tenure:Telemetry:OtlpEndpoint (an absolute
    /// URL; OTEL_EXPORTER_OTLP_ENDPOINT when unset) and Tenure:Telemetry:ServiceName (default "tenure").
    /// </summary>
    public static TelemetryOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var prometheus = section["Prometheus"] is { Length: > 0 } flag
            ? bool.TryParse(flag, out var on) ? on : throw new InvalidOperationException($"{Section}:Prometheus: '{flag}' is not true or false.")
            : false;
        Uri? endpoint = null;
        if (section["OtlpEndpoint"] is { Length: > 0 } configured && !Uri.TryCreate(configured, UriKind.Absolute, out endpoint))
            throw new InvalidOperationException($"{Section}:OtlpEndpoint: '{configured}' is not an absolute URL (e.g. http://collector:4317).");
        var otlp = endpoint is not null || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var service = section["ServiceName"] is { Length: > 0 } name ? name : "tenure";
        var path = section["PrometheusPath"] is { Length: > 0 } given ? given : TelemetryExtensions.DefaultPrometheusPath;
        if (!path.StartsWith('/') || path is "/metrics" || path.StartsWith("/metrics/", StringComparison.Ordinal))
            throw new InvalidOperationException($"{Section}:PrometheusPath: '{path}' must start with '/' and not be /metrics or under it (the dashboards' metric pages).");
        return new TelemetryOptions(prometheus, path, otlp, endpoint, service);
    }
}
