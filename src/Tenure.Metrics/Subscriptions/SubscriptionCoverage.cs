using System.Buffers;
using System.Runtime.CompilerServices;

using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Subscriptions;

/// <summary>
/// Per account, when it is a paying customer: its paying periods with their normalised MRR, the
/// merged intervals [start, end) during which at least one paying period covers it, and the start
/// of its first paying period. Built once; read by every calculator that needs "active at t".
/// With a churn grace (METRICS.md "Churn grace"), a gap in paid coverage shorter than the grace is
/// covered by a grace period at the MRR the account had just before the gap, so every reader (customer
/// counts, MRR and its movements, renewals, drill-downs) sees the account stay a customer through it.
/// </summary>
public sealed class SubscriptionCoverage
{
    // Every account's paying periods in one array, an account's in a range of it (ADR 0365: one large array, not an array an
    // account, so it is made where the read's large arrays were freed), periods going on one another as one (ADR 0475); an
    // account whose periods grew by grace periods has an array of its own.
    private readonly PaidPeriod[] paid;
    private readonly int[] paidStart;
    private readonly int[] paidCount;
    private readonly PaidPeriod[]?[]? ownPaid;
    private readonly Interval[][] active;
    private readonly SubscriptionLedger.MrrChange[]?[] changes;

    [ThreadStatic]
    private static List<SubscriptionLedger.MrrChange>? scratch;

    private SubscriptionCoverage(PaidPeriod[] paid, int[] paidStart, int[] paidCount, PaidPeriod[]?[]? ownPaid, Interval[][] active, DateTime?[] firstPayingStart)
    {
        this.paid = paid;
        this.paidStart = paidStart;
        this.paidCount = paidCount;
        this.ownPaid = ownPaid;
        this.active = active;
        FirstPayingStart = firstPayingStart;
        changes = new SubscriptionLedger.MrrChange[]?[paidStart.Length];
    }

    /// <summary>
    /// The account's MRR changes (<see cref="SubscriptionLedger.Changes"/>), worked out on first use and kept: a coverage
    /// shared by requests (docs/adr/0210) sorts and nets each account's periods once, not once per request. Read-only.
    /// </summary>
    public ReadOnlySpan<SubscriptionLedger.MrrChange> MrrChanges(int account)
    {
        var kept = Volatile.Read(ref changes[account]);
        if (kept is null)
        {
            // The thread's list, reused account after account: only the exact array is kept.
            var list = scratch ??= [];
            SubscriptionLedger.Changes(this, account, list);
            kept = [.. list];
            // Two threads may both work it out; they get equal arrays and either is kept.
            Volatile.Write(ref changes[account], kept);
        }
        return kept;
    }

    /// <summary>
    /// A paying period of an account: [Start, End) with End = DateTime.MaxValue when open; one row of subscriptions.csv, or
    /// several billed per day, week or month that go on one another at the same MRR (ADR 0475). A grace period
    /// (<see cref="IsGrace"/>) is no row of subscriptions.csv: it covers a gap shorter than the churn grace
    /// at the MRR of the state just before the gap, and is never a contract up for renewal.
    /// </summary>
    public readonly record struct PaidPeriod(DateTime Start, DateTime End, decimal Mrr, BillingInterval Interval, bool IsGrace = false);

    /// <summary>A merged interval of paying coverage, [Start, End); End = DateTime.MaxValue when open.</summary>
    public readonly record struct Interval(DateTime Start, DateTime End);

    /// <summary>The account's paying periods ordered by start; periods billed per day, week or month that go on one another unchanged are one (ADR 0475).</summary>
    public ReadOnlySpan<PaidPeriod> Paid(int account) => ownPaid?[account] ?? paid.AsSpan(paidStart[account], paidCount[account]);

    /// <summary>Per account, the start of its first paying period, or null if it never paid.</summary>
    public IReadOnlyList<DateTime?> FirstPayingStart { get; }

    /// <summary>Per account, the merged intervals during which it is a paying customer.</summary>
    public ReadOnlySpan<Interval> ActiveIntervals(int account) => active[account];

    /// <summary>The coverage of every account of <paramref name="accounts"/>.</summary>
    /// <param name="accounts">The numbered accounts.</param>
    /// <param name="subscriptions">The subscription periods; those that are not paying are left out.</param>
    /// <param name="churnGraceDays">
    /// A gap between two stretches of paid coverage shorter than this many days (end of one to start of
    /// the next) is covered at the MRR just before it; 0 (default) covers no gap.
    /// </param>
    public static SubscriptionCoverage Build(AccountDirectory accounts, IReadOnlyList<SubscriptionPeriod> subscriptions, int churnGraceDays = 0)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(subscriptions);
        ArgumentOutOfRangeException.ThrowIfNegative(churnGraceDays);
        var grace = TimeSpan.FromDays(churnGraceDays);
        var (items, offsets) = accounts.GroupByAccount(subscriptions, InputKinds.Subscriptions.AccountIdOf!);
        var counts = new int[accounts.Count];
        var own = grace > TimeSpan.Zero ? new PaidPeriod[]?[accounts.Count] : null;
        var active = new Interval[accounts.Count][];
        var first = new DateTime?[accounts.Count];
        // A block of accounts at a time: their periods go in a scratch array from the pool, each account's after the ones kept of
        // the account before (periods going on one another are one, so most rows keep no period of their own: ADR 0475),
        // and the block keeps an array of exactly those. An array as long as every row, written where each account's rows
        // are, was touched for the first time in full, for an eighth of it kept.
        var blockAccounts = BlockAccountsFor(accounts.Count, Environment.ProcessorCount);
        var blocks = new PaidPeriod[(accounts.Count + blockAccounts - 1) / blockAccounts][];
        Parallel.For(0, blocks.Length, InParallel.Here(), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (b) =>
        {
            var from = b * blockAccounts;
            var to = Math.Min(from + blockAccounts, accounts.Count);
            var room = offsets[to] - offsets[from];
            var block = ArrayPool<PaidPeriod>.Shared.Rent(room);
            var used = 0;
            for (var a = from; a < to; a++)
            {
                // The account's rows fit after the periods kept so far: each row keeps at most one period.
                var range = block.AsSpan(used, offsets[a + 1] - offsets[a]);
                var count = 0;
                SubscriptionPeriod? before = null;
                var mrrBefore = 0m;
                for (var i = offsets[a]; i < offsets[a + 1]; i++)
                {
                    var s = items[i];
                    // A subscription's periods one after another mostly share their terms: the MRR of the one before, unless
                    // it is a term's (spread over the period's own length).
                    var mrr = before is not null && s.SharesTermsWith(before) && s.Interval != BillingInterval.Term
                        ? mrrBefore
                        : NormalisedMrr.Of(s);
                    before = s;
                    mrrBefore = mrr;
                    if (mrr <= 0m)
                        continue;
                    var end = s.End ?? DateTime.MaxValue;
                    if (Continued(range[..count], s.Start, mrr, s.Interval) is var k and >= 0)
                        range[k] = range[k] with { End = end };
                    else
                        range[count++] = new PaidPeriod(s.Start, end, mrr, s.Interval);
                }
                Span<PaidPeriod> periods = range[..count];
                SortByStart(periods);
                var merged = Merge(periods);
                if (own is not null && CoverGaps(periods, merged, grace) is { } covered)
                {
                    SortByStart(covered);
                    merged = Merge(covered);
                    own[a] = covered;
                    periods = covered;
                }
                counts[a] = count;
                active[a] = merged;
                first[a] = periods.Length > 0 ? periods[0].Start : null;
                used += count;
            }
            blocks[b] = block.AsSpan(0, used).ToArray();
            ArrayPool<PaidPeriod>.Shared.Return(block);
        });
        return new SubscriptionCoverage(Join(blocks, counts, out var starts), starts, counts, own, active, first);
    }

    /// <summary>
    /// How many of <paramref name="accounts"/> accounts <see cref="Build"/> takes at a time on <paramref name="cores"/> cores:
    /// four blocks a core or more, so the cores finish together, and 64 to 2,048 accounts a block, so a block's scratch
    /// array stays small (about 30,000 periods, 1.2 MB, for 2,048 of the peer's accounts) and is taken again from the pool.
    /// </summary>
    private static int BlockAccountsFor(int accounts, int cores) => Math.Clamp(accounts / (4 * Math.Max(1, cores)), 64, 2048);

    /// <summary>
    /// Which of the last few of <paramref name="periods"/> (an account's so far) a paying period starting at
    /// <paramref name="start"/> goes on (<see cref="Continues"/>), or -1: its subscription's period before it is among them
    /// when the account's other subscriptions' rows come between them, as in a file by date.
    /// </summary>
    private static int Continued(ReadOnlySpan<PaidPeriod> periods, DateTime start, decimal mrr, BillingInterval interval)
    {
        for (var k = periods.Length - 1; k >= 0 && k >= periods.Length - ContinuedWithin; k--)
        {
            if (Continues(periods[k], start, mrr, interval))
                return k;
        }
        return -1;
    }

    /// <summary>How many of an account's latest paying periods <see cref="Continued"/> looks at.</summary>
    private const int ContinuedWithin = 4;

    /// <summary>
    /// Whether a paying period starting at <paramref name="start"/> at <paramref name="mrr"/> billed per
    /// <paramref name="interval"/> goes on <paramref name="last"/> as one period (ADR 0475): it starts where the last ends,
    /// at the same MRR to the digit (49 and 49.00 stay apart: a total keeps its amounts' scale), and it is billed per day,
    /// week or month, whose periods' ends nothing counts (a quarter's, a year's and a term's are contracts up for renewal).
    /// A monthly subscription renewed unchanged is one paying period however many rows it has: the MRR at every instant,
    /// the changes and the stretches of coverage are those of the rows.
    /// </summary>
    private static bool Continues(in PaidPeriod last, DateTime start, decimal mrr, BillingInterval interval) =>
        last.End == start && interval is (BillingInterval.Day or BillingInterval.Week or BillingInterval.Month)
        && last.Interval == interval && !last.IsGrace && last.Mrr == mrr && last.Mrr.Scale == mrr.Scale;

    /// <summary>
    /// The blocks' paying periods (<see cref="Build"/>: <see cref="BlockAccountsFor"/> accounts each, every account's
    /// <paramref name="counts"/> periods one after another) in one array of their exact length, each account's from
    /// <paramref name="starts"/>, so a tenant keeps its coverage in one array.
    /// </summary>
    private static PaidPeriod[] Join(PaidPeriod[][] blocks, int[] counts, out int[] starts)
    {
        starts = new int[counts.Length];
        var total = 0;
        for (var a = 0; a < counts.Length; a++)
        {
            starts[a] = total;
            total += counts[a];
        }
        var joined = new PaidPeriod[total];
        var at = 0;
        foreach (var block in blocks)
        {
            block.CopyTo(joined, at);
            at += block.Length;
        }
        return joined;
    }

    /// <summary>
    /// The coverage of a segment's accounts (<see cref="Drilldown.SegmentFilter.Apply"/>) from <paramref name="whole"/>, the
    /// whole data set's under the same grace: an account's subscriptions are all of the whole's for it or none (a record is
    /// in a segment by its account), so its paying periods, intervals and kept MRR changes are the whole's, shared.
    /// <paramref name="wholeOffsets"/> and <paramref name="offsets"/> are the subscriptions grouped by account in each
    /// (<see cref="AccountDirectory.GroupByAccount"/>), <paramref name="wholeAccountOf"/> each account's number in the whole.
    /// Null when an account's subscriptions are not the whole's (then the coverage is built).
    /// </summary>
    internal static SubscriptionCoverage? Narrow(SubscriptionCoverage whole, int[] wholeOffsets, int[] offsets, int[] wholeAccountOf)
    {
        var count = offsets.Length - 1;
        // The whole's array of periods, each account's range (or array of its own) as the whole's.
        var coverage = new SubscriptionCoverage(whole.paid, new int[count], new int[count], whole.ownPaid is null ? null : new PaidPeriod[]?[count],
            new Interval[count][], new DateTime?[count]);
        var first = (DateTime?[])coverage.FirstPayingStart;
        Array.Fill(coverage.active, []); // an account without subscriptions here is active never
        var same = AccountDirectory.ForEachAccountAsInWhole(offsets, wholeOffsets, wholeAccountOf, (a, w) =>
        {
            coverage.paidStart[a] = whole.paidStart[w];
            coverage.paidCount[a] = whole.paidCount[w];
            if (coverage.ownPaid is not null)
                coverage.ownPaid[a] = whole.ownPaid![w];
            coverage.active[a] = whole.active[w];
            first[a] = whole.FirstPayingStart[w];
            coverage.changes[a] = Volatile.Read(ref whole.changes[w]);
        });
        return same ? coverage : null;
    }

    /// <summary>
    /// Adds a grace period [end, next start) for every gap between merged intervals shorter than
    /// <paramref name="grace"/>, at the MRR of the paying periods covering the instant just before the gap
    /// (those ending at its start). The ledger then sees the old periods' end and the grace period's start
    /// net to nothing, and the grace period's end and the new start net to an expansion, a contraction or
    /// nothing. Returns the periods with the grace periods added (not sorted), or null when no gap was covered.
    /// </summary>
    private static PaidPeriod[]? CoverGaps(ReadOnlySpan<PaidPeriod> periods, Interval[] merged, TimeSpan grace)
    {
        List<PaidPeriod>? covers = null;
        for (var k = 0; k + 1 < merged.Length; k++)
        {
            var end = merged[k].End;
            var next = merged[k + 1].Start;
            if (next - end >= grace) continue; // "shorter than the grace": a gap of exactly the grace is churn
            var mrr = 0m;
            foreach (var period in periods)
            {
                if (period.Start < end && period.End == end) mrr += period.Mrr;
            }
            (covers ??= []).Add(new PaidPeriod(end, next, mrr, BillingInterval.Term, IsGrace: true));
        }
        return covers is null ? null : [.. periods, .. covers];
    }

    private static readonly Comparison<PaidPeriod> ByStart = (x, y) => x.Start.CompareTo(y.Start);

    /// <summary>
    /// Sorts an account's paying periods by start: by insertion, optimized from the first call, for the periods most accounts
    /// have, which come nearly in order (a file sorted by account and start: one pass); the runtime's sort past
    /// <see cref="InsertionLimit"/>. (The runtime's sort of this struct is compiled at run time and stayed unoptimized
    /// through a batch run, ADR 0370.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SortByStart(Span<PaidPeriod> periods)
    {
        if (periods.Length > InsertionLimit)
        {
            periods.Sort(ByStart);
            return;
        }
        for (var i = 1; i < periods.Length; i++)
        {
            var period = periods[i];
            var j = i - 1;
            for (; j >= 0 && periods[j].Start > period.Start; j--)
                periods[j + 1] = periods[j];
            periods[j + 1] = period;
        }
    }

    /// <summary>The most periods <see cref="SortByStart"/> sorts by insertion.</summary>
    private const int InsertionLimit = 256;

    /// <summary>The stretches of coverage of <paramref name="sorted"/> (by start): counted first, so the array is made once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Interval[] Merge(ReadOnlySpan<PaidPeriod> sorted)
    {
        if (sorted.Length == 0) return [];
        // Touching periods (one ends the day the next starts) are one stretch of coverage.
        var stretches = 1;
        var end = sorted[0].End;
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Start > end)
                stretches++;
            if (sorted[i].Start > end || sorted[i].End > end)
                end = sorted[i].End;
        }
        var merged = new Interval[stretches];
        var m = 0;
        var start = sorted[0].Start;
        end = sorted[0].End;
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Start <= end)
            {
                if (sorted[i].End > end) end = sorted[i].End;
                continue;
            }
            merged[m++] = new Interval(start, end);
            start = sorted[i].Start;
            end = sorted[i].End;
        }
        merged[m] = new Interval(start, end);
        return merged;
    }

    /// <summary>True when a paying period covers <paramref name="instant"/> (start &lt;= instant &lt; end).</summary>
    public bool IsActiveAt(int account, DateTime instant)
    {
        foreach (var interval in active[account])
        {
            if (interval.Start > instant) return false;
            if (instant < interval.End) return true;
        }
        return false;
    }

    /// <summary>
    /// The state just before <paramref name="instant"/>, after every change earlier than it: the
    /// opening state of a period starting there, the closing state of one ending there.
    /// </summary>
    public bool IsActiveJustBefore(int account, DateTime instant)
    {
        foreach (var interval in active[account])
        {
            if (interval.Start >= instant) return false;
            if (interval.End >= instant) return true;
        }
        return false;
    }

    /// <summary>True when the account had a paying period starting before <paramref name="instant"/>.</summary>
    public bool PaidBefore(int account, DateTime instant) =>
        FirstPayingStart[account] is { } first && first < instant;
}
