using Tenure.Metrics.Engine;

namespace Tenure.Metrics.Tests;

public sealed class InParallelTests
{
    [Fact]
    public void For_RunsEveryPieceOnce()
    {
        var runs = new int[100];
        InParallel.For(runs.Length, i => Interlocked.Increment(ref runs[i]));
        Assert.All(runs, r => Assert.Equal(1, r));
    }

    [Fact]
    public void For_ThrowsTheFirstFailureInIndexOrderAsItself_AfterEveryPieceEnded()
    {
        var ran = new bool[8];
        var thrown = Assert.Throws<InvalidOperationException>(() => InParallel.For(ran.Length, i =>
        {
            ran[i] = true;
            if (i == 6) throw new ArgumentException("six");
            if (i == 3) throw new InvalidOperationException("three");
        }));
        Assert.Equal("three", thrown.Message);
        Assert.All(ran, Assert.True);
    }

    [Fact]
    public void For_NeverRunsMorePiecesAtOnceThanProcessors()
    {
        // Pieces that block (here: sleep) make the thread pool add threads; unbounded, the loop would run on those too,
        // beside the calling thread: more pieces at once than processors (ADR 0440).
        int running = 0, most = 0;
        InParallel.For(8 * Environment.ProcessorCount + 8, _ =>
        {
            var now = Interlocked.Increment(ref running);
            for (var seen = Volatile.Read(ref most); now > seen; seen = Volatile.Read(ref most))
                Interlocked.CompareExchange(ref most, now, seen);
            Thread.Sleep(20);
            Interlocked.Decrement(ref running);
        });
        Assert.InRange(most, 1, Environment.ProcessorCount);
        Assert.Equal(Environment.ProcessorCount, InParallel.Here(TestContext.Current.CancellationToken).MaxDegreeOfParallelism);
    }

    [Fact]
    public void Invoke_RunsEachPart_AndThrowsTheFirstPartsFailure()
    {
        int a = 0, b = 0;
        InParallel.Invoke(() => a = 1, () => b = 2);
        Assert.Equal((1, 2), (a, b));
        var thrown = Assert.Throws<FormatException>(() => InParallel.Invoke(() => { }, () => throw new FormatException("second"), () => throw new OverflowException("third")));
        Assert.Equal("second", thrown.Message);
    }
}
