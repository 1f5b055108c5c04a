using BenchmarkDotNet.Attributes;

using Tenure.Ingest;
using Tenure.Metrics.Inputs;

namespace Tenure.Benchmarks.Metrics;

/// <summary>
/// Reading one kind of the DuckDB peer's 100,000-account set (../shared/peer, `gen.py --accounts 100000 --seed 11`;
/// directory TENURE_BENCH_PEER, default /tmp/peer-100k, made by bench/peer.sh), with accounts.csv as every real read
/// has it: where the CLI's read time goes, file by file (ADR 0215).
/// </summary>
[MemoryDiagnoser]
public class ReadKindBenchmarks
{
    private string directory = "";

    [Params(InputKind.Accounts, InputKind.Users, InputKind.Surveys, InputKind.Tickets, InputKind.Subscriptions, InputKind.Invoices, InputKind.Usage)]
    public InputKind Kind { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        directory = Environment.GetEnvironmentVariable("TENURE_BENCH_PEER") ?? "/tmp/peer-100k";
        if (!File.Exists(Path.Combine(directory, "usage.csv")))
            throw new InvalidOperationException($"{directory} has no usage.csv: run bench/peer.sh first (it generates the peer's data set), or set TENURE_BENCH_PEER.");
    }

    [Benchmark]
    public int Read()
    {
        var read = DataSetReader.ReadDirectory(directory, new ReadOptions { Kinds = InputKind.Accounts | Kind });
        return read.DataSet is { } data ? InputKinds.All.Sum(k => k.CountIn(data)) : throw new InvalidOperationException(read.Errors[0].ToString());
    }
}
