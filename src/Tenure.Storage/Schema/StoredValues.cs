using System.Globalization;

using Tenure.Storage.Sqlite;

namespace Tenure.Storage.Schema;

/// <summary>
/// One row's values as an import stores them and a load reads them back, without the database: written through a
/// table's <see cref="KindTable{T}.Write"/> (as the bulk paths bind them), read through its <see cref="KindTable{T}.Read"/>
/// (as the loads read them). On SQLite an instant keeps whole microseconds and a decimal loses its trailing zeros
/// (<see cref="SqliteValues.Format"/>, parsed back as a load parses it); on PostgreSQL a decimal is kept as it is
/// (unconstrained numeric keeps its scale). A text is the same text (the string given: no pool is needed for records
/// read from files, whose readers pool their ids).
/// </summary>
/// <remarks>
/// Not followed here, so <see cref="Exact"/> turns false and the caller reads the database instead: a text holding a
/// lone UTF-16 surrogate (bound as UTF-16 for SQLite's own conversion); on PostgreSQL an instant with a fraction of a microsecond
/// (rounded towards its 2000-01-01 epoch, not towards 1970's) and a decimal zero with a minus sign (numeric has no
/// negative zero).
/// </remarks>
internal sealed class StoredValues(DatabaseProvider provider) : IRowWriter, IRowReader
{
    readonly List<Value> values = [];
    int next;

    /// <summary>False once a value was written whose stored form this class does not reproduce.</summary>
    public bool Exact { get; private set; } = true;

    /// <summary>
    /// Whether every value of the row since <see cref="Start"/> is stored as given (same text, whole microseconds in UTC,
    /// a decimal's bits and scale kept): then the row read back equals the row written, and a caller may keep the latter.
    /// </summary>
    public bool RowAsGiven { get; private set; }

    /// <summary>Starts a row: what is written next is read back next.</summary>
    public void Start()
    {
        values.Clear();
        next = 0;
        RowAsGiven = true;
    }

    public void Text(string value)
    {
        if (value.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') && !PairedSurrogates(value))
            Exact = false;
        values.Add(new Value(value, 0, 0m));
    }

    /// <summary>
    /// Whether every surrogate of <paramref name="text"/> is half of a pair (an emoji, say): such text is valid UTF-16 and
    /// goes to both databases as its UTF-8 (<see cref="SqliteStatement.BindText"/>), so it is read back as given.
    /// </summary>
    static bool PairedSurrogates(ReadOnlySpan<char> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsLowSurrogate(text[i]))
                return false;
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1]))
                    return false;
                i++;
            }
        }
        return true;
    }

    public void OptionalText(string? value)
    {
        if (value is null) values.Add(Value.Null);
        else Text(value);
    }

    public void Instant(DateTime value)
    {
        if (value.Ticks % 10 != 0)
        {
            RowAsGiven = false;
            if (provider == DatabaseProvider.PostgreSql)
                Exact = false;
        }
        if (value.Kind != DateTimeKind.Utc)
            RowAsGiven = false;
        values.Add(new Value(null, SqliteValues.ToUnixMicroseconds(value), 0m));
    }

    public void OptionalInstant(DateTime? value)
    {
        if (value is { } v) Instant(v);
        else values.Add(Value.Null);
    }

    public void Decimal(decimal value)
    {
        if (provider == DatabaseProvider.PostgreSql)
        {
            if (value == 0m && decimal.IsNegative(value))
                Exact = false;
            values.Add(new Value(null, 0, value));
            return;
        }
        Span<char> text = stackalloc char[SqliteValues.MaxDecimalLength];
        var stored = decimal.Parse(text[..SqliteValues.Format(value, text)], SqliteValues.DecimalStyles, CultureInfo.InvariantCulture);
        if (!SameBits(stored, value))
            RowAsGiven = false;
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

    /// <summary>Equal as numbers, with the same scale and sign (so 1.5 is not 1.50, nor 0 -0).</summary>
    static bool SameBits(decimal a, decimal b) => a == b && a.Scale == b.Scale && decimal.IsNegative(a) == decimal.IsNegative(b);

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
