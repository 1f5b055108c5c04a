using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

using Npgsql;

using Tenure.Storage.Model;
using Tenure.Storage.Sqlite;

namespace Tenure.Storage;

/// <summary>
/// One Tenure database (SQLite file or PostgreSQL database). Cheap to hold for the life of a process;
/// thread-safe. Writes to SQLite are serialised inside the process (one writer at a time).
/// </summary>
/// <remarks>
/// SQLite connections run in WAL mode (readers never wait for the writer) with synchronous=NORMAL
/// (durable at checkpoints, never corrupt) and a busy timeout for other processes; PostgreSQL
/// connections come from one <see cref="NpgsqlDataSource"/> (pooled).
/// </remarks>
public sealed class TenureDatabase : IAsyncDisposable
{
    /// <summary>How long a SQLite connection waits for another process's write lock before failing.</summary>
    const int SqliteBusyTimeoutMilliseconds = 30_000;

    /// <summary>
    /// SQLite page cache per connection (the default is 2 MB): enough for the upper levels of the
    /// large tables' B-trees, so an upsert or a usage increment rarely reads a page from the file.
    /// </summary>
    internal const int SqliteCacheKilobytes = 64 * 1024;

    /// <summary>The page size of a new SQLite file; a file made before keeps its own.</summary>
    internal const int SqlitePageBytes = 16 * 1024;

    /// <summary>A commit that leaves the WAL at least this many pages long copies them into the file (SQLite's automatic checkpoint).</summary>
    internal const int SqliteAutoCheckpointPages = 16384;

    /// <summary>The first 16 bytes of every SQLite database file (https://sqlite.org/fileformat.html).</summary>
    static ReadOnlySpan<byte> SqliteHeader => "SQLite format 3\0"u8;

    readonly string sqliteConnectionString = "";
    readonly NpgsqlDataSource? postgres;
    readonly SemaphoreSlim writer = new(1, 1);
    readonly Lock checkpointLock = new();
    Task checkpoints = Task.CompletedTask;
    int walEnabled;

    TenureDatabase(DatabaseLocation location, TimeProvider clock)
    {
        Location = location;
        Clock = clock;
        if (location.Provider == DatabaseProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(location.ConnectionString)
            {
                Pooling = true,
                DefaultTimeout = SqliteBusyTimeoutMilliseconds / 1000,
            };
            sqliteConnectionString = builder.ConnectionString;
        }
        else
        {
            postgres = new NpgsqlDataSourceBuilder(location.ConnectionString).Build();
        }
    }

    public static TenureDatabase Open(DatabaseLocation location) => Open(location, TimeProvider.System);

    /// <summary>Opens the database with a clock for the timestamps it records (created_at of tenants and keys).</summary>
    public static TenureDatabase Open(DatabaseLocation location, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(clock);
        return new TenureDatabase(location, clock);
    }

    public DatabaseLocation Location { get; }

    internal TimeProvider Clock { get; }

    internal DatabaseProvider Provider => Location.Provider;

    /// <summary>Applies every pending migration (creating the database or file when missing); returns the names applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        using var _ = await EnterWriteAsync(cancellationToken);
        if (Provider == DatabaseProvider.Sqlite)
        {
            CreateSqliteDirectory();
        }
        await using var context = CreateContext();
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await context.Database.MigrateAsync(cancellationToken);
        return pending;
    }

    /// <summary>
    /// The migrations this version knows that the database lacks (empty when it is up to date). Never creates
    /// anything: a SQLite file that does not exist lacks them all.
    /// </summary>
    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken cancellationToken = default)
    {
        await using var context = CreateContext();
        if (Location.SqliteFilePath is { } file && !File.Exists(file))
        {
            return [.. context.Database.GetMigrations()];
        }
        return [.. await context.Database.GetPendingMigrationsAsync(cancellationToken)];
    }

    /// <summary>
    /// True when the database holds Tenure's schema (at least one migration applied). Never creates
    /// anything: a SQLite file that does not exist is false without being opened (opening would
    /// create it empty); a PostgreSQL database without Tenure's tables is false.
    /// </summary>
    public async Task<bool> HasSchemaAsync(CancellationToken cancellationToken = default)
    {
        if (Location.SqliteFilePath is { } file && !File.Exists(file))
        {
            return false;
        }
        await using var context = CreateContext();
        return (await context.Database.GetAppliedMigrationsAsync(cancellationToken)).Any();
    }

    /// <summary>
    /// Throws when the database cannot be queried: a SQLite file that is no longer a database
    /// (overwritten, truncated), a full or failing disk, PostgreSQL gone away. For /health: SQLite
    /// asks on a new, unpooled connection, because a pooled one answers from its page cache and
    /// would call a file replaced under it healthy.
    /// </summary>
    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        if (postgres is not null)
        {
            await using var pg = await OpenPostgreSqlAsync(cancellationToken);
            await using var query = pg.CreateCommand();
            query.CommandText = "SELECT count(*) FROM tenants";
            await query.ExecuteScalarAsync(cancellationToken);
            return;
        }
        // In WAL mode the newest pages (page 1 included) can live in the -wal file, so a file
        // overwritten in place still answers queries: its header is checked directly as well.
        if (Location.SqliteFilePath is { } file && File.Exists(file))
        {
            var header = new byte[SqliteHeader.Length];
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
                if (read > 0 && (read < header.Length || !header.AsSpan().SequenceEqual(SqliteHeader)))
                    throw new SqliteException("SQLite Error 26: 'file is not a database'.", 26);
            }
        }
        var fresh = new SqliteConnectionStringBuilder(sqliteConnectionString) { Pooling = false, Mode = SqliteOpenMode.ReadOnly };
        await using var connection = new SqliteConnection(fresh.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_schema; SELECT count(*) FROM tenants;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        do
        {
            while (await reader.ReadAsync(cancellationToken)) { }
        }
        while (await reader.NextResultAsync(cancellationToken));
    }

    /// <summary>An EF context on this database (schema and migrations; data goes through the bulk paths).</summary>
    internal TenureDbContext CreateContext()
    {
        if (postgres is not null)
        {
            return new PostgreSqlTenureDbContext(new DbContextOptionsBuilder<PostgreSqlTenureDbContext>()
                .UseNpgsql(postgres).Options);
        }
        var connection = new SqliteConnection(sqliteConnectionString);
        return new SqliteTenureDbContext(new DbContextOptionsBuilder<SqliteTenureDbContext>()
            .UseSqlite(connection, o => o.CommandTimeout(SqliteBusyTimeoutMilliseconds / 1000))
            .AddInterceptors(new SqliteConnectionSetup(this))
            .Options);
    }

    /// <summary>An open SQLite connection with the session settings applied.</summary>
    internal async Task<SqliteConnection> OpenSqliteAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(sqliteConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            ApplySqliteSettings(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    internal void ApplySqliteSettings(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        // WAL is a property of the file: set once per process (a no-op when it already is WAL), and
        // only from a writable connection. EF opens read-only connections of its own (to ask whether
        // the file exists); switching a file that is not yet WAL (a VACUUM INTO backup, a .dump
        // restore, an empty file) from one of those fails with "attempt to write a readonly database".
        // A read-only connection reads a rollback-journal file as well as a WAL one.
        var writable = new SqliteConnectionStringBuilder(connection.ConnectionString).Mode != SqliteOpenMode.ReadOnly;
        // The page size only takes on a file with nothing in it yet (a file in WAL mode keeps its own): a new file gets
        // 16 KB pages, which the peer's 100k import writes 4 % faster than 4 KB ones (docs/adr/0250).
        var wal = writable && Interlocked.Exchange(ref walEnabled, 1) == 0 ? $"PRAGMA page_size={SqlitePageBytes};PRAGMA journal_mode=WAL;" : "";
        command.CommandText = $"{wal}PRAGMA synchronous=NORMAL;PRAGMA busy_timeout={SqliteBusyTimeoutMilliseconds};PRAGMA cache_size=-{SqliteCacheKilobytes};PRAGMA wal_autocheckpoint={SqliteAutoCheckpointPages};";
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Copies the WAL into the SQLite file on a connection of its own, in the background (a passive checkpoint: readers
    /// and the next writer go on meanwhile), after a large import's commit that skipped its automatic checkpoint so its
    /// caller could go on with its own work (docs/adr/0255). Disposing the database waits for it. A checkpoint that fails
    /// loses nothing (the pages stay in the WAL, readers find them there, and the next checkpoint copies them).
    /// </summary>
    internal void CheckpointInBackground()
    {
        var checkpoint = Task.Run(async () =>
        {
            try
            {
                await using var connection = await OpenSqliteAsync(CancellationToken.None);
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                await command.ExecuteNonQueryAsync();
            }
            catch (Exception e) when (e is SqliteException or IOException or InvalidOperationException or ObjectDisposedException)
            {
                // Left to the next checkpoint (automatic at a commit, or at the last connection's close); nothing is lost,
                // and the import that asked for it has succeeded, so its caller (disposing this) must not see a failure.
            }
        });
        lock (checkpointLock)
            checkpoints = Task.WhenAll(checkpoints, checkpoint);
    }

    /// <summary>The checkpoints started in the background so far (<see cref="CheckpointInBackground"/>), as one task.</summary>
    internal Task BackgroundCheckpoints
    {
        get
        {
            lock (checkpointLock)
                return checkpoints;
        }
    }

    /// <summary>An open PostgreSQL connection from the pool.</summary>
    internal async Task<NpgsqlConnection> OpenPostgreSqlAsync(CancellationToken cancellationToken) =>
        await postgres!.OpenConnectionAsync(cancellationToken);

    /// <summary>
    /// Waits for this process's write turn on SQLite (SQLite has one writer per file: queueing in
    /// the process avoids SQLITE_BUSY); PostgreSQL needs no turn. Dispose to give it back.
    /// </summary>
    internal async Task<IDisposable> EnterWriteAsync(CancellationToken cancellationToken)
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            return NoTurn.Instance;
        }
        await writer.WaitAsync(cancellationToken);
        return new WriteTurn(writer);
    }

    void CreateSqliteDirectory()
    {
        var source = new SqliteConnectionStringBuilder(sqliteConnectionString).DataSource;
        if (source.Length == 0 || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(source));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await BackgroundCheckpoints;
        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }
        writer.Dispose();
    }

    sealed class WriteTurn(SemaphoreSlim writer) : IDisposable
    {
        int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                writer.Release();
            }
        }
    }

    sealed class NoTurn : IDisposable
    {
        public static readonly NoTurn Instance = new();

        public void Dispose() { }
    }
}
