using System.Globalization;

using Tenure.Storage.Schema;

namespace Tenure.Storage.Sqlite;

/// <summary>Reads a row of a kind table's columns (in order) from a SQLite statement's current row; short texts come from the load's <see cref="TextPool"/>.</summary>
internal sealed class SqliteRowReader(SqliteStatement statement, TextPool texts) : IRowReader
{
    int next;

    /// <summary>Moves to the next row; false at the end.</summary>
    public bool Read()
    {
        next = 0;
        return statement.Step();
    }

    public string Text() => texts.Of(statement.Utf8(next++));
    public string? OptionalText() => statement.IsNull(next) ? Skip<string>() : Text();
    public DateTime Instant() => SqliteValues.FromUnixMicroseconds(statement.Int64(next++));
    public DateTime? OptionalInstant() => statement.IsNull(next) ? Skip<DateTime?>() : Instant();
    public decimal Decimal() => decimal.Parse(statement.Utf8(next++), SqliteValues.DecimalStyles, CultureInfo.InvariantCulture);
    public decimal? OptionalDecimal() => statement.IsNull(next) ? Skip<decimal?>() : Decimal();
    public int Integer() => checked((int)statement.Int64(next++));
    public int? OptionalInteger() => statement.IsNull(next) ? Skip<int?>() : Integer();
    public bool Boolean() => statement.Int64(next++) != 0;

    T? Skip<T>()
    {
        next++;
        return default;
    }
}
