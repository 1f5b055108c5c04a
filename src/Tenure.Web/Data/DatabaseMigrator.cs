using Tenure.Storage;

namespace Tenure.Web.Data;

/// <summary>
/// Applies pending migrations when the app starts. Hosted services start before the server listens,
/// so `tenure serve` on an empty database just works and no request sees an old schema.
/// </summary>
internal sealed partial class DatabaseMigrator(TenureDatabase database, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await database.MigrateAsync(cancellationToken);
        if (applied.Count > 0)
            LogMigrated(applied.Count, database.Location.Describe(), string.Join(", ", applied));
        else
            LogUpToDate(database.Location.Describe());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s) to {Database}: {Migrations}")]
    private partial void LogMigrated(int count, string database, string migrations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Database} is up to date")]
    private partial void LogUpToDate(string database);
}
