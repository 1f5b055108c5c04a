using System.Runtime;

using Tenure.Cli.Commands;

using static Tenure.Cli.Tests.CliRunner;

namespace Tenure.Cli.Tests;

/// <summary>A `--data` read and the metrics' compute run without collections when their size fits (ADR 0340).</summary>
public sealed class NoCollectionRegionTests
{
    private const long MiB = 1L << 20, GiB = 1L << 30;

    [Theory]
    [InlineData(436 * MiB, 2.5, 24 * GiB, 1090 * MiB)] // the peer's 436 MB of files read on the 24 GiB machine: 2.5 x 436 MB
    [InlineData(3 * GiB, 2.5, 24 * GiB, 0)] // 7.5 GiB is over a quarter of 24 GiB (6 GiB): no region
    [InlineData(1 * GiB, 2.0, 8 * GiB, 2 * GiB)] // a quarter of an 8 GiB heap limit exactly
    [InlineData(1 * GiB + 1, 2.0, 8 * GiB, 0)] // two bytes past it
    [InlineData(0, 2.5, 24 * GiB, 0)] // no input files
    [InlineData(436 * MiB, 2.5, 0, 0)] // nothing known about the memory available
    public void Asks_for_factor_times_the_input_bytes_up_to_a_quarter_of_the_memory(long input, double factor, long available, long expected) =>
        Assert.Equal(expected, NoCollectionRegion.SizeFor(input, factor, available));

    /// <summary>accounts.csv of 3 bytes and usage.csv of 5, beside a file no read reads: 3 for accounts, 8 for every kind.</summary>
    [Fact]
    public void Input_bytes_count_the_files_of_the_kinds_read_and_nothing_for_a_directory_gone()
    {
        using var dir = new TempDirectory();
        dir.Write("accounts.csv", "abc");
        dir.Write("usage.csv", "abcde");
        dir.Write("notes.txt", "not an input file");

        Assert.Equal(3, DataLoading.InputBytes(dir.Path, Metrics.Inputs.InputKind.Accounts));
        Assert.Equal(8, DataLoading.InputBytes(dir.Path, (Metrics.Inputs.InputKind)~0));
        Assert.Equal(0, DataLoading.InputBytes(Path.Combine(dir.Path, "gone"), (Metrics.Inputs.InputKind)~0));
    }

    [Fact]
    public void No_size_is_no_region_and_a_region_the_runtime_ended_is_left_alone()
    {
        using (var none = NoCollectionRegion.Start(0))
            Assert.False(none.Started);

        // A small region, then more allocated than it allows: the runtime collects and ends it; ending it again must not throw.
        var region = NoCollectionRegion.Start(1 * MiB);
        var kept = new List<byte[]>();
        for (var i = 0; i < 64; i++)
            kept.Add(new byte[MiB]);
        GC.KeepAlive(kept);
        region.Dispose();
        region.Dispose();
        if (region.Started)
            Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    /// <summary>The real process, read and computed without collections and with them (TENURE_GC_REGIONS=0): the same table.</summary>
    [Fact]
    public async Task The_command_prints_the_same_with_and_without_regions()
    {
        using var dir = new TempDirectory();
        WriteDemo(dir.Path, 400);
        string[] metrics = ["metrics", "--data", dir.Path, "--from", "2024-11-01", "--to", "2026-11-01", "--by", "csm", "--format", "json", "--timings"];

        var with = await RunTenureProcessAsync(new Dictionary<string, string>(), metrics);
        var without = await RunTenureProcessAsync(new Dictionary<string, string> { ["TENURE_GC_REGIONS"] = "0" }, metrics);

        Assert.True(with.ExitCode == 0, with.Error);
        Assert.True(without.ExitCode == 0, without.Error);
        Assert.Contains("\"results\"", with.Out, StringComparison.Ordinal);
        Assert.Equal(without.Out, with.Out);
    }
}
