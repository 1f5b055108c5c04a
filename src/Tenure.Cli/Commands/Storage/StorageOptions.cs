using System.CommandLine;

using Tenure.Storage;

namespace Tenure.Cli.Commands.Storage;

/// <summary>The --db and --tenant options every database command shares, and opening what they name.</summary>
internal static class StorageOptions
{
    public const string DbDescription =
        "The database: a SQLite file path or \"Data Source=...\" (default ./tenure.db), or a PostgreSQL connection string \"Host=...;Database=...;Username=...\".";

    public static Option<string> Db(string? description = null) => new("--db") { Description = description ?? DbDescription };

    public static Option<string> Tenant() => new("--tenant") { Description = $"The tenant whose data this is (default \"{Tenants.Default}\"); every row and API key belongs to one." };

    public static DatabaseLocation Location(string? db)
    {
        try
        {
            return DatabaseLocation.Parse(db);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"error: --db: {e.Message}");
        }
    }

    public static string TenantName(string? tenant)
    {
        var name = string.IsNullOrWhiteSpace(tenant) ? Tenants.Default : tenant.Trim();
        if (!Tenants.IsValidName(name))
            throw new CliException($"error: --tenant '{tenant}' is not a tenant name (1-64 of a-z, 0-9, '-' and '_').");
        return name;
    }

    /// <summary>Opens the database and applies pending migrations (an empty database is set up on first use).</summary>
    public static async Task<TenureDatabase> OpenMigratedAsync(CliContext context, DatabaseLocation location, CancellationToken cancellationToken)
    {
        var database = TenureDatabase.Open(location);
        try
        {
            var applied = await database.MigrateAsync(cancellationToken);
            if (applied.Count > 0)
                context.Error.WriteLine($"set up {location.Describe()} ({applied.Count} migration(s) applied)");
            return database;
        }
        catch (Exception e) when (IsConnectionProblem(e))
        {
            await database.DisposeAsync();
            throw new CliException($"error: cannot open the database {location.Describe()}: {e.Message}", ExitCodes.Failure);
        }
    }

    /// <summary>A database that cannot be reached or opened: a message for people, not a stack trace.</summary>
    public static bool IsConnectionProblem(Exception e) =>
        e is System.Data.Common.DbException or InvalidOperationException or IOException or UnauthorizedAccessException or TimeoutException
        || e.InnerException is System.Data.Common.DbException or System.Net.Sockets.SocketException;
}
