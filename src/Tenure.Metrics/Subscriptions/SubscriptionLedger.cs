using System.Buffers;
using System.Runtime.CompilerServices;

using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Tallies;

namespace Tenure.Metrics.Subscriptions;

/// <summary>
/// Customer counts and MRR movements per period and segment (METRICS.md "Customers and
/// subscriptions" and "Recurring revenue"). Movements are classified per account at every instant
/// its MRR changes, after netting the changes of that instant, so closing MRR = opening MRR + new +
/// reactivation + expansion - contraction - churn holds per account and in total, by construction.
/// </summary>
public sealed class SubscriptionLedger
{
    private SubscriptionLedger(PeriodSegmentGrid<SubscriptionTally> tallies) => Tallies = tallies;

    /// <summary>The tally of each period and segment.</summary>
    public PeriodSegmentGrid<SubscriptionTally> Tallies { get; }

    /// <summary>One MRR change of one account: from <see cref="Before"/> to <see cref="After"/> at <see cref="At"/>.</summary>
    public readonly record struct MrrChange(DateTime At, decimal Before, decimal After, MrrMovementKind Kind)
    {
        public decimal Amount => Kind switch
        {
            MrrMovementKind.Churn => Before,
            MrrMovementKind.Contraction => Before - After,
            MrrMovementKind.New or MrrMovementKind.Reactivation => After,
            _ => After - Before,
        };
    }

    public static SubscriptionLedger Build(MetricContext context)
    {
        var total = context.NewGrid<SubscriptionTally>();
        var gate = new Lock();
        Parallel.For(
            0,
            context.Accounts.Count,
            InParallel.Here(context.CancellationToken),
            () => new AccountTallies(context),
            (account, _, local) =>
            {
                try
                {
                    TallyAccount(context, account, local);
                }
                catch (OverflowException e)
                {
                    // Name the account whose MRR overflows (data stored around the input limits).
                    var id = context.Accounts.Accounts[account]?.AccountId;
                    throw new DataOverflowException(null, id is null ? null : $"the MRR of account {id}", e);
                }
                return local;
            },
            local =>
            {
                local.AddThroughout();
                lock (gate) total.Add(local.Grid);
            });
        return new SubscriptionLedger(total);
    }

    /// <summary>
    /// One thread's tallies: the grid, and the customers throughout runs of periods in which their MRR did not move, as
    /// differences over the periods (an account adds at its run's first period and takes away after its last, so a long
    /// unchanged run costs two additions, not one a period), added to the grid at the end (<see cref="AddThroughout"/>).
    /// </summary>
    /// <remarks>
    /// A decimal sum carries the largest scale of its terms (1300.15 + 0.000000000 is 1300.150000000): a running sum that
    /// took an account's MRR away again would keep its scale after it. So the differences also count the accounts of
    /// each scale, and each period's sum is brought back to the largest scale of the accounts it holds, which is exact
    /// (its digits beyond that scale are zeros) and is the scale the sum of those accounts alone has.
    /// </remarks>
    private sealed class AccountTallies(MetricContext context)
    {
        /// <summary>Scales a decimal can have: 0 to 28.</summary>
        private const int Scales = 29;

        private readonly int segments = context.Segments.Count;
        private readonly int[] throughoutCount = new int[(context.Periods.Count + 1) * context.Segments.Count];
        private readonly int[] throughoutScales = new int[(context.Periods.Count + 1) * context.Segments.Count * Scales];
        private readonly decimal[] throughoutMrr = new decimal[(context.Periods.Count + 1) * context.Segments.Count];

        public PeriodSegmentGrid<SubscriptionTally> Grid { get; } = context.NewGrid<SubscriptionTally>();

        /// <summary>Whether to count the contracts up for renewal: only the renewal rate reads them, and they cost a walk of every paid period.</summary>
        public bool Renewals { get; } = context.IsRequested(Customers.CustomerMetrics.RenewalRate);

        /// <summary>A customer at <paramref name="mrr"/> throughout the periods from <paramref name="from"/> to before <paramref name="to"/>.</summary>
        public void Throughout(int from, int to, int segment, decimal mrr)
        {
            throughoutCount[from * segments + segment]++;
            throughoutScales[(from * segments + segment) * Scales + mrr.Scale]++;
            throughoutMrr[from * segments + segment] += mrr;
            throughoutCount[to * segments + segment]--;
            throughoutScales[(to * segments + segment) * Scales + mrr.Scale]--;
            throughoutMrr[to * segments + segment] -= mrr;
        }

        public void AddThroughout()
        {
            var ofScale = new int[Scales];
            for (var s = 0; s < segments; s++)
            {
                var count = 0;
                var mrr = 0m;
                Array.Clear(ofScale);
                for (var p = 0; p < Grid.Periods; p++)
                {
                    var cell = p * segments + s;
                    count += throughoutCount[cell];
                    mrr += throughoutMrr[cell];
                    var largest = 0;
                    for (var scale = 0; scale < Scales; scale++)
                    {
                        ofScale[scale] += throughoutScales[cell * Scales + scale];
                        if (ofScale[scale] > 0) largest = scale;
                    }
                    if (count != 0)
                        Grid[p, s] = Grid[p, s].WithCustomersThroughout(count, mrr.Scale > largest ? decimal.Round(mrr, largest) : mrr);
                }
            }
        }
    }

    /// <summary>
    /// The MRR changes of one account in time order, same-instant changes netted, each classified:
    /// new (from 0, never paid before), reactivation (from 0, paid before), expansion, contraction,
    /// churn (to 0). Changes that net to zero are left out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Changes(SubscriptionCoverage coverage, int account, List<MrrChange> changes)
    {
        changes.Clear();
        var paid = coverage.Paid(account);
        if (paid.Length == 0) return;
        // A buffer of the pool, as this runs once an account: only the changes are kept.
        var deltas = ArrayPool<(long At, decimal Delta)>.Shared.Rent(paid.Length * 2);
        var n = 0;
        var inOrder = true;
        foreach (var period in paid)
        {
            // Periods one after another (each starting where the one before ended) give their deltas in time order already.
            inOrder &= n == 0 || deltas[n - 1].At <= period.Start.Ticks;
            deltas[n++] = (period.Start.Ticks, period.Mrr);
            if (period.End != DateTime.MaxValue)
            {
                inOrder &= period.Start <= period.End;
                deltas[n++] = (period.End.Ticks, -period.Mrr);
            }
        }
        // Deltas at the same instant are summed, so their order among themselves does not matter (nor does the sort's).
        if (!inOrder)
            deltas.AsSpan(0, n).Sort(new ByAt());

        var level = 0m;
        var paidBefore = false;
        var i = 0;
        while (i < n)
        {
            var at = deltas[i].At;
            var delta = 0m;
            for (; i < n && deltas[i].At == at; i++)
                delta += deltas[i].Delta;
            if (delta == 0m) continue;
            var before = level;
            var after = level + delta;
            var kind = before == 0m
                ? (paidBefore ? MrrMovementKind.Reactivation : MrrMovementKind.New)
                : after == 0m ? MrrMovementKind.Churn
                : after > before ? MrrMovementKind.Expansion
                : MrrMovementKind.Contraction;
            changes.Add(new MrrChange(new DateTime(at, DateTimeKind.Utc), before, after, kind));
            level = after;
            paidBefore |= after > 0m;
        }
        ArrayPool<(long At, decimal Delta)>.Shared.Return(deltas);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TallyAccount(MetricContext context, int account, AccountTallies tallies)
    {
        var coverage = context.Coverage;
        var changes = coverage.MrrChanges(account);
        if (changes.Length == 0) return;
        var grid = tallies.Grid;
        var segment = context.SegmentOf(account);
        var periods = context.Periods;
        var first = coverage.FirstPayingStart[account];

        var level = 0m;
        var c = 0;
        for (var p = 0; p < periods.Count; p++)
        {
            var period = periods[p];
            for (; c < changes.Length && changes[c].At < period.Start; c++)
                level = changes[c].After;
            var opening = level;
            var firstInPeriod = c;

            // Periods without a change from here (and not the first paying start's): a customer throughout them at the
            // same MRR, or not one; skipped in one step. A later period may hold none either (a change in a gap between
            // periods): it is then counted below as one without a change.
            var next = c < changes.Length ? context.FirstPeriodEndingAfter(changes[c].At) : periods.Count;
            if (first is { } start && start >= period.Start)
                next = Math.Min(next, context.FirstPeriodEndingAfter(start));
            if (next > p)
            {
                if (opening > 0m)
                    tallies.Throughout(p, next, segment, opening);
                else if (c >= changes.Length && first < period.Start)
                    break; // gone for good: nothing more to count for this account
                p = next - 1;
                continue;
            }

            decimal newMrr = 0, reactivationMrr = 0, expansionMrr = 0, contractionMrr = 0, churnedMrr = 0;
            int expansions = 0, contractions = 0;
            bool churnedInPeriod = false, reactivatedInPeriod = false;
            for (; c < changes.Length && changes[c].At < period.End; c++)
            {
                var change = changes[c];
                switch (change.Kind)
                {
                    case MrrMovementKind.New: newMrr += change.Amount; break;
                    case MrrMovementKind.Reactivation: reactivationMrr += change.Amount; reactivatedInPeriod = true; break;
                    case MrrMovementKind.Expansion: expansionMrr += change.Amount; expansions++; break;
                    case MrrMovementKind.Contraction: contractionMrr += change.Amount; contractions++; break;
                    case MrrMovementKind.Churn: churnedMrr += change.Amount; churnedInPeriod = true; break;
                }
                level = change.After;
            }
            var closing = level;
            if (opening == 0m && closing == 0m && !churnedInPeriod && c >= changes.Length && first < period.Start)
                break; // gone for good: nothing more to count for this account
            var isNew = first is { } f && period.Contains(f);
            if (c == firstInPeriod && !isNew)
            {
                // No change in the period: a customer throughout at the same MRR (S and E, nothing moved), or not one.
                // (A first paying start in it is always a change, except for a period that ends where it starts, which
                // the readers refuse; such data is counted in full below.)
                if (opening > 0m)
                    tallies.Throughout(p, p + 1, segment, opening);
                continue;
            }

            var inOpeningBase = opening > 0m;
            ref var tally = ref grid[p, segment];
            tally += new SubscriptionTally
            {
                Opening = inOpeningBase ? 1 : 0,
                Closing = closing > 0m ? 1 : 0,
                New = isNew ? 1 : 0,
                Churned = churnedInPeriod && closing == 0m ? 1 : 0,
                ChurnedFromOpening = inOpeningBase && closing == 0m ? 1 : 0,
                Reactivated = reactivatedInPeriod ? 1 : 0,
                OpeningMrr = opening,
                ClosingMrr = closing,
                NewMrr = newMrr,
                ReactivationMrr = reactivationMrr,
                ExpansionMrr = expansionMrr,
                ContractionMrr = contractionMrr,
                ChurnedMrr = churnedMrr,
                Expansions = expansions,
                Contractions = contractions,
                OpeningBaseExpansionMrr = inOpeningBase ? expansionMrr : 0m,
                OpeningBaseContractionMrr = inOpeningBase ? contractionMrr : 0m,
                OpeningBaseChurnedMrr = inOpeningBase ? churnedMrr : 0m,
            };
        }

        if (tallies.Renewals)
            TallyRenewals(context, account, segment, grid);
    }

    /// <summary>
    /// Up for renewal: a paying period billed per quarter, year or term whose end falls in P, and an
    /// open quarterly or yearly period whose anniversary falls in P. Renewed: a paying period covers
    /// that instant, or one starts within the renewal grace days after it. A churn grace period covering
    /// the end counts as coverage (the account paid again within the churn grace, so it stays a customer
    /// and renewed), but is itself never a contract up for renewal.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TallyRenewals(MetricContext context, int account, int segment, PeriodSegmentGrid<SubscriptionTally> grid)
    {
        var coverage = context.Coverage;
        var paid = coverage.Paid(account);
        var grace = TimeSpan.FromDays(context.Options.RenewalGraceDays);
        var periods = context.Periods;
        if (periods.Count == 0) return;
        var rangeEnd = periods[^1].End;
        foreach (var period in paid)
        {
            if (period.IsGrace || period.Interval is not (BillingInterval.Quarter or BillingInterval.Year or BillingInterval.Term))
                continue;
            if (period.End != DateTime.MaxValue)
            {
                var p = context.PeriodOf(period.End);
                if (p < 0) continue;
                var renewed = coverage.IsActiveAt(account, period.End) || StartsWithin(paid, period.End, period.End + grace);
                grid[p, segment] += new SubscriptionTally { UpForRenewal = 1, Renewed = renewed ? 1 : 0 };
                continue;
            }
            if (period.Interval == BillingInterval.Term) continue;
            var months = period.Interval == BillingInterval.Quarter ? 3 : 12;
            for (var k = 1; ; k++)
            {
                var anniversary = period.Start.AddMonths(k * months);
                if (anniversary >= rangeEnd) break;
                var p = context.PeriodOf(anniversary);
                if (p < 0) continue;
                // An open period covers each of its anniversaries, so it always renews.
                grid[p, segment] += new SubscriptionTally { UpForRenewal = 1, Renewed = 1 };
            }
        }
    }

    private static bool StartsWithin(ReadOnlySpan<SubscriptionCoverage.PaidPeriod> paid, DateTime after, DateTime until)
    {
        foreach (var period in paid)
        {
            if (!period.IsGrace && period.Start > after && period.Start <= until) return true;
        }
        return false;
    }

    /// <summary>MRR deltas by instant (a struct, so the sort is made for it and compares without a call).</summary>
    private readonly struct ByAt : IComparer<(long At, decimal Delta)>
    {
        public int Compare((long At, decimal Delta) x, (long At, decimal Delta) y) => x.At.CompareTo(y.At);
    }
}

/// <summary>How an account's MRR changed at one instant (METRICS.md "Recurring revenue").</summary>
public enum MrrMovementKind { New, Reactivation, Expansion, Contraction, Churn }
