using Npgsql;

using Tenure.Storage.Schema;

namespace Tenure.Storage.PostgreSql;

/// <summary>Reads a row of a kind table's columns (in order) from a PostgreSQL data reader; timestamptz comes back as UTC.</summary>
internal sealed class PostgreSqlRowReader(NpgsqlDataReader reader) : IRowReader
{
    int next;

    public bool Read()
    {
        next = 0;
        return reader.Read();
    }

    public string Text() => reader.GetString(next++);
    public string? OptionalText() => reader.IsDBNull(next) ? Skip<string>() : reader.GetString(next++);
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
