using Tenure.Cli.Commands;

namespace Tenure.Cli.Tests;

/// <summary>A large read is followed by one compacting collection before the compute (ADR 0325); a small one is not.</summary>
public sealed class DataLoadingTests
{
    private const long GiB = 1L << 30;

    [Theory]
    [InlineData(9 * GiB, 24 * GiB, true)] // a million accounts read on the 24 GiB benchmark machine
    [InlineData(1 * GiB, 24 * GiB, false)] // the peer's 100,000 accounts
    [InlineData(2 * GiB + 1, 8 * GiB, true)] // just past a quarter of an 8 GiB heap limit
    [InlineData(2 * GiB, 8 * GiB, false)] // a quarter exactly
    [InlineData(1 * GiB, 0, false)] // nothing known about the memory available
    public void Compacts_only_when_the_heap_holds_more_than_a_quarter_of_the_memory_available(long heap, long available, bool expected) =>
        Assert.Equal(expected, DataLoading.ShouldCompact(heap, available));
}
