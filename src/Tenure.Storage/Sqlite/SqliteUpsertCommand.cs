using Microsoft.Data.Sqlite;

using Tenure.Storage.Schema;

namespace Tenure.Storage.Sqlite;

/// <summary>How an upsert treats a row whose key is already stored.</summary>
internal enum UpsertMode
{
    /// <summary>The given values replace the stored ones; a row equal to the stored one is not written.</summary>
    Replace,

    /// <summary>usage_days only: the given events are added to the stored count.</summary>
    AddEvents,
}

/// <summary>
/// One prepared <c>INSERT ... VALUES (row), (row), ... ON CONFLICT (key) DO UPDATE ... WHERE (a value differs)</c> for a
/// table, re-executed with rows' values inside the connection's transaction, one row (<see cref="Execute"/>) or
/// <see cref="RowsPerStatement"/> rows at a time (<see cref="Add"/>, then <see cref="Flush"/>). Both return SQLite's
/// changes() for the rows executed: 1 for each row inserted or updated, 0 for a row already stored as given.
/// </summary>
/// <remarks>
/// Many rows to a statement is the bulk path's form: one statement execution keeps its cursor on the table's B-tree
/// between rows, so rows in key order are appended where the last one went instead of each descending from the root
/// (SQLite skips the descent when the key sorts after the cursor's cell), and the per-execution work (reset, bind
/// checks, the engine's set-up) is paid once per batch. Keys repeated within a batch are upserted in order, as one by
/// one.
/// </remarks>
internal sealed class SqliteUpsertCommand<T> : IRowWriter, IDisposable
{
    readonly SqliteConnection connection;
    readonly KindTable<T> table;
    readonly string tenant;
    readonly UpsertMode mode;
    readonly SqliteStatement statement;
    readonly T[] pending;
    SqliteStatement target;
    int pendingCount;
    int next;

    /// <summary>A command for <paramref name="table"/>'s rows of <paramref name="tenant"/>; <see cref="Add"/> gathers <paramref name="rowsPerStatement"/> rows into one execution (1: each row alone).</summary>
    public SqliteUpsertCommand(SqliteConnection connection, KindTable<T> table, string tenant, UpsertMode mode, int rowsPerStatement = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerStatement, 1);
        (this.connection, this.table, this.tenant, this.mode) = (connection, table, tenant, mode);
        RowsPerStatement = rowsPerStatement;
        statement = Prepare(rowsPerStatement);
        target = statement;
        pending = new T[rowsPerStatement];
    }

    public int RowsPerStatement { get; }

    /// <summary>Upserts <paramref name="row"/> alone (a command of one row a statement only: <see cref="Add"/> keeps none waiting).</summary>
    public int Execute(T row)
    {
        if (RowsPerStatement != 1)
            throw new InvalidOperationException("Execute runs one row at a time; this command gathers rows with Add.");
        Bind(statement, 0, row);
        return statement.Execute();
    }

    /// <summary>Gathers <paramref name="row"/>; runs the statement when <see cref="RowsPerStatement"/> rows are gathered (returns their changes, else 0).</summary>
    public int Add(T row)
    {
        Bind(statement, pendingCount, row);
        pending[pendingCount++] = row;
        if (pendingCount < RowsPerStatement)
            return 0;
        pendingCount = 0;
        return statement.Execute();
    }

    /// <summary>Runs the rows gathered since the last full batch (a statement of their number); returns their changes.</summary>
    public int Flush()
    {
        if (pendingCount == 0)
            return 0;
        using var tail = Prepare(pendingCount);
        for (int i = 0; i < pendingCount; i++)
            Bind(tail, i, pending[i]);
        pendingCount = 0;
        return tail.Execute();
    }

    SqliteStatement Prepare(int rows)
    {
        var prepared = new SqliteStatement(connection, Sql(table, mode, rows));
        prepared.BindText(1, tenant);
        return prepared;
    }

    /// <summary>Binds <paramref name="row"/> as the statement's <paramref name="position"/>-th row (0-based); ?1 is the tenant.</summary>
    void Bind(SqliteStatement into, int position, T row)
    {
        target = into;
        next = 2 + position * table.Columns.Count;
        table.Write(row, this);
    }

    static string Sql(KindTable table, UpsertMode mode, int rows)
    {
        var columns = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
        int count = table.Columns.Count;
        var values = string.Join(", ", Enumerable.Range(0, rows).Select(r =>
            "(?1, " + string.Join(", ", Enumerable.Range(2 + r * count, count).Select(p => "?" + p)) + ")"));
        var key = string.Join(", ", table.KeyColumns.Select(c => Quote(c.Name)));
        var insert = $"INSERT INTO {table.Name} (tenant_id, {columns}) VALUES {values} ON CONFLICT (tenant_id, {key}) DO ";
        if (mode == UpsertMode.AddEvents)
        {
            return insert + $"UPDATE SET events = {table.Name}.events + excluded.events";
        }
        var valueColumns = table.ValueColumns.ToList();
        if (valueColumns.Count == 0)
        {
            return insert + "NOTHING";
        }
        var set = string.Join(", ", valueColumns.Select(c => $"{Quote(c.Name)} = excluded.{Quote(c.Name)}"));
        var differs = string.Join(" OR ", valueColumns.Select(c => $"{table.Name}.{Quote(c.Name)} IS NOT excluded.{Quote(c.Name)}"));
        return insert + $"UPDATE SET {set} WHERE {differs}";
    }

    // Column names such as "date", "plan" and "interval" are keywords somewhere; quote them all.
    static string Quote(string name) => "\"" + name + "\"";

    public void Text(string value) => target.BindText(next++, value);

    public void OptionalText(string? value)
    {
        if (value is null) target.BindNull(next++);
        else target.BindText(next++, value);
    }

    public void Instant(DateTime value) => target.BindInt64(next++, SqliteValues.ToUnixMicroseconds(value));

    public void OptionalInstant(DateTime? value)
    {
        if (value is { } v) Instant(v);
        else target.BindNull(next++);
    }

    public void Decimal(decimal value)
    {
        Span<char> text = stackalloc char[SqliteValues.MaxDecimalLength];
        target.BindText(next++, text[..SqliteValues.Format(value, text)]);
    }

    public void OptionalDecimal(decimal? value)
    {
        if (value is { } v) Decimal(v);
        else target.BindNull(next++);
    }

    public void Integer(int value) => target.BindInt64(next++, value);

    public void OptionalInteger(int? value)
    {
        if (value is { } v) Integer(v);
        else target.BindNull(next++);
    }

    public void Boolean(bool value) => target.BindInt64(next++, value ? 1 : 0);

    public void Dispose() => statement.Dispose();
}
