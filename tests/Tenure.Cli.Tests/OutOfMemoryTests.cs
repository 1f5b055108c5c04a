namespace Tenure.Cli.Tests;

/// <summary>Running out of memory (a million accounts under a small heap limit) ends `tenure` with a plain error, not a stack trace.</summary>
public sealed class OutOfMemoryTests
{
    [Fact]
    public void Out_of_memory_is_told_apart_thrown_as_is_or_gathered_from_parallel_work()
    {
        Assert.True(TenureApp.IsOutOfMemory(new OutOfMemoryException()));
        Assert.True(TenureApp.IsOutOfMemory(new InsufficientMemoryException())); // an OutOfMemoryException too
        Assert.True(TenureApp.IsOutOfMemory(new AggregateException(new OutOfMemoryException(), new OutOfMemoryException())));
        // Parallel.For inside a task: gathered twice.
        Assert.True(TenureApp.IsOutOfMemory(new AggregateException(new AggregateException(new OutOfMemoryException()))));

        Assert.False(TenureApp.IsOutOfMemory(new InvalidOperationException("a bug")));
        Assert.False(TenureApp.IsOutOfMemory(new AggregateException()));
        // A bug beside the out-of-memory is not hidden behind it.
        Assert.False(TenureApp.IsOutOfMemory(new AggregateException(new OutOfMemoryException(), new NullReferenceException())));
    }

    [Fact]
    public void The_message_says_how_much_memory_the_process_had_and_what_to_do()
    {
        // 8 GiB, as bench/metrics-1m.sh caps the heap (DOTNET_GCHeapHardLimit=0x200000000).
        string message = TenureApp.OutOfMemoryMessage(0x200000000);

        Assert.StartsWith("error: out of memory: the command needed more than the 8.0 GiB this process may use", message, StringComparison.Ordinal);
        Assert.Contains("DOTNET_GCHeapHardLimit", message, StringComparison.Ordinal);
        Assert.Contains("fewer metrics", message, StringComparison.Ordinal);
    }
}
