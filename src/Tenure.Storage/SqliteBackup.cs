using Microsoft.Data.Sqlite;

namespace Tenure.Storage;

/// <summary>
/// Backup and restore of a SQLite Tenure database with SQLite's online backup API
/// (<see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/>): a consistent copy taken page by page while a
/// server may be reading and writing, never a half-written file. PostgreSQL is backed up with pg_dump / pg_restore
/// (docs/operations.md, "Backup and restore").
/// </summary>
public static class SqliteBackup
{
    /// <summary>The first 16 bytes of every SQLite database file (https://sqlite.org/fileformat.html).</summary>
    static ReadOnlySpan<byte> SqliteHeader => "SQLite format 3\0"u8;

    /// <summary>
    /// Copies the database at <paramref name="source"/> into the new file <paramref name="target"/> (replacing it when
    /// <paramref name="replace"/>): written beside it under a temporary name and renamed when complete, in rollback-journal
    /// mode (one self-contained file, no -wal beside it), checked with quick_check. Returns the copy's size in bytes.
    /// </summary>
    /// <exception cref="BackupException">The source is not a Tenure SQLite database, or the target exists and may not be replaced.</exception>
    public static async Task<long> BackupAsync(DatabaseLocation source, string target, bool replace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        var file = source.SqliteFilePath ?? throw new BackupException($"{source.Describe()} is a PostgreSQL database: back it up with pg_dump (docs/operations.md, \"Backup and restore\").");
        await CheckTenureFileAsync(file, "--db", cancellationToken);
        target = Path.GetFullPath(target);
        if (string.Equals(target, Path.GetFullPath(file), StringComparison.Ordinal))
            throw new BackupException($"--to {target} is the database itself: name another file.");
        if (!replace && File.Exists(target))
            throw new BackupException($"--to {target} already exists: name a new file, or pass --force to replace it.");
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        var partial = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");
        try
        {
            await using (var from = await OpenAsync(file, SqliteOpenMode.ReadOnly, cancellationToken))
            await using (var to = await OpenAsync(partial, SqliteOpenMode.ReadWriteCreate, cancellationToken))
            {
                from.BackupDatabase(to);
                await ExecuteAsync(to, "PRAGMA journal_mode=DELETE;", cancellationToken);
                await QuickCheckAsync(to, partial, cancellationToken);
            }
            File.Move(partial, target, overwrite: replace);
            return new FileInfo(target).Length;
        }
        finally
        {
            File.Delete(partial);
            File.Delete(partial + "-journal");
        }
    }

    /// <summary>
    /// Replaces the database at <paramref name="target"/> with the backup <paramref name="backup"/> (which must be a Tenure
    /// database), through the backup API so a file in WAL mode is rewritten consistently; refuses an existing target unless
    /// <paramref name="replace"/>. Stop servers on the target first: their caches would still hold the old data.
    /// </summary>
    public static async Task RestoreAsync(string backup, DatabaseLocation target, bool replace, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backup);
        ArgumentNullException.ThrowIfNull(target);
        var file = target.SqliteFilePath ?? throw new BackupException($"{target.Describe()} is a PostgreSQL database: restore a pg_dump archive with pg_restore (docs/operations.md, \"Backup and restore\").");
        await CheckTenureFileAsync(backup, "--from", cancellationToken);
        if (string.Equals(Path.GetFullPath(backup), Path.GetFullPath(file), StringComparison.Ordinal))
            throw new BackupException($"--from {backup} is the database itself: nothing to restore.");
        if (!replace && File.Exists(file))
            throw new BackupException($"--db {file} already exists: restoring would replace all its data. Pass --force to replace it (back it up first).");
        var directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        // The tenants' snapshot files hold the replaced data: a restored tenant can come back at a data version one of
        // them names, so they go before the data changes and again after (in case a load wrote one meanwhile).
        Snapshots.TenantSnapshotFile.DeleteAll(file);
        await using var from = await OpenAsync(backup, SqliteOpenMode.ReadOnly, cancellationToken);
        await using var to = await OpenAsync(file, SqliteOpenMode.ReadWriteCreate, cancellationToken);
        from.BackupDatabase(to);
        Snapshots.TenantSnapshotFile.DeleteAll(file);
        await QuickCheckAsync(to, file, cancellationToken);
    }

    /// <summary>
    /// Throws <see cref="BackupException"/> unless <paramref name="file"/> exists and is a SQLite database holding Tenure's
    /// schema (its migration history and the tenants table); <paramref name="option"/> names where the path came from.
    /// </summary>
    public static async Task CheckTenureFileAsync(string file, string option, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(file))
            throw new BackupException($"{option} {file}: no such file.");
        var header = new byte[SqliteHeader.Length];
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
            if (read < header.Length || !header.AsSpan().SequenceEqual(SqliteHeader))
                throw new BackupException($"{option} {file} is not a SQLite database (its first bytes are not \"SQLite format 3\").");
        }
        try
        {
            await using var connection = await OpenAsync(file, SqliteOpenMode.ReadOnly, cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('__EFMigrationsHistory', 'tenants')";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) != 2)
                throw new BackupException($"{option} {file} is a SQLite database but not a Tenure database (it has no tenants table and migration history).");
        }
        catch (SqliteException e)
        {
            throw new BackupException($"{option} {file} cannot be read as a SQLite database: {e.Message}");
        }
    }

    static async Task<SqliteConnection> OpenAsync(string file, SqliteOpenMode mode, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false, DefaultTimeout = 30 }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, "PRAGMA busy_timeout=30000;", cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    static async Task QuickCheckAsync(SqliteConnection connection, string file, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check;";
        var result = (string?)await command.ExecuteScalarAsync(cancellationToken);
        if (result != "ok")
            throw new BackupException($"{file}: the copy failed SQLite's integrity check: {result}");
    }
}

/// <summary>A backup or restore refused or failed for a reason people can act on (the message says which file and why).</summary>
public sealed class BackupException(string message) : Exception(message);
