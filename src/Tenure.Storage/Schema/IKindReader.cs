namespace Tenure.Storage.Schema;

/// <summary>A provider's load path: one kind's rows of a tenant, in key order, within one read snapshot.</summary>
internal interface IKindReader
{
    Task<IReadOnlyList<T>> ReadAsync<T>(KindTable<T> table, CancellationToken cancellationToken);

    /// <summary>The tenant's present_kinds and data_version; (None, 0) for an unknown tenant.</summary>
    Task<(Metrics.Inputs.InputKind Present, long DataVersion)> TenantAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The rows of a query over the tenant's rows of a table outside the input kinds (Tenure's own tasks and notes),
    /// in the same snapshot; <paramref name="sql"/> writes the tenant parameter as <c>{tenant}</c>.
    /// </summary>
    Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<IRowReader, T> read, CancellationToken cancellationToken);

    /// <summary>The tenant's account ids, ordinal order.</summary>
    Task<IReadOnlyList<string>> AccountIdsAsync(CancellationToken cancellationToken);

    /// <summary>The tenant's survey sends (links and e-mails Tenure sent), by send id, with their survey's type.</summary>
    Task<IReadOnlyList<Metrics.Inputs.SurveySend>> SurveySendsAsync(CancellationToken cancellationToken);
}
