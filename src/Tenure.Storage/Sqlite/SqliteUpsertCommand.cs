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
/// One prepared <c>INSERT ... ON CONFLICT (key) DO UPDATE ... WHERE (a value differs)</c> for a
/// table, re-executed with each row's values inside the connection's transaction.
/// <see cref="Execute"/> returns SQLite's changes(): 1 for a row inserted or updated, 0 for a row
/// already stored as given.
/// </summary>
internal sealed class SqliteUpsertCommand<T> : IRowWriter, IDisposable
{
    readonly KindTable<T> table;
    readonly SqliteStatement statement;
    int next;

    public SqliteUpsertCommand(SqliteConnection connection, KindTable<T> table, string tenant, UpsertMode mode)
    {
        this.table = table;
        statement = new SqliteStatement(connection, Sql(table, mode));
        statement.BindText(1, tenant);
    }

    public int Execute(T row)
    {
        next = 2;
        table.Write(row, this);
        return statement.Execute();
    }

    static string Sql(KindTable table, UpsertMode mode)
    {
        var columns = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
        var parameters = string.Join(", ", table.Columns.Select(_ => "?"));
        var key = string.Join(", ", table.KeyColumns.Select(c => Quote(c.Name)));
        var insert = $"INSERT INTO {table.Name} (tenant_id, {columns}) VALUES (?, {parameters}) ON CONFLICT (tenant_id, {key}) DO ";
        if (mode == UpsertMode.AddEvents)
        {
            return insert + $"UPDATE SET events = {table.Name}.events + excluded.events";
        }
        var values = table.ValueColumns.ToList();
        if (values.Count == 0)
        {
            return insert + "NOTHING";
        }
        var set = string.Join(", ", values.Select(c => $"{Quote(c.Name)} = excluded.{Quote(c.Name)}"));
        var differs = string.Join(" OR ", values.Select(c => $"{table.Name}.{Quote(c.Name)} IS NOT excluded.{Quote(c.Name)}"));
        return insert + $"UPDATE SET {set} WHERE {differs}";
    }

    // Column names such as "date", "plan" and "interval" are keywords somewhere; quote them all.
    static string Quote(string name) => "\"" + name + "\"";

    public void Text(string value) => statement.BindText(next++, value);

    public void OptionalText(string? value)
    {
        if (value is null) statement.BindNull(next++);
        else statement.BindText(next++, value);
    }

    public void Instant(DateTime value) => statement.BindInt64(next++, SqliteValues.ToUnixMicroseconds(value));

    public void OptionalInstant(DateTime? value)
    {
        if (value is { } v) Instant(v);
        else statement.BindNull(next++);
    }

    public void Decimal(decimal value)
    {
        Span<char> text = stackalloc char[SqliteValues.MaxDecimalLength];
        statement.BindText(next++, text[..SqliteValues.Format(value, text)]);
    }

    public void OptionalDecimal(decimal? value)
    {
        if (value is { } v) Decimal(v);
        else statement.BindNull(next++);
    }

    public void Integer(int value) => statement.BindInt64(next++, value);

    public void OptionalInteger(int? value)
    {
        if (value is { } v) Integer(v);
        else statement.BindNull(next++);
    }

    public void Boolean(bool value) => statement.BindInt64(next++, value ? 1 : 0);

    public void Dispose() => statement.Dispose();
}
