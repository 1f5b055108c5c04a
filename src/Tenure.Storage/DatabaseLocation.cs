using System.Data.Common;
using System.Text.RegularExpressions;

using Microsoft.Data.Sqlite;

using Npgsql;

namespace Tenure.Storage;

public enum DatabaseProvider { Sqlite, PostgreSql }

/// <summary>
/// Where Tenure keeps its data, from `--db` or the Tenure:Database setting: empty means the SQLite
/// file ./tenure.db; a connection string with Host= means PostgreSQL; one with Data Source= (or any
/// other text, taken as a file path) means SQLite.
/// </summary>
/// <remarks>
/// Text is read as a connection string when it starts with a keyword and '=' ("Host=...",
/// "Data Source=..."); anything else ("tenure.db", "/var/lib/tenure/data.db", "./a=b.db") is a file
/// path. <see cref="ConnectionString"/> may hold a password: show <see cref="Describe"/> (also what
/// <see cref="ToString"/> returns) instead.
/// </remarks>
public sealed partial record DatabaseLocation(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlitePath = "tenure.db";

    static readonly string[] PostgreSqlMarkers = ["host", "server"];
    static readonly string[] SqliteMarkers = ["data source", "datasource", "filename"];

    /// <summary>Parses a --db value; throws <see cref="ArgumentException"/> with a message for people when it cannot be used.</summary>
    public static DatabaseLocation Parse(string? db)
    {
        if (string.IsNullOrWhiteSpace(db))
        {
            return Sqlite(DefaultSqlitePath);
        }
        var text = db.Trim();
        if (!LooksLikeConnectionString().IsMatch(text))
        {
            return Sqlite(text);
        }

        var keys = ParseKeys(text);
        if (keys.Keys.Any(k => PostgreSqlMarkers.Contains(k)))
        {
            return PostgreSql(text);
        }
        if (keys.Keys.Any(k => SqliteMarkers.Contains(k)))
        {
            return SqliteConnectionString(text);
        }
        throw new ArgumentException(
            $"The database setting has neither Host= (PostgreSQL) nor Data Source= (SQLite) (keys: {string.Join(", ", keys.Keys)}). " +
            "For a SQLite file whose name contains '=', start the path with ./", nameof(db));
    }

    /// <summary>
    /// The full path of the SQLite file, or null for PostgreSQL and for a SQLite data source that is not
    /// a plain file (empty, ":memory:", a "file:" URI).
    /// </summary>
    public string? SqliteFilePath
    {
        get
        {
            if (Provider != DatabaseProvider.Sqlite)
                return null;
            var source = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            return source.Length == 0 || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
                ? null
                : Path.GetFullPath(source);
        }
    }

    /// <summary>For messages: the SQLite file path, or host/port/database of PostgreSQL (never the password).</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
            return SqliteFilePath ?? $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}";
        var pg = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL database {pg.Database ?? pg.Username ?? "(default)"} on {pg.Host}:{pg.Port}";
    }

    public override string ToString() => Describe();

    static DatabaseLocation Sqlite(string path)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path };
        return new DatabaseLocation(DatabaseProvider.Sqlite, builder.ConnectionString);
    }

    static DatabaseLocation SqliteConnectionString(string text)
    {
        try
        {
            var builder = new SqliteConnectionStringBuilder(text);
            if (string.IsNullOrWhiteSpace(builder.DataSource))
            {
                throw new ArgumentException("The SQLite connection string has an empty Data Source; give the database file's path.", "db");
            }
            return new DatabaseLocation(DatabaseProvider.Sqlite, builder.ConnectionString);
        }
        catch (ArgumentException e) when (e.ParamName != "db")
        {
            throw new ArgumentException($"Not a usable SQLite connection string: {e.Message}", "db", e);
        }
    }

    static DatabaseLocation PostgreSql(string text)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(text);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                throw new ArgumentException("The PostgreSQL connection string has an empty Host.", "db");
            }
            return new DatabaseLocation(DatabaseProvider.PostgreSql, builder.ConnectionString);
        }
        catch (ArgumentException e) when (e.ParamName != "db")
        {
            // Npgsql says e.g. "Couldn't set foo (Parameter 'foo')" or "Keyword not supported: 'foo'".
            throw new ArgumentException($"Not a usable PostgreSQL connection string: {e.Message}", "db", e);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"Not a usable PostgreSQL connection string: {e.Message}", "db", e);
        }
    }

    /// <summary>The keys of a connection string, lower case; a malformed one is an <see cref="ArgumentException"/>.</summary>
    static Dictionary<string, string> ParseKeys(string text)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = text;
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The database setting looks like a connection string but cannot be read as one: {e.Message}", "db", e);
        }
        var keys = new Dictionary<string, string>();
        foreach (string key in builder.Keys)
        {
            keys[key.Trim().ToLowerInvariant()] = builder[key]?.ToString() ?? "";
        }
        return keys;
    }

    // A keyword (letters, spaces, hyphens) then '=' at the very start: "Host=", "Data Source =".
    [GeneratedRegex(@"^[A-Za-z][A-Za-z \-]*\s*=")]
    private static partial Regex LooksLikeConnectionString();
}
