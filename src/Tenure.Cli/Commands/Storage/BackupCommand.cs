using System.CommandLine;

using Tenure.Storage;

namespace Tenure.Cli.Commands.Storage;

/// <summary>
/// `tenure backup --db DB --to FILE` and `tenure restore --from FILE --db DB`: SQLite's online backup (a consistent copy
/// while a server runs); PostgreSQL is pointed to pg_dump / pg_restore (docs/operations.md, "Backup and restore").
/// </summary>
internal static class BackupCommand
{
    public static Command Backup(CliContext context)
    {
        var db = StorageOptions.Db("The SQLite database to back up (default ./tenure.db); it may be in use by `tenure serve`.");
        var to = new Option<string>("--to") { Description = "The backup file to write (a SQLite database, openable with --db).", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace --to when it already exists." };
        var command = new Command("backup", "Copy a SQLite database into one file while it may be in use (SQLite's online backup). For PostgreSQL use pg_dump.") { db, to, force };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var location = StorageOptions.Location(parsed.GetValue(db));
            context.Database = location;
            var target = parsed.GetValue(to)!;
            try
            {
                var bytes = await SqliteBackup.BackupAsync(location, target, parsed.GetValue(force), cancellationToken);
                context.Out.WriteLine($"Backed up {location.Describe()} to {Path.GetFullPath(target)} ({bytes:N0} bytes).");
                context.Out.WriteLine($"Restore it with: tenure restore --from {StorageOptions.Quoted(target)} --db {StorageOptions.Quoted(parsed.GetValue(db) ?? DatabaseLocation.DefaultSqlitePath)} --force");
                return ExitCodes.Ok;
            }
            catch (BackupException e)
            {
                throw new CliException($"error: {e.Message}");
            }
        });
        return command;
    }

    public static Command Restore(CliContext context)
    {
        var from = new Option<string>("--from") { Description = "The backup file (written by `tenure backup`, or any copy of a Tenure SQLite database).", Required = true };
        var db = StorageOptions.Db("The SQLite database to restore into (default ./tenure.db). Stop servers on it first.");
        var force = new Option<bool>("--force") { Description = "Replace --db when it already exists (all its data is replaced by the backup's)." };
        var command = new Command("restore", "Restore a SQLite database from a backup (refuses to replace an existing database without --force). For PostgreSQL use pg_restore.") { from, db, force };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var location = StorageOptions.Location(parsed.GetValue(db));
            context.Database = location;
            try
            {
                await SqliteBackup.RestoreAsync(parsed.GetValue(from)!, location, parsed.GetValue(force), cancellationToken);
            }
            catch (BackupException e)
            {
                throw new CliException($"error: {e.Message}");
            }
            // The restored file opens as any database does (an older backup is upgraded: its pending migrations run).
            await (await StorageOptions.OpenExistingAsync(context, location, parsed.GetValue(db), cancellationToken)).DisposeAsync();
            context.Out.WriteLine($"Restored {location.Describe()} from {Path.GetFullPath(parsed.GetValue(from)!)}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
