using System.Buffers;
using System.Text;

using Microsoft.Data.Sqlite;

using SQLitePCL;

namespace Tenure.Storage.Sqlite;

/// <summary>
/// A prepared SQLite statement driven through SQLitePCL directly, on a Microsoft.Data.Sqlite
/// connection's handle (so inside its transaction). Used by the bulk paths, where
/// SqliteCommand's per-execution work (re-binding boxed parameters, creating a data reader) costs
/// more than SQLite itself: binding here is allocation-free (text is bound as UTF-16 spans).
/// Parameters are 1-based and keep their values across executions.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    readonly sqlite3 db;
    readonly sqlite3_stmt statement;
    byte[] utf8 = new byte[256];

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        Check(raw.sqlite3_prepare_v2(db, sql, out statement));
    }

    /// <summary>
    /// Binds <paramref name="value"/> as UTF-8, the file's encoding, so SQLite stores it without converting it (its own
    /// UTF-16 conversion costs more than .NET's, on every text of a bulk import). Text that is not valid UTF-16 (a lone
    /// surrogate) is bound as UTF-16 as before, for SQLite to convert as it always has. SQLite copies the bytes.
    /// </summary>
    public void BindText(int index, ReadOnlySpan<char> value)
    {
        int most = value.Length * 3;
        if (utf8.Length < most)
            utf8 = new byte[Math.Max(most, utf8.Length * 2)];
        if (System.Text.Unicode.Utf8.FromUtf16(value, utf8, out _, out int written, replaceInvalidSequences: false) == OperationStatus.Done)
            Check(raw.sqlite3_bind_text(statement, index, utf8.AsSpan(0, written)));
        else
            Check(raw.sqlite3_bind_text16(statement, index, value));
    }

    public void BindInt64(int index, long value) => Check(raw.sqlite3_bind_int64(statement, index, value));

    public void BindNull(int index) => Check(raw.sqlite3_bind_null(statement, index));

    /// <summary>Runs a statement that returns no rows; returns changes() (rows inserted or updated by it).</summary>
    public int Execute()
    {
        int rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
        return raw.sqlite3_changes(db);
    }

    /// <summary>Moves to the next result row; false (and reset, ready to run again) after the last.</summary>
    public bool Step()
    {
        int rc = raw.sqlite3_step(statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
        return false;
    }

    public bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

    public long Int64(int column) => raw.sqlite3_column_int64(statement, column);

    /// <summary>The column's text as UTF-8 bytes (valid until the next step).</summary>
    public ReadOnlySpan<byte> Utf8(int column) => raw.sqlite3_column_blob(statement, column);

    public string Text(int column) => Encoding.UTF8.GetString(raw.sqlite3_column_blob(statement, column));

    void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    public void Dispose() => raw.sqlite3_finalize(statement);
}
