using Microsoft.Extensions.Diagnostics.HealthChecks;

using Tenure.Storage;

namespace Tenure.Web.Data;

/// <summary>/health: healthy when the database answers a cheap query.</summary>
internal sealed class DatabaseHealthCheck(TenureDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await StoredData.DataVersionAsync(database, Tenants.Default, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the database does not answer", e);
        }
    }
}
