using System.Numerics;
using System.Runtime.CompilerServices;

using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;
using Tenure.Metrics.Revenue;
using Tenure.Metrics.Subscriptions;
using Tenure.Metrics.Tallies;

namespace Tenure.Metrics.Engine;

/// <summary>
/// What every calculator works from: the data, the periods, the numbered accounts, their segments
/// and the subscription coverage (who is a paying customer when), built once per request.
/// </summary>
public sealed class MetricContext
{
    private readonly long[] periodStarts;

    /// <summary>The end of the last period, in ticks.</summary>
    private readonly long rangeEndTicks;
    private readonly Lazy<SubscriptionCoverage> coverage;
    private readonly Lazy<SubscriptionLedger> ledger;
    private readonly Lazy<PeriodSegmentGrid<InvoiceTally>> invoices;
    private readonly HashSet<string> requested;

    /// <param name="data">The data set the metrics are computed over.</param>
    /// <param name="request">The range, granularity, split and options.</param>
    /// <param name="cancellationToken">Checked by the calculators between accounts and periods (<see cref="ThrowIfCancellationRequested"/>).</param>
    public MetricContext(TenureDataSet data, MetricRequest request, CancellationToken cancellationToken = default)
    {
        CancellationToken = cancellationToken;
        Data = data;
        Options = request.Options ?? new MetricOptions();
        Periods = PeriodCalendar.Split(request.From, request.To, request.Granularity, request.RangeCuts);
        periodStarts = [.. Periods.Select(p => p.Start.Ticks)];
        rangeEndTicks = Periods.Count == 0 ? long.MinValue : Periods[^1].End.Ticks;
        // The parts that do not depend on the request are built once per data set and shared (docs/adr/0210).
        var shared = SharedDerivations.Of(data);
        Accounts = shared.Accounts;
        // Built on first use: the calculators that never read it (support, usage, surveys) start without waiting for it.
        coverage = new Lazy<SubscriptionCoverage>(() => shared.Coverage(Options.ChurnGraceDays));
        Segments = shared.Segments(request.By, Options.ChurnGraceDays, request.Within);
        ledger = new Lazy<SubscriptionLedger>(() => SubscriptionLedger.Build(this));
        invoices = new Lazy<PeriodSegmentGrid<InvoiceTally>>(() => InvoiceLedger.Build(this));
        requested = new HashSet<string>(request.Metrics ?? [], StringComparer.Ordinal);
    }

    public TenureDataSet Data { get; }

    /// <summary>The request's cancellation (the client went away): long loops call <see cref="ThrowIfCancellationRequested"/>.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Stops the computation with <see cref="OperationCanceledException"/> once the request is cancelled; cheap enough per account.</summary>
    public void ThrowIfCancellationRequested() => CancellationToken.ThrowIfCancellationRequested();

    public MetricOptions Options { get; }

    public IReadOnlyList<Period> Periods { get; }

    public AccountDirectory Accounts { get; }

    public Segmentation Segments { get; }

    /// <summary>Who is a paying customer when (empty when subscriptions.csv was not given), with the options' churn grace; built on first use.</summary>
    public SubscriptionCoverage Coverage => coverage.Value;

    /// <summary>Customer counts and MRR movements per period and segment, computed on first use.</summary>
    public SubscriptionLedger Ledger => ledger.Value;

    /// <summary>Invoiced revenue per period and segment, computed on first use.</summary>
    public PeriodSegmentGrid<InvoiceTally> Invoices => invoices.Value;

    /// <summary>True when <paramref name="metricId"/> was asked for (or every metric was).</summary>
    public bool IsRequested(string metricId) => requested.Count == 0 || requested.Contains(metricId);

    /// <summary>The index of the period holding <paramref name="instant"/>, or -1 when it is outside every period.</summary>
    /// <remarks>
    /// Called for every dated row, so optimized from its first call and searching by hand: the runtime's generic
    /// <c>Array.BinarySearch</c> over <c>long</c> is compiled at run time and stayed unoptimized through a batch run (ADR 0370).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int PeriodOf(DateTime instant)
    {
        var starts = periodStarts;
        var ticks = instant.Ticks;
        if (starts.Length == 0 || ticks < starts[0] || ticks >= rangeEndTicks)
            return -1;
        // The last period starting at or before the instant.
        int low = 0, high = starts.Length - 1;
        while (low < high)
        {
            var middle = (low + high + 1) >>> 1;
            if (starts[middle] <= ticks)
                low = middle;
            else
                high = middle - 1;
        }
        return low;
    }

    /// <summary>
    /// The index of the first period whose end is after <paramref name="instant"/>: 0 when the instant
    /// is before the range, <c>Periods.Count</c> when it is at or after the range's end. Something that
    /// holds from t on is in the closing state of exactly the periods from this index on.
    /// </summary>
    public int FirstPeriodEndingAfter(DateTime instant)
    {
        // From the periods' ticks (a call per ticket of a backlog): the same answers as from Periods.
        var starts = periodStarts;
        var ticks = instant.Ticks;
        if (starts.Length == 0 || ticks >= rangeEndTicks) return starts.Length;
        return ticks < starts[0] ? 0 : PeriodOf(instant);
    }

    /// <summary>Whether <paramref name="instant"/> is before the first period's start; false when there is no period.</summary>
    public bool IsBeforeRange(DateTime instant) => periodStarts.Length > 0 && instant.Ticks < periodStarts[0];

    /// <summary>The segment of the account with index <paramref name="account"/>.</summary>
    public int SegmentOf(int account) => Segments.OfAccount[account];

    /// <summary>The segment of <paramref name="accountId"/>; an id not in the data goes to "(none)".</summary>
    public int SegmentOf(string? accountId) => Segments.Of(Accounts, accountId);

    /// <summary>A new empty grid of <typeparamref name="T"/> tallies, one per period and segment.</summary>
    public PeriodSegmentGrid<T> NewGrid<T>() where T : struct, IAdditionOperators<T, T, T> =>
        new(Periods.Count, Segments.Count);
}
