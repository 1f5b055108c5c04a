using Tenure.Demo.Simulation;

namespace Tenure.Demo;

/// <summary>
/// Generates a realistic, deterministic demo data set: accounts over two years (plus earlier
/// history for about a fifth of them) with subscriptions and invoices, users and usage, surveys,
/// tickets, costs, offers, referrals, milestones, programs, CSM tasks and notes.
/// </summary>
/// <remarks>
/// Deterministic: the same <see cref="DemoOptions"/> give the same records, in the same order,
/// on every machine (System.Random seeded from <see cref="DemoOptions.Seed"/>; no clock).
/// Volumes scale linearly with the number of accounts: per account about 15 subscription rows,
/// 50 usage events, 5 tickets and 3 survey responses.
/// </remarks>
public sealed class DemoDataGenerator
{
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public DemoDataGenerator(DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    public DemoOptions Options { get; }

    /// <summary>
    /// Streams the data set one account at a time, in account order, then a last batch with the
    /// records that belong to no account (costs, internal tasks). The same <see cref="DemoBatch"/>
    /// instance is refilled for each account: read or copy it before moving on. Nothing but the
    /// current account is held in memory.
    /// </summary>
    /// <param name="progress">Told the number of accounts done, about a hundred times over the run.</param>
    public IEnumerable<DemoBatch> Batches(IProgress<int>? progress = null)
    {
        var world = new DemoWorld(Options);
        var batch = new DemoBatch();
        var simulator = new AccountSimulator(world, batch);
        var step = Math.Max(1, Options.Accounts / 100);
        for (var i = 0; i < Options.Accounts; i++)
        {
            batch.Clear();
            simulator.Simulate(i);
            yield return batch;
            if (progress is not null && ((i + 1) % step == 0 || i + 1 == Options.Accounts))
                progress.Report(i + 1);
        }
        batch.Clear();
        CompanyRecords.Write(world, batch);
        yield return batch;
    }

    /// <summary>
    /// The whole data set in memory, except usage: <see cref="DemoDataSet.Usage"/> regenerates the
    /// events each time it is enumerated (5 million events at 100,000 accounts).
    /// </summary>
    public static DemoDataSet Generate(DemoOptions options)
    {
        var generator = new DemoDataGenerator(options);
        var set = new DemoDataSet(generator);
        foreach (var batch in generator.Batches())
            set.Add(batch);
        return set;
    }
}
