using Microsoft.Extensions.Options;

namespace Tenure.Web.Hosting;

/// <summary>
/// The server's lower-priority threads (<see cref="BackgroundScheduler"/>, ADR 0405) in two sets, so that work whose result
/// people read soon does not queue behind minutes of model work: <see cref="Grids"/> builds metric grids (seconds each;
/// the metric queries after it are answered from them), <see cref="Models"/> trains and scores the churn model and scores
/// the health history (minutes after a first start, on the two threads a grid waited behind in a first version).
/// </summary>
public sealed class BackgroundWork : IDisposable
{
    public BackgroundWork(IOptions<CacheOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Grids = new BackgroundScheduler(Environment.ProcessorCount, options.Value.BackgroundNice, "Tenure grids");
        Models = new BackgroundScheduler(Environment.ProcessorCount, options.Value.BackgroundNice, "Tenure models");
    }

    /// <summary>Metric grids' builds.</summary>
    public BackgroundScheduler Grids { get; }

    /// <summary>The churn model's training and scoring, the health history's scores.</summary>
    public BackgroundScheduler Models { get; }

    public void Dispose()
    {
        Grids.Dispose();
        Models.Dispose();
    }
}
