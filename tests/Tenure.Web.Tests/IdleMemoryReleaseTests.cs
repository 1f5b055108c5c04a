using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

using Tenure.Web.Hosting;

namespace Tenure.Web.Tests;

/// <summary>The memory the collector keeps beyond the live heap is given back once the server is idle (ADR 0240).</summary>
public sealed class IdleMemoryReleaseTests
{
    const long MB = 1024 * 1024;

    [Theory]
    // The 100k tenant's server measured: 3.7 GB resident after its first load and background work, 1.5 GB after a release.
    [InlineData(3_700 * MB, 1_500 * MB, true)]
    // Before the first release (0): 256 MB is enough.
    [InlineData(256 * MB, 0, true)]
    [InlineData(255 * MB, 0, false)]
    // 300 MB past 1.5 GB: past 256 MB but under a quarter of 1.5 GB (375 MB).
    [InlineData(1_800 * MB, 1_500 * MB, false)]
    // A quarter exactly.
    [InlineData(1_875 * MB, 1_500 * MB, true)]
    // A small process: 256 MB past it, though a quarter of it is less.
    [InlineData(355 * MB, 100 * MB, false)]
    [InlineData(356 * MB, 100 * MB, true)]
    // Smaller than after the last release: nothing to do.
    [InlineData(1_400 * MB, 1_500 * MB, false)]
    public void Releasable_WhenTheProcessGrewWellPastWhatItHeldAfterTheLastRelease(long resident, long afterLastRelease, bool expected) =>
        Assert.Equal(expected, IdleMemoryRelease.Releasable(resident, afterLastRelease));

    [Theory]
    // The peer's tenant released 2.3 GB into a pause of its churn scoring, the model's data still live; at 2.6 GB once the
    // scoring ended (1.0 GB live), it had not grown by a quarter. A whole 2.3 GB allocated since makes it worth a look.
    [InlineData(2_600 * MB, 2_300 * MB, 2_300 * MB, true)]
    [InlineData(2_600 * MB, 2_300 * MB, 2_299 * MB, false)]
    // At least 256 MB allocated, however small the process was after the release.
    [InlineData(150 * MB, 100 * MB, 255 * MB, false)]
    [InlineData(150 * MB, 100 * MB, 256 * MB, true)]
    // Before the first release the growth alone decides (the allocation of the start is the tenant's load, mostly live).
    [InlineData(200 * MB, 0, 4_000 * MB, false)]
    public void Releasable_WhenTheProcessAllocatedAsMuchAsItHeldAfterTheLastRelease(long resident, long afterLastRelease, long allocatedSince, bool expected) =>
        Assert.Equal(expected, IdleMemoryRelease.Releasable(resident, afterLastRelease, allocatedSince));

    [Fact]
    public async Task ZeroSeconds_NeverLooks()
    {
        using var release = new IdleMemoryRelease(Options.Create(new CacheOptions { ReleaseWhenIdleSeconds = 0 }), NullLogger<IdleMemoryRelease>.Instance);

        await release.StartAsync(TestContext.Current.CancellationToken);

        // Ends by itself (a looking service runs until the host stops).
        await release.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(release.ExecuteTask.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task ARequest_IsActivity_WhenItStarts_AndWhenItEnds_EvenWhenItFails()
    {
        using var release = new IdleMemoryRelease(Options.Create(new CacheOptions()), NullLogger<IdleMemoryRelease>.Instance);
        var before = release.LastActivity;
        var atStart = 0L;

        await Assert.ThrowsAsync<InvalidOperationException>(() => release.TrackAsync(new DefaultHttpContext(), _ =>
        {
            atStart = release.LastActivity;
            Thread.Sleep(20);
            throw new InvalidOperationException("the endpoint failed");
        }));

        Assert.True(atStart > before);
        Assert.True(release.LastActivity > atStart);
    }
}
