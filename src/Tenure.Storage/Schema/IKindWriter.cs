namespace Tenure.Storage.Schema;

/// <summary>A provider's bulk path: writes one kind's rows within the import's transaction and says what it did.</summary>
internal interface IKindWriter
{
    Task<KindImportSummary> WriteAsync<T>(KindTable<T> table, IReadOnlyList<T> rows, CancellationToken cancellationToken);
}
