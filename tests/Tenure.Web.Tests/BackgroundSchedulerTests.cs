using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;

using Microsoft.Extensions.Options;

using Tenure.Metrics.Engine;
using Tenure.Web.Hosting;

namespace Tenure.Web.Tests;

/// <summary>
/// Issue #13 item 3 (ADR 0405): work nobody waits for (a metric grid's build) runs on threads of its own at a lower
/// priority, its parallel loops and the code after its awaits too, so the cores go to the requests first.
/// </summary>
public sealed class BackgroundSchedulerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A guard against a hang, not a timing: the work takes milliseconds.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Run_TheWorkItsLoopsAndWhatFollowsItsAwaits_OnThreadsAtTheNiceValue()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Skip("nice values are Linux's");
        Assert.Equal(0, BackgroundScheduler.NiceOfThisThread());
        using var scheduler = new BackgroundScheduler(2, 10);
        var seen = new ConcurrentBag<(int? Nice, bool Ours)>();
        void Note() => seen.Add((BackgroundScheduler.NiceOfThisThread(), ReferenceEquals(TaskScheduler.Current, scheduler)));

        await scheduler.Run(async () =>
        {
            Note();
            await Task.Delay(10, Token);
            Note();
            // The engine's loops (InParallel.Here) and InParallel's own.
            Parallel.For(0, 32, InParallel.Here(), _ =>
            {
                Note();
                Thread.SpinWait(1000);
            });
            InParallel.For(32, _ => Note());
        }, Token).WaitAsync(Hang, Token);

        Assert.Equal(2 + 64, seen.Count);
        Assert.All(seen, s => Assert.Equal((10, true), s));
        // The caller's own thread is untouched.
        Assert.Equal(0, BackgroundScheduler.NiceOfThisThread());
    }

    [Fact]
    public async Task Run_NiceZero_LeavesThePriorityAlone()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Skip("nice values are Linux's");
        using var scheduler = new BackgroundScheduler(1, 0);
        Assert.Equal(0, await scheduler.Run(BackgroundScheduler.NiceOfThisThread, Token).WaitAsync(Hang, Token));
    }

    [Fact]
    public async Task Run_NestedParallelLoopsOnOneThread_AllIterationsRun()
    {
        // One thread, loops in loops: a thread waiting for a queued piece of its own work runs it itself.
        using var scheduler = new BackgroundScheduler(1, 0);
        var iterations = 0;
        var result = await scheduler.Run(() =>
        {
            Parallel.For(0, 8, InParallel.Here(), _ => Parallel.For(0, 8, InParallel.Here(), _ => Interlocked.Increment(ref iterations)));
            return iterations;
        }, Token).WaitAsync(Hang, Token);
        Assert.Equal(8 * 8, result);
    }

    [Fact]
    public async Task Run_WorkThatThrows_TheCallerGetsItsException()
    {
        using var scheduler = new BackgroundScheduler(1, 0);
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => scheduler.Run(async () =>
        {
            await Task.Yield();
            throw new InvalidOperationException("grid failed");
        }, Token).WaitAsync(Hang, Token));
        Assert.Equal("grid failed", thrown.Message);
    }

    [Fact]
    public async Task Run_AfterDispose_StillRuns()
    {
        // A grid asked for while the server stops: its work runs (on the thread pool) instead of failing.
        var scheduler = new BackgroundScheduler(1, 0);
        scheduler.Dispose();
        Assert.Equal(42, await scheduler.Run(() => 42, Token).WaitAsync(Hang, Token));
    }

    [Fact]
    public async Task BackgroundWork_ModelsThreadsAllBusy_AGridStillRuns()
    {
        // The churn model trains for a minute after a first start: the grids the metric queries read must not wait for it.
        using var work = new BackgroundWork(Options.Create(new CacheOptions { BackgroundNice = 0 }));
        using var release = new ManualResetEventSlim();
        var busy = Enumerable.Range(0, work.Models.MaximumConcurrencyLevel).Select(_ => work.Models.Run(() => release.Wait(Hang))).ToList();
        try
        {
            Assert.Equal(7, await work.Grids.Run(() => 7, Token).WaitAsync(Hang, Token));
            Assert.All(busy, b => Assert.False(b.IsCompleted));
        }
        finally
        {
            release.Set();
        }
        Assert.All(await Task.WhenAll(busy).WaitAsync(Hang, Token), Assert.True);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, -1)]
    [InlineData(1, 20)]
    public void New_OutOfRange_Refused(int threads, int nice) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackgroundScheduler(threads, nice));

    [Theory]
    [InlineData(-1)]
    [InlineData(20)]
    public void CacheOptions_BackgroundNiceOutOfRange_RefusedNamingTheField(int nice)
    {
        var options = new CacheOptions { BackgroundNice = nice };
        var errors = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true));
        Assert.Equal(["BackgroundNice"], errors.SelectMany(e => e.MemberNames));
    }
}
