using Tenure.Ingest;
using Tenure.Metrics.Inputs;

namespace Tenure.Benchmarks.Metrics;

/// <summary>The DuckDB peer's 100,000-account set (directory TENURE_BENCH_PEER, default /tmp/peer-100k, made by bench/peer.sh), read with the real reader.</summary>
internal static class PeerDataSet
{
    public static TenureDataSet Read()
    {
        var directory = Environment.GetEnvironmentVariable("TENURE_BENCH_PEER") ?? "/tmp/peer-100k";
        if (!File.Exists(Path.Combine(directory, "usage.csv")))
            throw new InvalidOperationException($"{directory} has no usage.csv: run bench/peer.sh first (it generates the peer's data set), or set TENURE_BENCH_PEER.");
        var read = DataSetReader.ReadDirectory(directory);
        return read.DataSet ?? throw new InvalidOperationException(read.Errors[0].ToString());
    }
}
