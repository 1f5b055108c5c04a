using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Tenure.Web.Hosting;

/// <summary>
/// Threads of their own, at a lower priority than the requests', for work nobody waits for (a metric grid's build): its
/// tasks, and the parallel loops inside them (<see cref="Parallel"/> runs on <see cref="TaskScheduler.Current"/>), run on
/// these threads, so on a busy machine the cores go to the requests first and the work takes what they leave: a metric
/// grid asked for by a first view under a new filter (unless requests wait for turns), the churn model's training and
/// scoring, the health history's scores. On two cores the 23 first support views of bench/first-support-views.txt took
/// 6.3-7.6 s together with the grids they asked for built beside them at the same priority, 5.0-5.7 s with the grids
/// here; right after a first start 10.4-16.3 s against 5.4-8.3 s (ADR 0405, docs/benchmarks.md).
/// </summary>
/// <remarks>
/// On Linux each thread raises its own nice value to <see cref="CacheOptions.BackgroundNice"/> (per thread there;
/// <c>setpriority</c> needs no privilege to lower a priority); elsewhere it asks for
/// <see cref="ThreadPriority.BelowNormal"/>, which Windows honours and macOS may not. A thread of the scheduler that
/// waits for one of its tasks runs it itself (inlined), so nested loops never wait for a free thread.
/// </remarks>
public sealed partial class BackgroundScheduler : TaskScheduler, IDisposable
{
    private readonly BlockingCollection<Task> queue = [];

    /// <summary>The scheduler whose thread this is (null on any other thread).</summary>
    [ThreadStatic]
    private static BackgroundScheduler? owner;

    /// <summary>
    /// A scheduler of <paramref name="threads"/> threads at nice <paramref name="nice"/> (0: the process's own priority),
    /// named <paramref name="name"/> and their number (Linux shows 15 characters of it: <c>top -H</c>).
    /// </summary>
    public BackgroundScheduler(int threads, int nice, string name = "Tenure background")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(nice);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nice, 19);
        MaximumConcurrencyLevel = threads;
        Nice = nice;
        for (var t = 0; t < threads; t++)
        {
            new Thread(Work) { IsBackground = true, Name = $"{name} {t + 1}" }.Start();
        }
    }

    /// <summary>The nice value the threads ask for (0: none asked).</summary>
    public int Nice { get; }

    public override int MaximumConcurrencyLevel { get; }

    /// <summary>Runs <paramref name="work"/> (and what it awaits or runs in parallel) on the background threads.</summary>
    public Task Run(Func<Task> work, CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    /// <summary>Runs <paramref name="work"/> (and what it awaits or runs in parallel) on the background threads and gives its result.</summary>
    public Task<T> Run<T>(Func<Task<T>> work, CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    /// <summary>Runs <paramref name="work"/> on the background threads and gives its result.</summary>
    public Task<T> Run<T>(Func<T> work, CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.DenyChildAttach, this);

    public void Dispose() => queue.CompleteAdding();

    protected override void QueueTask(Task task)
    {
        if (!queue.IsAddingCompleted)
        {
            try
            {
                queue.Add(task);
                return;
            }
            catch (InvalidOperationException)
            {
                // Disposed meanwhile (the server is stopping): run below rather than fail the work.
            }
        }
        ThreadPool.UnsafeQueueUserWorkItem(_ => TryExecuteTask(task), null);
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        ReferenceEquals(owner, this) && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => queue.ToArray();

    private void Work()
    {
        owner = this;
        if (Nice > 0)
            LowerThisThread(Nice);
        try
        {
            foreach (var task in queue.GetConsumingEnumerable())
                TryExecuteTask(task);
        }
        catch (ObjectDisposedException)
        {
            // Disposed while waiting: the server is stopping.
        }
    }

    /// <summary>
    /// Lowers the calling thread's priority: on Linux its nice value to <paramref name="nice"/> (true when the kernel took
    /// it), elsewhere <see cref="ThreadPriority.BelowNormal"/>.
    /// </summary>
    public static bool LowerThisThread(int nice)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                // PRIO_PROCESS with who = 0 is the calling thread on Linux (nice values are per thread there).
                return SetPriority(0, 0, nice) == 0;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return false;
            }
        }
        Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
        return true;
    }

    /// <summary>The calling thread's nice value from /proc (Linux; null elsewhere or when it cannot be read): for tests and measurements.</summary>
    public static int? NiceOfThisThread()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/thread-self/stat"))
            return null;
        // Fields after the command's closing parenthesis: state is field 3, nice field 19.
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[19 - 3], System.Globalization.CultureInfo.InvariantCulture);
    }

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);
}
