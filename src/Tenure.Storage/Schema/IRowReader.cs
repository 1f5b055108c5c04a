namespace Tenure.Storage.Schema;

/// <summary>Gives one stored row's values in column order (tenant_id excluded); instants come back as UTC.</summary>
internal interface IRowReader
{
    string Text();
    string? OptionalText();
    DateTime Instant();
    DateTime? OptionalInstant();
    decimal Decimal();
    decimal? OptionalDecimal();
    int Integer();
    int? OptionalInteger();
    bool Boolean();
}
