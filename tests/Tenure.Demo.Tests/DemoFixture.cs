using Tenure.Ingest;

[assembly: AssemblyFixture(typeof(Tenure.Demo.Tests.DemoFixture))]

namespace Tenure.Demo.Tests;

/// <summary>
/// One 2,000-account data set (seed 42, the benchmark seed), generated in memory and written to
/// disk and read back with the real reader, shared by the tests that only look at it.
/// </summary>
public sealed class DemoFixture : IDisposable
{
    private readonly TempDirectory directory = new();

    public DemoFixture()
    {
        Summary = DemoCsvWriter.Write(Options, directory.Path);
        InMemory = DemoDataGenerator.Generate(Options);
        ReadBack = DataSetReader.ReadDirectory(directory.Path);
    }

    /// <summary>A fixed as-of day (2026-11-01): the realism ranges and rules were checked against its last full month, 2026-10.</summary>
    public static DemoOptions Options { get; } = new() { Accounts = 2_000, Seed = 42, AsOf = DemoOptions.DefaultAsOf };

    public string Directory => directory.Path;

    public DemoWriteSummary Summary { get; }

    public DemoDataSet InMemory { get; }

    public ReadResult ReadBack { get; }

    public void Dispose() => directory.Dispose();
}
