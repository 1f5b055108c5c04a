using Tenure.Metrics.Inputs;

namespace Tenure.Ingest;

/// <summary>
/// What reading a set of input files gave: the data set when every file was valid, otherwise
/// null (all or nothing) with the errors of every file, in file order (accounts.csv first) and line order.
/// </summary>
public sealed record ReadResult(TenureDataSet? DataSet, IReadOnlyList<InputError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
