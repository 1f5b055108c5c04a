using Microsoft.Extensions.Diagnostics.HealthChecks;

using Tenure.Storage;

namespace Tenure.Web.Hosting;

/// <summary>
/// /readyz: healthy when every migration this version of Tenure knows is applied to the database (the server
/// migrates at start, so this fails while a migration is still to run, or when the database was replaced by an
/// older one under a running server); unhealthy, naming the pending migrations, otherwise.
/// </summary>
internal sealed class SchemaHealthCheck(TenureDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = await database.PendingMigrationsAsync(cancellationToken);
            return pending.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied to {database.Location.Describe()}: {string.Join(", ", pending)}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(DatabaseFailure.Describe(database.Location, e), e);
        }
    }
}
