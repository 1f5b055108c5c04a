using System.Diagnostics;

using Microsoft.Extensions.Options;

namespace Tenure.Web.Hosting;

/// <summary>
/// Turns at computing what is not cached yet (a dashboard page's model, an API metric answer): at most
/// <see cref="CacheOptions.ConcurrentComputations"/> at once server-wide (default the processor count), the others waiting
/// their turn. A computation is work for the cores and memory for its intermediate rows; twenty of them at once on two
/// cores take no less time together than in turns, and each holds its rows the whole while, so the server's memory under
/// load grew with the number of clients (ADR 0355). A request whose answer is cached takes no turn; a request that goes
/// away stops waiting. The time a request waits is in its Server-Timing header (<c>queue</c>).
/// </summary>
/// <remarks>
/// Who goes next (ADR 0495): each computation names its kind (a page, its period's kind and number of filters; an API
/// query's period and split), and the turns learn how long each kind takes (a moving average of the last ones). A waiting
/// computation is due at the time it asked plus <see cref="CacheOptions.TurnsByCost"/> times its kind's expected time,
/// and the turn goes to the earliest due: a view that takes 30 ms does not wait behind a custom range that takes 300 ms
/// and asked just before it, and none waits for ever (a later request is due later once its expected time has passed).
/// With a factor of 0, or kinds never timed, turns go oldest first.
/// </remarks>
public sealed class ComputeTurns
{
    /// <summary>The weight of the latest computation in its kind's expected time.</summary>
    private const double Learning = 0.2;

    private readonly Lock gate = new();
    private readonly PriorityQueue<TaskCompletionSource, (long Due, long Order)> queue = new();
    private readonly Dictionary<string, double> expectedTicks = new(StringComparer.Ordinal);
    private readonly double byCost;
    private long order;
    private int running;
    private int waiting;

    public ComputeTurns(IOptions<CacheOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Count = options.Value.ConcurrentComputations > 0 ? options.Value.ConcurrentComputations : Environment.ProcessorCount;
        byCost = options.Value.TurnsByCost;
    }

    /// <summary>How many computations may run at once.</summary>
    public int Count { get; }

    /// <summary>How many computations run now (tests and measurements).</summary>
    public int Running
    {
        get
        {
            lock (gate)
                return running;
        }
    }

    /// <summary>How many requests wait for a turn now (tests and measurements).</summary>
    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>Waits for a turn of no named kind (taken oldest first among the untimed); dispose the result to give it back.</summary>
    public ValueTask<Turn> WaitAsync(CancellationToken cancellationToken) => WaitAsync(null, cancellationToken);

    /// <summary>
    /// Waits for a turn at computing work of <paramref name="kind"/> (null: of no kind, expected to take no time); dispose
    /// the result to give it back, which also times the kind. Throws <see cref="OperationCanceledException"/> when
    /// <paramref name="cancellationToken"/> is.
    /// </summary>
    public async ValueTask<Turn> WaitAsync(string? kind, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var asked = Stopwatch.GetTimestamp();
        TaskCompletionSource waiter;
        lock (gate)
        {
            if (running < Count)
            {
                running++;
                return new Turn(this, kind, asked);
            }
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var due = asked + (long)(byCost * ExpectedTicks(kind));
            queue.Enqueue(waiter, (due, order++));
            waiting++;
        }
        try
        {
            using (cancellationToken.UnsafeRegister(static (state, token) => Cancel(((ComputeTurns, TaskCompletionSource))state!, token), (this, waiter)))
                await waiter.Task.ConfigureAwait(false);
        }
        finally
        {
            // Told in the response's Server-Timing header: how much of its time the request waited for others.
            ServerTiming.AddQueued(Stopwatch.GetElapsedTime(asked));
        }
        return new Turn(this, kind, Stopwatch.GetTimestamp());
    }

    /// <summary>The expected time of <paramref name="kind"/>'s next computation, in <see cref="Stopwatch"/> ticks (0 when never timed).</summary>
    private double ExpectedTicks(string? kind) =>
        kind is not null && expectedTicks.TryGetValue(kind, out var ticks) ? ticks : 0;

    private static void Cancel((ComputeTurns Turns, TaskCompletionSource Waiter) state, CancellationToken token)
    {
        lock (state.Turns.gate)
        {
            // Still waiting: it leaves the queue's count now and is skipped when it comes up. Handed a turn already: it runs.
            if (state.Waiter.TrySetCanceled(token))
                state.Turns.waiting--;
        }
    }

    private void Release(string? kind, long started)
    {
        var took = Stopwatch.GetTimestamp() - started;
        lock (gate)
        {
            if (kind is not null)
                expectedTicks[kind] = expectedTicks.TryGetValue(kind, out var before) ? before + Learning * (took - before) : took;
            while (queue.TryDequeue(out var next, out _))
            {
                if (next.TrySetResult())
                {
                    waiting--;
                    return; // the turn passes to it
                }
            }
            running--;
        }
    }

    /// <summary>A turn at computing, given back when disposed; the default one holds nothing (an answer found cached).</summary>
    public readonly struct Turn : IDisposable
    {
        private readonly ComputeTurns? turns;
        private readonly string? kind;
        private readonly long started;

        internal Turn(ComputeTurns turns, string? kind, long started)
        {
            this.turns = turns;
            this.kind = kind;
            this.started = started;
        }

        public void Dispose() => turns?.Release(kind, started);
    }
}
