using System.Runtime.ExceptionServices;

namespace Tenure.Metrics.Engine;

/// <summary>Independent pieces of work run at once, failing as they would one by one.</summary>
public static class InParallel
{
    /// <summary>
    /// Runs <paramref name="work"/> for 0 to <paramref name="count"/> - 1 at once (<see cref="Parallel.For(int, int, Action{int})"/>);
    /// when pieces fail, the first one's exception in index order is thrown as itself (not wrapped in an
    /// <see cref="AggregateException"/>), after every piece has ended.
    /// </summary>
    public static void For(int count, Action<int> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var failures = new ExceptionDispatchInfo?[count];
        Parallel.For(0, count, Here(), i =>
        {
            try
            {
                work(i);
            }
            catch (Exception e)
            {
                failures[i] = ExceptionDispatchInfo.Capture(e);
            }
        });
        foreach (var failure in failures)
            failure?.Throw();
    }

    /// <summary>
    /// The options of a parallel loop that runs where its caller runs (<see cref="TaskScheduler.Current"/>): on the default
    /// scheduler anywhere but in a server's background work, whose loops stay on its own lower-priority threads (ADR 0405).
    /// A loop's default options would send its pieces to the default scheduler from anywhere.
    /// At most one piece per processor runs at a time (ADR 0440): unbounded, a loop also runs on the thread pool's extra
    /// threads and the calling thread, more threads than processors, which then take turns.
    /// </summary>
    public static ParallelOptions Here(CancellationToken cancellationToken = default) =>
        new() { TaskScheduler = TaskScheduler.Current, CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };

    /// <summary><see cref="For"/> over <paramref name="parts"/>: each run once, at once; the first failure in their order thrown as itself.</summary>
    public static void Invoke(params Action[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        For(parts.Length, i => parts[i]());
    }
}
