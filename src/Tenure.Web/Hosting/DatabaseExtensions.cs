using Microsoft.Extensions.Options;

using Tenure.Storage;
using Tenure.Web.Data;

namespace Tenure.Web.Hosting;

internal static class DatabaseExtensions
{
    /// <summary>
    /// One <see cref="TenureDatabase"/> for the process (opened from Tenure:Database on first use, stamping what it writes
    /// with the server's <see cref="TimeProvider"/>, so a survey answer is "submitted now" by the same clock the
    /// dashboards read), migrated at start, and the per-tenant data cache.
    /// </summary>
    public static IHostApplicationBuilder AddTenureDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services =>
            TenureDatabase.Open(DatabaseLocation.Parse(services.GetRequiredService<IOptions<TenureOptions>>().Value.Database),
                services.GetService<TimeProvider>() ?? TimeProvider.System));
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddSingleton<TenantDataCache>();
        return builder;
    }
}
