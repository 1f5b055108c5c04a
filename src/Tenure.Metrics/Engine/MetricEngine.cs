using System.Collections.Concurrent;

using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Customers;
using Tenure.Metrics.Growth;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Revenue;
using Tenure.Metrics.Support;
using Tenure.Metrics.Surveys;
using Tenure.Metrics.Usage;
using Tenure.Metrics.Value;
using Tenure.Metrics.Work;

namespace Tenure.Metrics.Engine;

/// <summary>
/// Computes metrics of the catalogue over a data set: for each requested metric, each period of the
/// request and each segment ("all", then each segment when split). Pure and deterministic: the same
/// data and request give the same results, in the same order.
/// </summary>
public static class MetricEngine
{
    /// <summary>The calculators, one per area of the catalogue.</summary>
    public static IReadOnlyList<IMetricCalculator> Calculators { get; } =
    [
        new CustomerCalculator(),
        new RevenueCalculator(),
        new ValueCalculator(),
        new SurveyCalculator(),
        new SupportCalculator(),
        new UsageCalculator(),
        new GrowthCalculator(),
        new WorkCalculator(),
    ];

    /// <summary>
    /// The results of <paramref name="request"/> over <paramref name="data"/>. A metric whose input
    /// files are absent gets one result per period for segment "all" with <see cref="MetricResult.Unavailable"/>
    /// set ("needs subscriptions.csv"), never a made-up 0. With <see cref="MetricRequest.Limits"/>, a request over
    /// them is refused before computing.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown metric id.</exception>
    /// <exception cref="MetricLimitException">The request is over its <see cref="MetricRequest.Limits"/>.</exception>
    public static IReadOnlyList<MetricResult> Compute(TenureDataSet data, MetricRequest request) =>
        ComputeCancellable(data, request, CancellationToken.None);

    /// <summary>
    /// <see cref="Compute(TenureDataSet, MetricRequest)"/> without the computed "all" figures of a split
    /// (<see cref="MetricPartials.FinishSegments"/>): for a table of the segments, which shows no total. Finishing "all"
    /// merges every segment's state, a duration's every observation sorted and added again.
    /// </summary>
    public static IReadOnlyList<MetricResult> ComputeSegments(TenureDataSet data, MetricRequest request) =>
        ComputePartials(data, request).FinishSegments();

    /// <summary>
    /// <see cref="Compute(TenureDataSet, MetricRequest)"/> that stops with <see cref="OperationCanceledException"/> once
    /// <paramref name="cancellationToken"/> is cancelled (checked between stages, accounts and periods): a request whose
    /// client went away stops its work. (A name of its own, so callers without a token keep the short form.)
    /// </summary>
    /// <exception cref="ArgumentException">An unknown metric id.</exception>
    /// <exception cref="MetricLimitException">The request is over its <see cref="MetricRequest.Limits"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyList<MetricResult> ComputeCancellable(TenureDataSet data, MetricRequest request, CancellationToken cancellationToken) =>
        ComputePartials(data, request, cancellationToken).Finish(cancellationToken);

    /// <summary>
    /// The partial result of <paramref name="request"/> over <paramref name="data"/>: per metric, the mergeable states it is
    /// finished from. <see cref="ComputeCancellable"/> is this, finished; over a partition of the accounts (an account's
    /// rows all in one partition), the partials of every partition merge (<see cref="MetricPartials.Merge"/>) and finish to
    /// the figures of the whole.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown metric id.</exception>
    /// <exception cref="MetricLimitException">The request is over its <see cref="MetricRequest.Limits"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static MetricPartials ComputePartials(TenureDataSet data, MetricRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(request);
        var ids = request.Metrics is { Count: > 0 } asked ? asked : MetricCatalogue.All.Select(d => d.Id).ToList();
        foreach (var id in ids)
        {
            if (!MetricCatalogue.TryGet(id, out _))
                throw new ArgumentException($"Unknown metric '{id}'. `tenure metrics list` shows the catalogue.", nameof(request));
        }

        if (request.Limits?.PeriodsProblem(request.From, request.To, request.Granularity) is { } tooManyPeriods)
            throw new MetricLimitException(tooManyPeriods);
        cancellationToken.ThrowIfCancellationRequested();

        var context = new MetricContext(data, request with { Metrics = ids }, cancellationToken);
        if (request.Limits?.ResultsProblem(context.Periods.Count, context.Segments.ResultCount, ids.Count) is { } tooManyResults)
            throw new MetricLimitException(tooManyResults);
        var sink = new MetricSink(context);
        var areas = ids.Select(id => MetricCatalogue.Get(id).Area).ToHashSet();
        var calculators = Calculators.Where(c => areas.Contains(c.Area)).ToList();
        // The shared ledger is built once, on its own, while the calculators that do not read it run; those that do (the
        // areas of the metrics over subscriptions) wait for it, and start last. It runs where the parallel loop below does
        // (the current scheduler: a server's background work keeps it on its own threads).
        var readSubscriptions = ids.Where(id => (MetricCatalogue.Get(id).Inputs & InputKind.Subscriptions) != 0).ToList();
        var ledgerAreas = data.Has(InputKind.Subscriptions) ? readSubscriptions.Select(id => MetricCatalogue.Get(id).Area).ToHashSet() : [];
        var ledger = ledgerAreas.Count > 0
            ? Task.Factory.StartNew(
                () => AsDataError(() => _ = context.Ledger, string.Join(", ", readSubscriptions)),
                cancellationToken, TaskCreationOptions.DenyChildAttach, TaskScheduler.Current)
            : Task.CompletedTask;
        try
        {
            // Each calculator is taken by the next free thread in this order: those that wait for the ledger last, the others
            // by the rows they read, most first, so that the longest does not start last and run alone.
            var order = calculators
                .OrderBy(c => ledgerAreas.Contains(c.Area))
                .ThenByDescending(c => RowsRead(data, ids, c.Area))
                .ToList();
            Parallel.ForEach(Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering), InParallel.Here(cancellationToken), calculator =>
            {
                // (Wait runs the ledger here should it not have started: no thread blocks on work still queued.)
                if (ledgerAreas.Contains(calculator.Area))
                    ledger.Wait(cancellationToken);
                AsDataError(() => calculator.Compute(context, sink), string.Join(", ", ids.Where(id => MetricCatalogue.Get(id).Area == calculator.Area)));
            });
            ledger.GetAwaiter().GetResult();
        }
        catch (AggregateException) when (ledger.IsFaulted)
        {
            // The ledger's own failure, as building it first threw it: its data error, or whatever else it threw.
            ledger.GetAwaiter().GetResult();
            throw;
        }
        catch (AggregateException e) when (OverflowIn(e) is DataOverflowException overflow)
        {
            throw overflow;
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OperationCanceledException) && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        cancellationToken.ThrowIfCancellationRequested();

        var segments = context.Segments;
        return new MetricPartials(
            ids, context.Periods, request.By, [.. segments.Labels], [.. Enumerable.Range(0, segments.Count).Select(segments.IsPopulated)],
            data.Present, new Dictionary<string, MetricPartial>(sink.Partials, StringComparer.Ordinal));
    }

    /// <summary>How many rows the metrics of <paramref name="ids"/> in <paramref name="area"/> read, over every kind they read (each kind once).</summary>
    private static long RowsRead(TenureDataSet data, IReadOnlyList<string> ids, MetricArea area)
    {
        var kinds = InputKind.None;
        foreach (var id in ids)
        {
            if (MetricCatalogue.Get(id) is { } definition && definition.Area == area)
                kinds |= definition.Inputs;
        }
        return InputKinds.All.Where(k => (k.Kind & kinds) != 0).Sum(k => (long)k.CountIn(data));
    }

    /// <summary>
    /// Runs <paramref name="compute"/>, turning an overflow of the checked arithmetic (figures too
    /// large for decimal) into a <see cref="DataOverflowException"/> naming <paramref name="metrics"/>:
    /// bad data is a data error, never a crash.
    /// </summary>
    internal static void AsDataError(Action compute, string metrics)
    {
        try
        {
            compute();
        }
        catch (Exception e) when (OverflowIn(e) is { } overflow)
        {
            throw overflow is DataOverflowException known ? known.InMetrics(metrics) : new DataOverflowException(metrics, null, overflow);
        }
    }

    /// <summary>The overflow behind <paramref name="e"/>, also from inside the parallel loops' <see cref="AggregateException"/>s; null when there is none.</summary>
    private static Exception? OverflowIn(Exception e) => e switch
    {
        DataOverflowException or OverflowException => e,
        AggregateException all => all.Flatten().InnerExceptions.Select(OverflowIn).FirstOrDefault(o => o is not null),
        _ => null,
    };
}
