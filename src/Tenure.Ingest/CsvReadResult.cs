namespace Tenure.Ingest;

/// <summary>
/// What reading one CSV file gave: its rows when it was valid, otherwise no rows (all or nothing)
/// and its errors in line order.
/// </summary>
public sealed record CsvReadResult<T>(IReadOnlyList<T> Rows, IReadOnlyList<InputError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
