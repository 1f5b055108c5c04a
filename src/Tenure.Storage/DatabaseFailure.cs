using System.Data.Common;

using Microsoft.Data.Sqlite;

namespace Tenure.Storage;

/// <summary>
/// What went wrong with a database, said for the person running Tenure: a file that is not a SQLite
/// database (or is corrupted), a full disk, anything else the database said. One wording for the CLI,
/// the server's start-up and /health.
/// </summary>
public static class DatabaseFailure
{
    // SQLite's primary result codes (https://sqlite.org/rescode.html).
    const int SqliteCorrupt = 11;
    const int SqliteFull = 13;
    const int SqliteNotADatabase = 26;

    /// <summary>True when <paramref name="e"/> (or its inner exception) is the database failing, not the program.</summary>
    public static bool IsDatabaseFailure(Exception e) => Find(e) is not null;

    /// <summary>
    /// The message for <paramref name="e"/>: "the database file /x/tenure.db is not a SQLite database
    /// (or is corrupted): ...", "the disk holding ... is full ...", else "cannot use the database ...: {what it said}".
    /// </summary>
    public static string Describe(DatabaseLocation location, Exception e)
    {
        ArgumentNullException.ThrowIfNull(location);
        var failure = Find(e) ?? e;
        var said = failure.Message;
        return (failure as SqliteException)?.SqliteErrorCode switch
        {
            SqliteCorrupt or SqliteNotADatabase =>
                $"the database file {location.Describe()} is not a SQLite database (or is corrupted): {said} Restore it from a backup (docs/operations.md, \"Backups and restores\").",
            SqliteFull =>
                $"the disk holding {location.Describe()} is full (or the database reached its size limit): {said} Nothing was written; free some space and run the command again.",
            _ => $"cannot use the database {location.Describe()}: {said}",
        };
    }

    static Exception? Find(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is DbException)
                return e;
        }
        return null;
    }
}
