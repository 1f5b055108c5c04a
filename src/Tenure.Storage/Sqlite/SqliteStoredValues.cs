using System.Globalization;

using Tenure.Storage.Schema;

namespace Tenure.Storage.Sqlite;

/// <summary>
/// One row's values as a SQLite import stores them and a load reads them back, without the database: written through
/// a table's <see cref="KindTable{T}.Write"/> (as <see cref="SqliteUpsertCommand{T}"/> binds them), read through its
/// <see cref="KindTable{T}.Read"/> (as <see cref="SqliteRowReader"/> reads them). An instant keeps whole microseconds,
/// a decimal loses its trailing zeros (<see cref="SqliteValues.Format"/>, parsed back as a load parses it), a text is
/// the same text (the string given: no pool is needed for records read from files, whose readers pool their ids).
/// </summary>
/// <remarks>
/// A text holding a UTF-16 surrogate is not followed through SQLite's UTF-16 to UTF-8 conversion here:
/// <see cref="Exact"/> turns false and the caller reads the database instead.
/// </remarks>
internal sealed class SqliteStoredValues : IRowWriter, IRowReader
{
    readonly List<Value> values = [];
    int next;

    /// <summary>False once a value was written whose stored form this class does not reproduce.</summary>
    public bool Exact { get; private set; } = true;

    /// <summary>Starts a row: what is written next is read back next.</summary>
    public void Start()
    {
        values.Clear();
        next = 0;
    }

    public void Text(string value)
    {
        if (value.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
            Exact = false;
        values.Add(new Value(value, 0, 0m));
    }

    public void OptionalText(string? value)
    {
        if (value is null) values.Add(Value.Null);
        else Text(value);
    }

    public void Instant(DateTime value) => values.Add(new Value(null, SqliteValues.ToUnixMicroseconds(value), 0m));

    public void OptionalInstant(DateTime? value)
    {
        if (value is { } v) Instant(v);
        else values.Add(Value.Null);
    }

    public void Decimal(decimal value)
    {
        Span<char> text = stackalloc char[SqliteValues.MaxDecimalLength];
        var stored = decimal.Parse(text[..SqliteValues.Format(value, text)], SqliteValues.DecimalStyles, CultureInfo.InvariantCulture);
        values.Add(new Value(null, 0, stored));
    }

    public void OptionalDecimal(decimal? value)
    {
        if (value is { } v) Decimal(v);
        else values.Add(Value.Null);
    }

    public void Integer(int value) => values.Add(new Value(null, value, 0m));

    public void OptionalInteger(int? value)
    {
        if (value is { } v) Integer(v);
        else values.Add(Value.Null);
    }

    public void Boolean(bool value) => values.Add(new Value(null, value ? 1 : 0, 0m));

    string IRowReader.Text() => values[next++].Text!;
    string? IRowReader.OptionalText() => values[next++].Text;
    DateTime IRowReader.Instant() => SqliteValues.FromUnixMicroseconds(values[next++].Number);
    DateTime? IRowReader.OptionalInstant() => values[next].IsNull ? Skip<DateTime?>() : ((IRowReader)this).Instant();
    decimal IRowReader.Decimal() => values[next++].Amount;
    decimal? IRowReader.OptionalDecimal() => values[next].IsNull ? Skip<decimal?>() : values[next++].Amount;
    int IRowReader.Integer() => checked((int)values[next++].Number);
    int? IRowReader.OptionalInteger() => values[next].IsNull ? Skip<int?>() : ((IRowReader)this).Integer();
    bool IRowReader.Boolean() => values[next++].Number != 0;

    T? Skip<T>()
    {
        next++;
        return default;
    }

    readonly record struct Value(string? Text, long Number, decimal Amount, bool IsNull = false)
    {
        public static Value Null { get; } = new(null, 0, 0m, IsNull: true);
    }
}
