using Microsoft.Extensions.Options;

namespace Tenure.Web.Hosting;

/// <summary>
/// Turns at computing what is not cached yet (a dashboard page's model, an API metric answer): at most
/// <see cref="CacheOptions.ConcurrentComputations"/> at once server-wide (default the processor count), the others waiting
/// their turn in the order they asked. A computation is work for the cores and memory for its intermediate rows; twenty
/// of them at once on two cores take no less time together than in turns, and each holds its rows the whole while, so the
/// server's memory under load grew with the number of clients (ADR 0355). A request whose answer is cached takes no turn;
/// a request that goes away stops waiting.
/// </summary>
public sealed class ComputeTurns
{
    private readonly SemaphoreSlim turns;

    public ComputeTurns(IOptions<CacheOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Count = options.Value.ConcurrentComputations > 0 ? options.Value.ConcurrentComputations : Environment.ProcessorCount;
        turns = new SemaphoreSlim(Count, Count);
    }

    /// <summary>How many computations may run at once.</summary>
    public int Count { get; }

    private int waiting;

    /// <summary>How many computations run now (tests and measurements).</summary>
    public int Running => Count - turns.CurrentCount;

    /// <summary>How many requests wait for a turn now (tests and measurements).</summary>
    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>Waits for a turn; dispose the result to give it back. Throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is.</summary>
    public async ValueTask<Turn> WaitAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref waiting);
        try
        {
            await turns.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
        return new Turn(turns);
    }

    /// <summary>A turn at computing, given back when disposed; the default one holds nothing (an answer found cached).</summary>
    public readonly struct Turn(SemaphoreSlim? turns) : IDisposable
    {
        public void Dispose() => turns?.Release();
    }
}
