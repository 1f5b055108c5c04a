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
    public void Invoke_RunsEachPart_AndThrowsTheFirstPartsFailure()
    {
        int a = 0, b = 0;
        InParallel.Invoke(() => a = 1, () => b = 2);
        Assert.Equal((1, 2), (a, b));
        var thrown = Assert.Throws<FormatException>(() => InParallel.Invoke(() => { }, () => throw new FormatException("second"), () => throw new OverflowException("third")));
        Assert.Equal("second", thrown.Message);
    }
}
