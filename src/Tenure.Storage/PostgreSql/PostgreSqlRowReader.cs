using Npgsql;

using Tenure.Storage.Schema;

namespace Tenure.Storage.PostgreSql;

/// <summary>Reads a row of a kind table's columns (in order) from a PostgreSQL data reader; timestamptz comes back as UTC; short texts come from the load's <see cref="TextPool"/>.</summary>
internal sealed class PostgreSqlRowReader(NpgsqlDataReader reader, TextPool texts) : IRowReader
{
    int next;

    public bool Read()
    {
        next = 0;
        return reader.Read();
    }

    public string Text() => texts.Of(reader.GetString(next++));
    public string? OptionalText() => reader.IsDBNull(next) ? Skip<string>() : Text();
    public DateTime Instant() => reader.GetFieldValue<DateTime>(next++);
    public DateTime? OptionalInstant() => reader.IsDBNull(next) ? Skip<DateTime?>() : Instant();
    public decimal Decimal() => reader.GetDecimal(next++);
    public decimal? OptionalDecimal() => reader.IsDBNull(next) ? Skip<decimal?>() : Decimal();
    public int Integer() => reader.GetInt32(next++);
    public int? OptionalInteger() => reader.IsDBNull(next) ? Skip<int?>() : Integer();
    public bool Boolean() => reader.GetBoolean(next++);

    T? Skip<T>()
    {
        next++;
        return default;
    }
}
