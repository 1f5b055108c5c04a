using Microsoft.Extensions.Diagnostics.HealthChecks;

using Tenure.Storage;

namespace Tenure.Web.Data;

/// <summary>
/// /health: healthy when the database answers a cheap query on a fresh connection; unhealthy, with
/// the reason (not a SQLite database or corrupted, disk full, unreachable), when it does not.
/// </summary>
internal sealed class DatabaseHealthCheck(TenureDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await database.CheckAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(DatabaseFailure.Describe(database.Location, e), e);
        }
    }
}
