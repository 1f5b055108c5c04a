using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

using Tenure.Web.Data;

namespace Tenure.Web.Hosting;

/// <summary>
/// The probes, all anonymous (they say only "Healthy" or "Unhealthy"; the reason goes to the log):
/// <list type="bullet">
/// <item>/healthz, liveness: the process is up and answers HTTP (runs no check, touches no database): restart it when this fails;</item>
/// <item>/readyz, readiness: the database answers and its schema is migrated to this version: send it traffic only when this passes;</item>
/// <item>/health, as before: the database answers.</item>
/// </list>
/// See docs/operations.md, "Health endpoints".
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The tag of the checks /readyz runs.</summary>
    public const string Ready = "ready";

    public static IHostApplicationBuilder AddTenureHealthChecks(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<SchemaHealthCheck>("schema", tags: [Ready]);
        return builder;
    }

    public static WebApplication MapTenureHealthEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) }).AllowAnonymous();
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => check.Name == "database" }).AllowAnonymous();
        return app;
    }
}
