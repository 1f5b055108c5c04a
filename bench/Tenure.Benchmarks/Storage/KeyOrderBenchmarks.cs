using BenchmarkDotNet.Attributes;

using Tenure.Benchmarks.Metrics;
using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;
using Tenure.Storage.Tables;

namespace Tenure.Benchmarks.Storage;

/// <summary>
/// An import's rows put in key order before they are written (KeyOrder, ADR 0185): each large kind of the DuckDB peer's
/// 100,000-account set (directory TENURE_BENCH_PEER, default /tmp/peer-100k, made by bench/peer.sh), read with the real
/// reader, in the order its file gives them.
/// </summary>
[MemoryDiagnoser]
public class KeyOrderBenchmarks
{
    private TenureDataSet data = null!;
    private KindTable table = null!;

    /// <summary>usage_days (4.5 M rows keyed by account, user and day), subscriptions (1.45 M, by id and start), invoices (1.5 M, by id), tickets (500 K, by id).</summary>
    [Params("usage_days", "subscriptions", "invoices", "tickets")]
    public string Table { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        data = PeerDataSet.Read();
        table = StoredTables.All.Single(t => t.Name == Table);
    }

    [Benchmark]
    public TenureDataSet InKeyOrder() => table.AddInWriteOrder(new TenureDataSet(), data);
}
