using Npgsql;

using NpgsqlTypes;

using Tenure.Storage.Schema;

namespace Tenure.Storage.PostgreSql;

/// <summary>Writes rows of a kind table into a binary COPY (optionally with tenant_id as the first column).</summary>
internal sealed class PostgreSqlCopyWriter<T>(NpgsqlBinaryImporter importer, KindTable<T> table, string? tenant) : IRowWriter
{
    public void Write(T row)
    {
        importer.StartRow();
        if (tenant is not null)
        {
            importer.Write(tenant, NpgsqlDbType.Text);
        }
        table.Write(row, this);
    }

    public void Text(string value) => importer.Write(value, NpgsqlDbType.Text);

    public void OptionalText(string? value)
    {
        if (value is null) importer.WriteNull();
        else importer.Write(value, NpgsqlDbType.Text);
    }

    public void Instant(DateTime value) => importer.Write(PostgreSqlTypes.Utc(value), NpgsqlDbType.TimestampTz);

    public void OptionalInstant(DateTime? value)
    {
        if (value is { } v) Instant(v);
        else importer.WriteNull();
    }

    public void Decimal(decimal value) => importer.Write(value, NpgsqlDbType.Numeric);

    public void OptionalDecimal(decimal? value)
    {
        if (value is { } v) importer.Write(v, NpgsqlDbType.Numeric);
        else importer.WriteNull();
    }

    public void Integer(int value) => importer.Write(value, NpgsqlDbType.Integer);

    public void OptionalInteger(int? value)
    {
        if (value is { } v) importer.Write(v, NpgsqlDbType.Integer);
        else importer.WriteNull();
    }

    public void Boolean(bool value) => importer.Write(value, NpgsqlDbType.Boolean);
}
