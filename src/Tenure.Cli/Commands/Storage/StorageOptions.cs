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

    /// <summary>
    /// Opens a database that already exists and applies pending migrations (an upgrade). Refuses a
    /// database that is not there yet (a missing SQLite file, a PostgreSQL database without Tenure's
    /// tables): a mistyped or forgotten --db must not silently create a new empty database. Only
    /// `tenure import`, `tenure db migrate` and `tenure demo` create one (<see cref="OpenOrCreateAsync"/>).
    /// The --db text as given (null for the default) goes into the message.
    /// </summary>
    public static async Task<TenureDatabase> OpenExistingAsync(CliContext context, DatabaseLocation location, string? db, CancellationToken cancellationToken)
    {
        context.Database = location;
        var database = TenureDatabase.Open(location, context.Clock);
        try
        {
            if (!await database.HasSchemaAsync(cancellationToken))
                throw new CliException(NoDatabaseMessage(location, db));
        }
        catch (Exception e) when (IsConnectionProblem(e))
        {
            await database.DisposeAsync();
            throw new CliException($"error: {DatabaseFailure.Describe(location, e)}", ExitCodes.Failure);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
        return await MigrateAsync(context, database, location, cancellationToken);
    }

    /// <summary>"no database at ./tenure.db; run `tenure import DIR --db tenure.db` or `tenure db migrate --db tenure.db` first."</summary>
    public static string NoDatabaseMessage(DatabaseLocation location, string? db)
    {
        var option = Quoted(string.IsNullOrWhiteSpace(db) ? DatabaseLocation.DefaultSqlitePath : db);
        var where = location.SqliteFilePath is not null && string.IsNullOrWhiteSpace(db) ? "./" + DatabaseLocation.DefaultSqlitePath : location.Describe();
        return $"error: no database at {where}; run `tenure import DIR --db {option}` or `tenure db migrate --db {option}` first (or give --db the database to use).";
    }

    /// <summary>The --db value as typed on a command line: quoted when it holds a space or a ';'.</summary>
    public static string Quoted(string db) =>
        db.Contains(' ', StringComparison.Ordinal) || db.Contains(';', StringComparison.Ordinal) ? $"\"{db}\"" : db;

    /// <summary>Opens the database, creating it when missing, and applies pending migrations (for import and demo).</summary>
    public static Task<TenureDatabase> OpenOrCreateAsync(CliContext context, DatabaseLocation location, CancellationToken cancellationToken)
    {
        context.Database = location;
        return MigrateAsync(context, TenureDatabase.Open(location, context.Clock), location, cancellationToken);
    }

    private static async Task<TenureDatabase> MigrateAsync(CliContext context, TenureDatabase database, DatabaseLocation location, CancellationToken cancellationToken)
    {
        try
        {
            var applied = await database.MigrateAsync(cancellationToken);
            if (applied.Count > 0)
                context.Notes.WriteLine($"set up {location.Describe()} ({applied.Count} migration(s) applied)");
            return database;
        }
        catch (Exception e) when (IsConnectionProblem(e))
        {
            await database.DisposeAsync();
            throw new CliException($"error: {DatabaseFailure.Describe(location, e)}", ExitCodes.Failure);
        }
    }

    /// <summary>A database that cannot be reached or opened: a message for people, not a stack trace.</summary>
    public static bool IsConnectionProblem(Exception e) =>
        e is System.Data.Common.DbException or InvalidOperationException or IOException or UnauthorizedAccessException or TimeoutException
        || e.InnerException is System.Data.Common.DbException or System.Net.Sockets.SocketException;
}
