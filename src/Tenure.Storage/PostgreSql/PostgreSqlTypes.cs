using NpgsqlTypes;

using Tenure.Storage.Schema;

namespace Tenure.Storage.PostgreSql;

/// <summary>The PostgreSQL type of each <see cref="ColumnType"/> (as in <see cref="Model.PostgreSqlTenureDbContext"/>).</summary>
internal static class PostgreSqlTypes
{
    public static string Sql(ColumnType type) => type switch
    {
        ColumnType.Text => "text COLLATE \"C\"",
        ColumnType.Instant => "timestamptz",
        ColumnType.Decimal => "numeric",
        ColumnType.Integer => "integer",
        ColumnType.Boolean => "boolean",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static NpgsqlDbType Npgsql(ColumnType type) => type switch
    {
        ColumnType.Text => NpgsqlDbType.Text,
        ColumnType.Instant => NpgsqlDbType.TimestampTz,
        ColumnType.Decimal => NpgsqlDbType.Numeric,
        ColumnType.Integer => NpgsqlDbType.Integer,
        ColumnType.Boolean => NpgsqlDbType.Boolean,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Column names such as "date", "plan" and "interval" are keywords somewhere; quote them all.</summary>
    public static string Quote(string name) => "\"" + name + "\"";

    /// <summary>An instant as timestamptz wants it: Kind Utc (an unspecified kind is taken as UTC, as the inputs are).</summary>
    public static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
