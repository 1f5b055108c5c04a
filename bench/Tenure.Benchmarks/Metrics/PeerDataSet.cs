using Tenure.Ingest;
using Tenure.Metrics.Inputs;
using Tenure.Storage;

namespace Tenure.Benchmarks.Metrics;

/// <summary>
/// The DuckDB peer's 100,000-account set (directory TENURE_BENCH_PEER, default /tmp/peer-100k, made by bench/peer.sh), read
/// with the real reader; or, with TENURE_BENCH_DB set to a database that set was imported into (bench/dashboard-load.sh
/// keeps one), its default tenant loaded as the server loads it: rows in key order, account first, not in the files' order.
/// </summary>
internal static class PeerDataSet
{
    public static TenureDataSet Read()
    {
        if (Environment.GetEnvironmentVariable("TENURE_BENCH_DB") is { Length: > 0 } db)
        {
            var database = TenureDatabase.Open(DatabaseLocation.Parse(db));
            try
            {
                return StoredData.LoadAsync(database, "default").GetAwaiter().GetResult();
            }
            finally
            {
                database.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        var directory = Environment.GetEnvironmentVariable("TENURE_BENCH_PEER") ?? "/tmp/peer-100k";
        if (!File.Exists(Path.Combine(directory, "usage.csv")))
            throw new InvalidOperationException($"{directory} has no usage.csv: run bench/peer.sh first (it generates the peer's data set), or set TENURE_BENCH_PEER.");
        var read = DataSetReader.ReadDirectory(directory);
        return read.DataSet ?? throw new InvalidOperationException(read.Errors[0].ToString());
    }
}
