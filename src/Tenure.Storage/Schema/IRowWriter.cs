namespace Tenure.Storage.Schema;

/// <summary>
/// Receives one row's values in column order (tenant_id excluded); each provider's bulk path
/// implements it (SQLite parameters, PostgreSQL binary COPY). Optional text, when it is part of a
/// key, is written as "" by the table, never null.
/// </summary>
internal interface IRowWriter
{
    void Text(string value);
    void OptionalText(string? value);
    void Instant(DateTime value);
    void OptionalInstant(DateTime? value);
    void Decimal(decimal value);
    void OptionalDecimal(decimal? value);
    void Integer(int value);
    void OptionalInteger(int? value);
    void Boolean(bool value);
}
